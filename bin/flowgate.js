#!/usr/bin/env node
// The flowgate command. Runs the prebuilt bundle (`npm ci` builds it into dist/cli/, `npm run
// build` rebuilds it) when it is there and no source is newer than it; otherwise the TypeScript
// sources through tsx, which is slower at every start but always current. See README "Working on
// flowgate".
import { createRequire } from 'node:module';

// Built-ins through require: an ES import of node:fs builds its named exports, which loads Node's
// stream classes and costs a fifth of a start.
const require = createRequire(import.meta.url);
const { readFileSync, renameSync, statSync, writeFileSync } = require('node:fs');
const { dirname, join, resolve, sep } = require('node:path');
const { fileURLToPath } = require('node:url');
const { Script } = require('node:vm');

// On Node 20 the AWS SDK warns at every store command that its releases after January 2027 need
// Node 22: a fact for whoever maintains the install (the README says it), not for each reader of
// a command's output. The SDK's own switch; a value the user set wins.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
// FLOWGATE_CLI_BUILD: another build folder (the tests and the bench build their own).
const buildDir = resolve(process.env.FLOWGATE_CLI_BUILD || join(root, 'dist', 'cli'));
const argv = process.argv.slice(2);

const build = currentBuild();
if (build === null) {
  const { register } = await import('tsx/esm/api');
  register();
  const { main } = await import('../cli/main.ts');
  process.exitCode = await main(argv);
} else {
  process.exitCode = await runBuild(build);
}

/** The build's bundle when it exists and is newer than every file it was made from, else null. */
function currentBuild() {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(join(buildDir, 'build.json'), 'utf8'));
  } catch {
    return null; // never built (npm ci --ignore-scripts) or being rebuilt: the sources it is
  }
  // One stat per source file (a few hundred, a few ms): cheap next to what running stale code costs.
  // The recorded paths are normalised already: concatenated, not joined (join costs as much as stat).
  const prefix = root + sep;
  for (const input of manifest.inputs) {
    const stat = statSync(prefix + input, { throwIfNoEntry: false });
    if (stat === undefined || stat.mtimeMs > manifest.builtAt) {
      process.stderr.write(
        `flowgate: ${input} changed since the build; running the sources (slower). \`npm run build\` makes it fast again.\n`,
      );
      return null;
    }
  }
  return join(buildDir, 'flowgate.cjs');
}

/**
 * Runs the CommonJS bundle as Node's loader would, but compiled with V8's code cache (Node 20
 * has no cache for ES modules): most of a start is otherwise spent parsing code. The cache is
 * written after a run when missing or refused (another Node version), and never fails the run.
 */
async function runBuild(file) {
  const cacheFile = join(buildDir, 'flowgate.cache');
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  // The wrapper Node's CommonJS loader puts around a file, so the bundle gets its own require.
  const source = `(function (exports, require, module, __filename, __dirname) {${readFileSync(file, 'utf8')}\n})`;
  const script = new Script(source, { filename: file, cachedData });
  const bundle = { exports: {} };
  script.runInThisContext()(bundle.exports, createRequire(file), bundle, file, buildDir);
  const code = await bundle.exports.main(argv);
  if (cachedData === undefined || script.cachedDataRejected === true) {
    try {
      const staged = `${cacheFile}.${process.pid}`;
      writeFileSync(staged, script.createCachedData());
      renameSync(staged, cacheFile);
    } catch {
      // A read-only install: every start compiles, as without a cache.
    }
  }
  return code;
}
