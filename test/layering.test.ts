/**
 * The layering the linter holds (biome.json's per-folder restricted imports): entry points are
 * siblings, npm start hosts them through their handler modules, app/ sits below them, and the CLI
 * runs on app/. Each case lints one import as if written in that file.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

const root = join(import.meta.dirname, '..');
const biome = join(root, 'node_modules', '.bin', 'biome');
const report = z.object({
  diagnostics: z.array(
    z.object({ category: z.string().optional(), location: z.object({ path: z.string() }) }),
  ),
});

/**
 * True when biome refuses `from` imported in a file at `path` as a restricted import. The probe
 * is written in place for the run (biome's overrides match real paths; its stdin mode reports no
 * lint rules), and removed whatever happens.
 */
function refused(path: string, from: string): boolean {
  const probe = join(dirname(path), `__layering-probe-${randomUUID()}.ts`);
  const absolute = join(root, probe);
  mkdirSync(dirname(absolute), { recursive: true });
  writeFileSync(absolute, `import { a } from '${from}';\n\nexport const z = [a];\n`);
  try {
    const run = spawnSync(biome, ['lint', '--reporter=json', probe], { cwd: root, encoding: 'utf8' });
    return report
      .parse(JSON.parse(run.stdout))
      .diagnostics.some((d) => d.category === 'lint/style/noRestrictedImports' && d.location.path === probe);
  } finally {
    rmSync(absolute, { force: true });
  }
}

describe('the layering', () => {
  it.each([
    ['handlers/worker/x.ts', '../slack/app.js'],
    ['handlers/slack/listeners/commands/x.ts', '../../../../worker/handler.js'],
    ['handlers/s3-import/x.ts', '../webhook/handler.js'],
    ['handlers/webhook/x.ts', '../local/localServer.js'],
    ['handlers/local/x.ts', '../worker/processJob.js'],
    ['app/x.ts', '../handlers/worker/handler.js'],
    ['app/compose/x.ts', '../../cli/io.js'],
    ['cli/x.ts', '../handlers/worker/handler.js'],
    ['cli/commands/x.ts', '../../adapters/local/localStack.js'],
  ])('refuses %s importing %s', (path, from) => {
    expect(refused(path, from)).toBe(true);
  });

  it.each([
    ['handlers/worker/x.ts', '../../adapters/slack/SlackMessenger.js'],
    ['handlers/worker/x.ts', '../../app/jobs.js'],
    ['handlers/local/x.ts', '../worker/handler.js'],
    ['handlers/local/x.ts', '../slack/app.js'],
    ['cli/commands/x.ts', '../../handlers/local/localServer.js'],
    ['cli/x.ts', '../app/compose/backend.js'],
  ])('lets %s import %s', (path, from) => {
    expect(refused(path, from)).toBe(false);
  });
});
