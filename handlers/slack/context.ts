import type { SlackJob } from '../../app/jobs.js';
import type { CandidateSearch } from '../../app/replacementCandidates.js';
import { hasRole } from '../../core/access.js';
import type { Actor, FlowgateConfig, Role } from '../../core/config.js';
import type { Claims, Clock, JobQueue } from '../../core/ports.js';

/** What every listener needs: nothing slow, nothing that can take more than a few milliseconds. */
export interface ListenerContext {
  readonly config: FlowgateConfig;
  /** Idempotency keys only: a listener reads and writes nothing else. */
  readonly claims: Claims;
  readonly queue: JobQueue;
  readonly clock: Clock;
  readonly log: (message: string, error?: unknown) => void;
  /** Type-ahead for replacement pickers (external selects); without it they offer nothing. */
  readonly candidates?: CandidateSearch;
}

/** How long an idempotency key is kept: longer than Slack's retries (minutes) and SQS redeliveries. */
const IDEMPOTENCY_HOURS = 24;

/** Records `key` once; false when this delivery was already seen (a Slack retry, a double click). */
export async function firstDelivery(ctx: ListenerContext, key: string): Promise<boolean> {
  const expiresAt = new Date(ctx.clock.now().getTime() + IDEMPOTENCY_HOURS * 3_600_000).toISOString();
  return ctx.claims.claimOnce(`slack:${key}`, expiresAt);
}

/** Queues a job; its key also deduplicates in the queue. */
export async function enqueue(ctx: ListenerContext, key: string, job: SlackJob): Promise<void> {
  await ctx.queue.enqueue({ kind: job.kind, key, payload: job });
}

/**
 * Whether a Slack user may act, as far as a listener can tell in its 3-second budget: by user id.
 * When roles name user groups (`S…`), membership needs a Slack call, so the listener lets the
 * request through and the worker's use case decides with the user's groups (it always checks).
 */
export function mayAct(config: FlowgateConfig, user: string, role: Role): boolean {
  const actor: Actor = { id: user, groups: [] };
  if (hasRole(config, actor, role)) return true;
  const { viewers, editors, publishers } = config.roles;
  return [...viewers, ...editors, ...publishers].some((entry) => entry.startsWith('S'));
}
