/**
 * `npm run build`, and `prepare` (so `npm ci` runs it): builds the `flowgate` command into
 * dist/cli/ (see buildCli.ts).
 */
import { createRequire } from 'node:module';
import { buildCli, CLI_BUILD_DIR } from './buildCli.js';

await main(process.cwd());

async function main(root: string): Promise<void> {
  if (!isInstalled('esbuild')) {
    // `npm ci --omit=dev` runs `prepare` too, without the bundler: flowgate runs from the sources.
    process.stdout.write('flowgate: esbuild is not installed; the command runs from the sources (slower)\n');
    return;
  }
  const manifest = await buildCli(root);
  process.stdout.write(
    `flowgate: built ${CLI_BUILD_DIR}/flowgate.cjs from ${manifest.inputs.length} files (npm run build rebuilds it)\n`,
  );
}

function isInstalled(name: string): boolean {
  try {
    createRequire(import.meta.url).resolve(name);
    return true;
  } catch {
    return false;
  }
}
