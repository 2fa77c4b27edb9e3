/**
 * `npm run build:lambdas`: one small bundle per Lambda function (esbuild, the options in
 * lambdaBuild.ts), each zipped as `.build/<function>.zip` holding `index.mjs`: the artifacts
 * serverless.yml deploys. Offline: no AWS call, no download.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { zipSync } from 'fflate';
import { lambdaBuildOptions } from './lambdaBuild.js';

/**
 * Packages a function needs beside its bundle (native modules and the files they load), as
 * `node_modules/<path>` entries of its zip. The worker and the S3 import draw flow pictures with
 * resvg, a native module for Lambda's linux-x64, and the DejaVu fonts it renders text with.
 */
const RESVG_AND_FONTS = [
  '@resvg/resvg-js/package.json',
  '@resvg/resvg-js/index.js',
  '@resvg/resvg-js/js-binding.js',
  '@resvg/resvg-js-linux-x64-gnu/package.json',
  '@resvg/resvg-js-linux-x64-gnu/resvgjs.linux-x64-gnu.node',
  'dejavu-fonts-ttf/package.json',
  'dejavu-fonts-ttf/ttf/DejaVuSans.ttf',
  'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf',
];
const SHIPPED: Readonly<Record<string, readonly string[]>> = {
  worker: RESVG_AND_FONTS,
  s3Import: RESVG_AND_FONTS,
};

/** Packages left out of a function's bundle because they are shipped as files. */
const EXTERNAL: Readonly<Record<string, readonly string[]>> = {
  worker: ['@resvg/resvg-js'],
  s3Import: ['@resvg/resvg-js'],
};

/** Function name → its entry point (the names serverless.yml uses). */
export const LAMBDAS: Readonly<Record<string, string>> = {
  slack: 'handlers/slack/lambda.ts',
  worker: 'handlers/worker/lambda.ts',
  s3Import: 'handlers/s3-import/lambda.ts',
  webhook: 'handlers/webhook/lambda.ts',
  reports: 'handlers/reports/lambda.ts',
};

/** True when the function's zip ships resvg and its fonts (its pictures need checking). */
export function shipsPictures(name: string): boolean {
  return (SHIPPED[name] ?? []).length > 0;
}

/** Builds every function into `<root>/.build/`; returns each zip's path and bundle size. */
export async function buildLambdas(root: string): Promise<{ name: string; zip: string; bytes: number }[]> {
  const out = join(root, '.build');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const built: { name: string; zip: string; bytes: number }[] = [];
  for (const [name, entry] of Object.entries(LAMBDAS)) {
    const bundle = join(out, name, 'index.mjs');
    await build(lambdaBuildOptions(root, entry, bundle, EXTERNAL[name] ?? []));
    const zip = join(out, `${name}.zip`);
    // A fixed time keeps the zip byte-identical for identical code (no spurious deploys).
    const mtime = new Date('2026-01-01T00:00:00Z');
    const entries: Record<string, [Uint8Array, { mtime: Date }]> = {
      'index.mjs': [readFileSync(bundle), { mtime }],
    };
    for (const path of SHIPPED[name] ?? [])
      entries[`node_modules/${path}`] = [shippedFile(root, path), { mtime }];
    writeFileSync(zip, zipSync(entries));
    built.push({ name, zip, bytes: statSync(bundle).size });
  }
  return built;
}

function shippedFile(root: string, path: string): Uint8Array {
  const file = join(root, 'node_modules', path);
  if (!existsSync(file)) {
    throw new Error(
      `${path} is not installed: package on linux-x64 (Lambda's platform), where npm installs it`,
    );
  }
  return readFileSync(file);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const fn of await buildLambdas(process.cwd())) {
    process.stdout.write(`${fn.name.padEnd(9)} ${(fn.bytes / 1024 / 1024).toFixed(2)} MB  ${fn.zip}\n`);
  }
}
