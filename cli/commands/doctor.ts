import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { readConfig } from '../../app/compose/config.js';
import { doctorDeps } from '../../app/compose/doctor.js';
import { ServiceError } from '../../core/errors.js';
import { type CheckOutcome, type DoctorReport, doctor } from '../../core/service/doctor.js';
import { type CliIo, EXIT, UsageError } from '../io.js';

/** What `flowgate doctor` was asked. */
export interface DoctorOptions {
  readonly env: string;
  readonly json: boolean;
  /** `--config`, else FLOWGATE_CONFIG, else ./flowgate.yml|yaml|json, else the built-in local config. */
  readonly config: string | null;
}

/**
 * `flowgate doctor --env <env> [--json]`: checks with the caller's credentials what publishing to
 * `env` needs, one line per check. Exit 0 when nothing is wrong, 1 when a check found a problem
 * (checks that could not be asked say why, and do not fail it), 2 for usage.
 */
export async function runDoctor(
  options: DoctorOptions,
  io: CliIo,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const config = await readConfig(
    options.config ?? (env.FLOWGATE_CONFIG || null),
    io.cwd,
    userInfo().username,
  );
  const site = {
    config,
    env: options.env,
    variables: env,
    dataDir: resolve(io.cwd, env.FLOWGATE_HOME || '.flowgate'),
    cwd: io.cwd,
  };
  const opened = await doctorDeps(site).catch((error: unknown) => {
    // An environment that is not in the config is a mistake in the command line.
    if (error instanceof ServiceError && error.code === 'unknown-environment')
      throw new UsageError(error.message);
    throw error;
  });
  try {
    const report = await doctor(opened.deps, { env: options.env });
    io.stdout(options.json ? `${JSON.stringify(report, null, 2)}\n` : renderDoctor(report));
    return report.ok ? EXIT.ok : EXIT.findings;
  } finally {
    await opened.close();
  }
}

const LABEL: Readonly<Record<CheckOutcome, string>> = {
  ok: 'ok            ',
  problem: 'PROBLEM       ',
  unchecked: 'could not check',
};

/** The report for people: one line per check, then the verdict. */
export function renderDoctor(report: DoctorReport): string {
  const lines = report.checks.map((c) => `${LABEL[c.outcome].padEnd(16)}${c.check}: ${c.detail}`);
  const problems = report.checks.filter((c) => c.outcome === 'problem').length;
  const unchecked = report.checks.filter((c) => c.outcome === 'unchecked').length;
  const verdict =
    problems === 0
      ? `${report.env}: nothing in the way of publishing${unchecked === 0 ? '' : ` (${unchecked} could not be checked)`}.`
      : `${report.env}: ${problems} problem${problems === 1 ? '' : 's'} to fix before publishing.`;
  return `${lines.join('\n')}\n\n${verdict}\n`;
}
