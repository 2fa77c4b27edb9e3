import type { ServiceDeps } from '../../core/deps.js';
import type { ContactCenter } from '../../core/ports.js';

/** Where the process dies: before or after the `step`th write (0-based) of a run. */
export interface CrashPoint {
  readonly step: number;
  readonly phase: 'before' | 'after';
  /** `kill` (the default): nothing runs after it. `once`: only that call fails; the run goes on. */
  readonly mode?: 'kill' | 'once';
}

/** One write a run made, as `port.method arg` (the flow name or id where there is one). */
export type WriteStep = string;

/** Thrown at the crash point, and by every call after it when the process "died" there. */
export class ProcessKilled extends Error {
  constructor(at: WriteStep) {
    super(`killed at ${at}`);
    this.name = 'ProcessKilled';
  }
}

/** The methods of each port that change something: the steps a crash can fall between. */
const WRITES: Readonly<Record<string, readonly string[]>> = {
  versions: ['appendVersion', 'markPublished'],
  requests: ['createRequest', 'transitionRequest'],
  audit: ['appendAudit'],
  claims: ['claimOnce', 'releaseClaim'],
  mappings: ['putMapping'],
  files: ['put'],
  center: ['createFlow', 'updateFlow'],
};

/**
 * `deps` as a process that is killed (`kill -9`) at `crash`: every store and contact-center write
 * is counted, and at the chosen one the process dies before or after it reaches its port. From
 * then on every call fails, as nothing of a dead process reaches anything (and nothing it would
 * have done after, such as marking a request failed, happens). In `once` mode only that call
 * fails (a throttled or timed-out call whose effect may or may not have happened) and the run
 * handles it. With `crash` null nothing fails and `steps` lists the writes the run made, to
 * choose crash points from.
 */
export function crashingDeps(
  deps: ServiceDeps,
  crash: CrashPoint | null,
): { deps: ServiceDeps; steps: WriteStep[]; killed: () => boolean } {
  const steps: WriteStep[] = [];
  let dead = false;
  const guard = <T extends object>(port: T, name: string): T => {
    const writes = WRITES[name] ?? [];
    return new Proxy(port, {
      get(target, property) {
        // The port itself as `this`: adapters keep their state in private fields a proxy cannot reach.
        const value: unknown = Reflect.get(target, property);
        if (typeof value !== 'function') return value;
        return async (...args: unknown[]) => {
          if (dead) throw new ProcessKilled('an earlier step');
          if (!writes.includes(String(property))) return value.apply(target, args);
          const step = `${name}.${String(property)} ${args.map(describeArg).join(' ')}`.trim();
          const index = steps.push(step) - 1;
          const dies = crash !== null && crash.step === index;
          const kills = crash?.mode !== 'once';
          if (dies && crash.phase === 'before') {
            dead = kills;
            throw new ProcessKilled(`before ${step}`);
          }
          const result: unknown = await value.apply(target, args);
          if (dies) {
            dead = kills;
            throw new ProcessKilled(`after ${step}`);
          }
          return result;
        };
      },
    });
  };
  const centers = new Map<string, ContactCenter>();
  const wrapped: ServiceDeps = {
    ...deps,
    versions: guard(deps.versions, 'versions'),
    requests: guard(deps.requests, 'requests'),
    mappings: guard(deps.mappings, 'mappings'),
    audit: guard(deps.audit, 'audit'),
    claims: guard(deps.claims, 'claims'),
    files: guard(deps.files, 'files'),
    centers: (env) => {
      const known = centers.get(env);
      if (known !== undefined) return known;
      const center = guard(deps.centers(env), 'center');
      centers.set(env, center);
      return center;
    },
    notifier: deps.notifier === null ? null : guard(deps.notifier, 'notifier'),
  };
  return { deps: wrapped, steps, killed: () => dead };
}

/** Enough of an argument to tell the steps apart in a test's name: ids, states, names, an audit action. */
function describeArg(arg: unknown): string {
  if (typeof arg === 'string' || typeof arg === 'number') return String(arg);
  if (arg === null || typeof arg !== 'object') return '';
  const record = arg as Record<string, unknown>;
  const shown = ['action', 'name', 'flowKey'].flatMap((key) => {
    const value = record[key];
    return typeof value === 'string' ? [value] : [];
  });
  return shown.slice(0, 2).join(' ');
}
