/**
 * The README's commands as a newcomer runs them: the real `bin/flowgate.js` in a child process
 * (tsx loading the sources unbundled, as Node does), not `main()` in the test's process, which
 * loads modules another way and hides what only plain Node refuses.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

function flowgate(cwd: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  return flowgateWithin(60_000, cwd, ...args);
}

function flowgateWithin(
  timeout: number,
  cwd: string,
  ...args: string[]
): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [join(root, 'bin', 'flowgate.js'), ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FLOWGATE_HOME: join(cwd, '.flowgate') },
    timeout,
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

  it.skipIf(process.platform === 'win32').each([
    ['validate', 'flow.json'],
    ['import', 'flow.json', '--env', 'prod', '--as', 'alice'],
  ])('%s exits 2 naming a named pipe instead of waiting on it forever', (...args) => {
    const dir = mkdtempSync(join(tmpdir(), 'flowgate-bin-'));
    execFileSync('mkfifo', [join(dir, 'flow.json')]);

    const run = flowgateWithin(20_000, dir, ...args);

    expect([run.status, run.stderr]).toEqual([2, expect.stringContaining('flow.json: is a named pipe')]);
  });

  it.skipIf(process.platform === 'win32')('plan exits 2 naming a catalog that is a named pipe', () => {
    const dir = mkdtempSync(join(tmpdir(), 'flowgate-bin-'));
    execFileSync('mkfifo', [join(dir, 'catalog.json')]);
    const flow = join(root, 'examples', 'flows', 'main-ivr.json');

    const run = flowgateWithin(20_000, dir, 'plan', flow, '--target', 'catalog.json');

    expect([run.status, run.stderr]).toEqual([2, expect.stringContaining('catalog.json: is a named pipe')]);
  });
});
