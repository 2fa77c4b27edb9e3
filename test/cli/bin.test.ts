/**
 * The README's commands as a newcomer runs them: the real `bin/flowgate.js` in a child process,
 * not `main()` in the test's process, which loads modules another way and hides what only plain
 * Node refuses. Twice: through the prebuilt bundle `npm ci` makes (built here into a folder of
 * this run's own), and through the sources (tsx), which run when there is no current build.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli } from '../../scripts/buildCli.js';

const root = join(import.meta.dirname, '..', '..');
// Inside the package, two levels down like dist/cli: the bundle finds node_modules and examples/.
const built = join(root, 'dist', `cli-test-${process.pid}`);
const noBuild = mkdtempSync(join(tmpdir(), 'flowgate-nobuild-'));

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

beforeAll(async () => {
  await buildCli(root, built);
}, 120_000);

afterAll(() => {
  rmSync(built, { recursive: true, force: true });
});

function runBin(buildDir: string, timeout: number, cwd: string, ...args: string[]): Run {
  const run = spawnSync(process.execPath, [join(root, 'bin', 'flowgate.js'), ...args], {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      NO_COLOR: '1',
      FLOWGATE_HOME: join(cwd, '.flowgate'),
      FLOWGATE_CLI_BUILD: buildDir,
    },
    timeout,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('bin/flowgate.js, the build', () => {
  it('runs the build when it is current: its code cache is written again after a run', () => {
    rmSync(join(built, 'flowgate.cache'), { force: true });

    const run = runBin(built, 60_000, root, '--help');

    expect([run.status, run.stderr]).toEqual([0, '']);
    expect(run.stdout).toContain('flowgate validate <file|dir>');
    expect(existsSync(join(built, 'flowgate.cache'))).toBe(true);
  });

  it('runs the sources, naming the changed file, when a source is newer than the build', () => {
    const stale = join(root, 'dist', `cli-test-stale-${process.pid}`);
    cpSync(built, stale, { recursive: true });
    const manifest = JSON.parse(readFileSync(join(stale, 'build.json'), 'utf8')) as { inputs: string[] };
    writeFileSync(join(stale, 'build.json'), JSON.stringify({ ...manifest, builtAt: 0 }));
    rmSync(join(stale, 'flowgate.cache'));

    try {
      const run = runBin(stale, 60_000, root, 'validate', 'examples/flows');

      expect(run.status).toBe(0);
      expect(run.stdout).toContain('4 flows: 4 ready');
      expect(run.stderr).toMatch(
        /^flowgate: \S+ changed since the build; running the sources \(slower\)\. `npm run build`/,
      );
      expect(existsSync(join(stale, 'flowgate.cache'))).toBe(false);
    } finally {
      rmSync(stale, { recursive: true, force: true });
    }
  });
});

describe.each([
  ['the build', built],
  ['the sources', noBuild],
])('bin/flowgate.js, through %s', (_, buildDir) => {
  const flowgate = (cwd: string, ...args: string[]): Run => runBin(buildDir, 60_000, cwd, ...args);
  const flowgateWithin = (timeout: number, cwd: string, ...args: string[]): Run =>
    runBin(buildDir, timeout, cwd, ...args);

  it('plans the example flows against the example instance, as the README shows first', () => {
    const run = flowgate(root, 'plan', 'examples/flows', '--target', 'examples/instances/prod.json');

    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Main IVR');
  });

  it('imports into the embedded local default and asks to publish, as the README walks through', () => {
    const dir = mkdtempSync(join(tmpdir(), 'flowgate-bin-'));
    cpSync(join(root, 'examples'), join(dir, 'examples'), { recursive: true });

    const imported = flowgate(dir, 'import', 'examples/flows', '--env', 'prod', '--as', 'alice');
    const asked = flowgate(dir, 'publish', 'Main IVR', '--env', 'prod', '--as', 'alice');

    expect([imported.status, imported.stdout]).toEqual([0, expect.stringContaining('version 1  Main IVR')]);
    // Nothing but flowgate's own words on stderr (the AWS SDK warns about Node 20 unless told not to).
    expect(imported.stderr).not.toContain('NodeVersionSupportWarning');
    expect([asked.status, asked.stdout]).toEqual([0, expect.stringContaining('is waiting for approval')]);
  }, 120_000); // two processes, each starting the local stack: slow through tsx on a busy machine

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
