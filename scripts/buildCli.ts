/**
 * `npm run build` (and `npm ci`, through `prepare`): the `flowgate` command prebuilt, so it starts
 * about as fast as Node instead of compiling the TypeScript sources at every call. One CommonJS
 * file (`dist/cli/flowgate.cjs`), because only a script, not an ES module, can be given V8's code
 * cache on Node 20 (`bin/flowgate.js` loads it through `vm.Script` with `flowgate.cache`), and
 * `build.json`: when it was built and from which files, so `bin/flowgate.js` can tell a build the
 * sources have moved past and run the sources instead.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

/** Where `bin/flowgate.js` looks for the build unless FLOWGATE_CLI_BUILD says otherwise. */
export const CLI_BUILD_DIR = join('dist', 'cli');

/**
 * Packages the bundle leaves to Node: loaded only by `flowgate start` or the local stack (Bolt,
 * dynalite, s3rver), native (resvg) or files read at run time (the fonts).
 */
const EXTERNAL = ['@slack/bolt', 'dynalite', 's3rver', '@resvg/resvg-js', 'dejavu-fonts-ttf'];

/** What `build.json` records. */
export interface CliBuildManifest {
  /** When the build started (ms since the epoch): a source modified after it makes the build stale. */
  readonly builtAt: number;
  /** The files the bundle was made from, relative to the package root, and the lockfiles. */
  readonly inputs: readonly string[];
}

/**
 * Bundles `cli/main.ts` into `<outDir>/flowgate.cjs` with its manifest, then runs it once on the
 * example flows so its first call already finds the code cache. `outDir` sits two levels below
 * the root, like the sources it replaces: code that finds files beside itself through
 * `import.meta.url` (the example instances) finds the same ones from there.
 */
export async function buildCli(root: string, outDir = join(root, CLI_BUILD_DIR)): Promise<CliBuildManifest> {
  const { build } = await import('esbuild');
  const builtAt = Date.now();
  const staging = `${outDir}.tmp-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  const result = await build({
    entryPoints: [join(root, 'cli', 'main.ts')],
    outfile: join(staging, 'flowgate.cjs'),
    bundle: true,
    minify: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: EXTERNAL,
    metafile: true,
    logLevel: 'error',
    // A CommonJS bundle has no import.meta: give each module the bundle's own URL.
    define: { 'import.meta.url': '__flowgateBundleUrl' },
    banner: { js: "const __flowgateBundleUrl = require('node:url').pathToFileURL(__filename).href;" },
  });
  const sources = Object.keys(result.metafile.inputs)
    .map((input) => relative(root, resolve(root, input)))
    .filter((input) => !input.split(/[\\/]/).includes('node_modules'));
  // A dependency installed or updated since (npm rewrites these on every install) counts too.
  const manifest: CliBuildManifest = {
    builtAt,
    inputs: [
      ...sources,
      ...[
        'scripts/buildCli.ts',
        'package.json',
        'package-lock.json',
        join('node_modules', '.package-lock.json'),
      ].filter((file) => existsSync(join(root, file))),
    ],
  };
  writeFileSync(join(staging, 'build.json'), `${JSON.stringify(manifest)}\n`);
  // Swapped in whole: a command started meanwhile sees the old build or the new one, never half.
  rmSync(outDir, { recursive: true, force: true });
  renameSync(staging, outDir);
  warmCodeCache(root, outDir);
  return manifest;
}

/** One run through the build writes `flowgate.cache` (bin/flowgate.js writes it when missing). */
function warmCodeCache(root: string, outDir: string): void {
  spawnSync(
    process.execPath,
    [join(root, 'bin', 'flowgate.js'), 'validate', join(root, 'examples', 'flows'), '--json'],
    { cwd: root, stdio: 'ignore', env: { ...process.env, FLOWGATE_CLI_BUILD: outDir } },
  );
}
