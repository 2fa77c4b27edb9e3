/**
 * `npm run build:lambdas`: one small bundle per Lambda function (esbuild, the options in
 * lambdaBuild.ts), each zipped as `.build/<function>.zip` holding `index.mjs`: the artifacts
 * serverless.yml deploys. Offline: no AWS call, no download.
 */
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { zipSync } from 'fflate';
import { lambdaBuildOptions } from './lambdaBuild.js';

/** Function name → its entry point (the names serverless.yml uses). */
export const LAMBDAS: Readonly<Record<string, string>> = {
  slack: 'handlers/slack/lambda.ts',
  worker: 'handlers/worker/lambda.ts',
  s3Import: 'handlers/s3-import/lambda.ts',
  webhook: 'handlers/webhook/lambda.ts',
};

/** Builds every function into `<root>/.build/`; returns each zip's path and bundle size. */
export async function buildLambdas(root: string): Promise<{ name: string; zip: string; bytes: number }[]> {
  const out = join(root, '.build');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const built: { name: string; zip: string; bytes: number }[] = [];
  for (const [name, entry] of Object.entries(LAMBDAS)) {
    const bundle = join(out, name, 'index.mjs');
    await build(lambdaBuildOptions(root, entry, bundle));
    const zip = join(out, `${name}.zip`);
    // A fixed time keeps the zip byte-identical for identical code (no spurious deploys).
    writeFileSync(
      zip,
      zipSync({ 'index.mjs': [readFileSync(bundle), { mtime: new Date('2026-01-01T00:00:00Z') }] }),
    );
    built.push({ name, zip, bytes: statSync(bundle).size });
  }
  return built;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const fn of await buildLambdas(process.cwd())) {
    process.stdout.write(`${fn.name.padEnd(9)} ${(fn.bytes / 1024 / 1024).toFixed(2)} MB  ${fn.zip}\n`);
  }
}
