/**
 * A data folder (`.flowgate/`, FLOWGATE_HOME) the user cannot write: `bin/flowgate.js` in a child
 * process as a user without write access (as `nobody` when the tests run as root, whom file modes
 * do not stop), so the refusal is the system's own.
 */
import { execFile, type SpawnSyncOptions, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startLocalStack } from '../../adapters/local/localStack.js';

const root = join(import.meta.dirname, '..', '..');
const NOBODY = 65534;
const asRoot = process.getuid?.() === 0;

/** Runs flowgate in `dir` with its data folder at `dir/.flowgate`, as a user who cannot write it when `readOnly`. */
function flowgate(dir: string, readOnly: boolean, ...args: string[]) {
  const options: SpawnSyncOptions = {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FLOWGATE_HOME: join(dir, '.flowgate'), HOME: dir },
    timeout: 60_000,
    ...(readOnly && asRoot ? { uid: NOBODY, gid: NOBODY } : {}),
  };
  const run = spawnSync(process.execPath, [join(root, 'bin', 'flowgate.js'), ...args], options);
  return { status: run.status, stdout: String(run.stdout), stderr: String(run.stderr) };
}

/** {@link flowgate} without blocking this process, which runs the stack the child attaches to. */
function flowgateAsync(
  dir: string,
  ...args: string[]
): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(root, 'bin', 'flowgate.js'), ...args],
      {
        cwd: dir,
        env: { ...process.env, NO_COLOR: '1', FLOWGATE_HOME: join(dir, '.flowgate'), HOME: dir },
        timeout: 60_000,
        ...(asRoot ? { uid: NOBODY, gid: NOBODY } : {}),
      },
      (error, stdout, stderr) =>
        resolve({ status: error === null ? 0 : Number(error.code ?? -1), stdout, stderr }),
    );
  });
}

/** A working folder with Main IVR imported into prod, then made read-only for everyone. */
function importedThenReadOnly(): string {
  const dir = mkdtempSync(join(tmpdir(), 'flowgate-ro-'));
  cpSync(join(root, 'examples'), join(dir, 'examples'), { recursive: true });
  const imported = flowgate(dir, false, 'import', 'examples/flows', '--env', 'prod', '--as', 'alice');
  expect(imported.status).toBe(0);
  chmodSync(dir, 0o755);
  readOnlyTree(join(dir, '.flowgate'));
  return dir;
}

function readOnlyTree(path: string): void {
  spawnSync('chmod', ['-R', 'a-w,a+rX', path]);
}

describe.skipIf(process.platform === 'win32')('a read-only data folder', () => {
  it('versions exits 2 naming the folder and what to do, with no stack trace, when no stack runs on it', {
    timeout: 60_000,
  }, () => {
    const dir = importedThenReadOnly();

    const run = flowgate(dir, true, 'versions', 'Main IVR', '--env', 'prod', '--as', 'alice');

    expect(run.status).toBe(2);
    expect(run.stderr).toContain(
      `The local data folder ${join(dir, '.flowgate')} is not writable by this user`,
    );
    expect(run.stderr).toContain('set FLOWGATE_HOME to a folder you can write');
    expect(run.stderr).not.toMatch(/unexpected failure|\n\s+at /);
  });

  it('versions lists the versions through the stack its owner runs on it', { timeout: 60_000 }, async () => {
    const dir = importedThenReadOnly();
    // The folder's owner runs `flowgate start` on it (file modes do not stop the owner here).
    const stack = await startLocalStack({ dataDir: join(dir, '.flowgate') });
    try {
      const run = await flowgateAsync(dir, 'versions', 'Main IVR', '--env', 'prod', '--as', 'alice');

      expect([run.status, run.stdout]).toEqual([0, expect.stringContaining('Main IVR in prod: latest 1')]);
    } finally {
      await stack.stop();
    }
  });

  it('export exits 2 naming the folder it may not write, with no stack trace', {
    timeout: 60_000,
  }, async () => {
    const dir = importedThenReadOnly();
    readOnlyTree(dir);
    const stack = await startLocalStack({ dataDir: join(dir, '.flowgate') });
    try {
      const run = await flowgateAsync(
        dir,
        'export',
        'Main IVR',
        '--env',
        'prod',
        '--out',
        'out',
        '--as',
        'alice',
      );

      expect(run.status).toBe(2);
      expect(run.stderr).toContain(`cannot write ${join(dir, 'out')}`);
      expect(run.stderr).not.toMatch(/unexpected failure|\n\s+at /);
    } finally {
      await stack.stop();
    }
  });
});
