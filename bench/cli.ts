/**
 * The `flowgate` command as people run it: whole processes of `bin/flowgate.js` on a fresh build
 * of its own (`.bench/cli/`, as `npm ci` builds `dist/cli/`). `--help` and `validate` are timed
 * against `node -e 0` in alternation in the same run, so the ratio means the same on any machine;
 * a store command (`versions`) in milliseconds, starting the local stack itself, and attached to a
 * running `flowgate start` (on loopback ports of its own, stopped at the end).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCli } from '../scripts/buildCli.js';

/** The command's figures. */
export interface CliFigures {
  readonly helpVsNode: number;
  readonly validateVsNode: number;
  readonly nodeMs: number;
  /** `flowgate versions` starting its own local stack. */
  readonly versionsMs: number;
  /** `flowgate versions` beside a running `flowgate start`. */
  readonly versionsAttachedMs: number;
}

/** Measures the command from `root`, the package. */
export async function measureCli(root: string, runs = 15): Promise<CliFigures> {
  const buildDir = join(root, '.bench', 'cli');
  await buildCli(root, buildDir);
  const home = mkdtempSync(join(tmpdir(), 'flowgate-bench-cli-'));
  const env = { ...process.env, FLOWGATE_CLI_BUILD: buildDir, FLOWGATE_HOME: home, NO_COLOR: '1' };
  const bin = join(root, 'bin', 'flowgate.js');
  const run = (...args: string[]) => timedProcess([bin, ...args], root, env);
  try {
    const [nodeMs, helpMs, validateMs] = alternate(
      [
        () => timedProcess(['-e', '0'], root, env),
        () => run('--help'),
        () => run('validate', 'examples/flows'),
      ],
      runs,
    );
    run('import', 'examples/flows', '--env', 'prod', '--as', 'bench');
    const versions = () => run('versions', 'Main IVR', '--env', 'prod', '--as', 'bench');
    const [versionsMs] = alternate([versions], 5);
    const versionsAttachedMs = await besideStart(bin, root, env, () => alternate([versions], 5)[0]);
    return {
      helpVsNode: helpMs / nodeMs,
      validateVsNode: validateMs / nodeMs,
      nodeMs,
      versionsMs,
      versionsAttachedMs,
    };
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

/** Medians of each measurement, taken in turn `runs` times after one unmeasured round. */
function alternate<const M extends readonly (() => number)[]>(
  measures: M,
  runs: number,
): { [K in keyof M]: number } {
  for (const measure of measures) measure();
  const times = measures.map((): number[] => []);
  for (let i = 0; i < runs; i++) {
    for (const [j, measure] of measures.entries()) times[j]?.push(measure());
  }
  return times.map(median) as { [K in keyof M]: number };
}

function timedProcess(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): number {
  const start = performance.now();
  const result = spawnSync(process.execPath, args, { cwd, env, stdio: 'ignore' });
  const ms = performance.now() - start;
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited ${result.status}`);
  return ms;
}

/** Runs `measure` while `flowgate start` serves the same data folder, then stops it. */
async function besideStart(
  bin: string,
  cwd: string,
  env: NodeJS.ProcessEnv,
  measure: () => number,
): Promise<number> {
  const server = spawn(process.execPath, [bin, 'start', '--port', '0'], {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    await listening(server);
    return measure();
  } finally {
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  }
}

function listening(server: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = '';
    server.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      if (out.includes('flowgate is listening')) resolve();
    });
    server.once('exit', (code) => reject(new Error(`flowgate start exited ${code} before listening`)));
  });
}

function median(values: readonly number[] | undefined): number {
  if (values === undefined) return Number.NaN;
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}
