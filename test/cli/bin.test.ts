/**
 * The README's commands as a newcomer runs them: the real `bin/flowgate.js` in a child process
 * (tsx loading the sources unbundled, as Node does), not `main()` in the test's process, which
 * loads modules another way and hides what only plain Node refuses.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

function flowgate(cwd: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [join(root, 'bin', 'flowgate.js'), ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FLOWGATE_HOME: join(cwd, '.flowgate') },
    timeout: 60_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('bin/flowgate.js', () => {
  it('plans the example flows against the example instance, as the README shows first', () => {
    const run = flowgate(root, 'plan', 'examples/flows', '--target', 'examples/instances/prod.json');

    expect(run.stderr).not.toMatch(/SyntaxError|Error \[/);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Main IVR');
  });

  it('imports into the embedded local default and asks to publish, as the README walks through', () => {
    const dir = mkdtempSync(join(tmpdir(), 'flowgate-bin-'));
    cpSync(join(root, 'examples'), join(dir, 'examples'), { recursive: true });

    const imported = flowgate(dir, 'import', 'examples/flows', '--env', 'prod', '--as', 'alice');
    const asked = flowgate(dir, 'publish', 'Main IVR', '--env', 'prod', '--as', 'alice');

    expect([imported.status, imported.stdout]).toEqual([0, expect.stringContaining('version 1  Main IVR')]);
    expect([asked.status, asked.stdout]).toEqual([0, expect.stringContaining('is waiting for approval')]);
  });
});
