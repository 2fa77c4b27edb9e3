import type { ContactCenterProbe, Probe, ProbeAnswer } from '../ports.js';

/** The probes `doctor` asks: the environment's contact center, the stores, and Slack. */
export interface DoctorDeps {
  readonly contactCenter: ContactCenterProbe;
  readonly table: Probe;
  readonly bucket: Probe;
  readonly slack: Probe;
}

/** How one check came out: `unchecked` when it could not be asked (and `detail` says why). */
export type CheckOutcome = 'ok' | 'problem' | 'unchecked';

/** One line of the doctor's report. */
export interface DoctorCheck {
  /** What was checked, in plain words. */
  readonly check: string;
  readonly outcome: CheckOutcome;
  /** What was found, and for a problem what to do about it. */
  readonly detail: string;
}

/** The doctor's report on one environment. */
export interface DoctorReport {
  readonly env: string;
  readonly checks: readonly DoctorCheck[];
  /** True when no check found a problem (checks that could not be asked do not fail it). */
  readonly ok: boolean;
}

/**
 * Checks, with the caller's own credentials, what publishing to `env` needs: the instance exists,
 * each read call flowgate makes there is allowed, the table and bucket are reachable, and the
 * Slack token works. Calls are only tried on an instance that could be read: on a missing one
 * every call would fail for the same reason, and one line says it better than twenty.
 */
export async function doctor(deps: DoctorDeps, input: { readonly env: string }): Promise<DoctorReport> {
  const instance = await deps.contactCenter.describeInstance();
  const checks: DoctorCheck[] = [line(deps.contactCenter.subject, instance)];
  for (const operation of deps.contactCenter.operations) {
    const check = `may call ${operation}`;
    checks.push(
      instance.kind === 'ok'
        ? line(check, await deps.contactCenter.tryOperation(operation))
        : { check, outcome: 'unchecked', detail: 'the instance could not be read' },
    );
  }
  for (const probe of [deps.table, deps.bucket, deps.slack])
    checks.push(line(probe.subject, await probe.check()));
  return { env: input.env, checks, ok: checks.every((c) => c.outcome !== 'problem') };
}

function line(check: string, answer: ProbeAnswer): DoctorCheck {
  switch (answer.kind) {
    case 'ok':
      return { check, outcome: 'ok', detail: answer.detail ?? 'ok' };
    case 'denied':
      return {
        check,
        outcome: 'problem',
        detail: `not allowed: grant ${answer.action} to these credentials (${answer.message})`,
      };
    case 'missing':
      return { check, outcome: 'problem', detail: `not found: ${answer.message}` };
    case 'unchecked':
      return { check, outcome: 'unchecked', detail: answer.message };
  }
}
