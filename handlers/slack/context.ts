import { parseSlackJob, type SlackJob } from '../../app/jobs.js';
import type { CandidateSearch } from '../../app/replacementCandidates.js';
import { configuredGroups, hasRole } from '../../core/access.js';
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

/**
 * Queues a job; its key also deduplicates in the queue. The job is checked against its schema
 * first (throws naming the field): one the worker would refuse to read never leaves the listener.
 */
export async function enqueue(ctx: ListenerContext, key: string, job: SlackJob): Promise<void> {
  await ctx.queue.enqueue({ kind: job.kind, key, payload: parseSlackJob(job) });
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

/** Lists a Slack user group's members (Bolt's `client.usergroups.users.list`). */
export type GroupMembers = (group: string) => Promise<readonly string[]>;

/**
 * How long a listener that must answer with data (type-ahead) waits for Slack to list user
 * groups: Slack gives the whole request 3 seconds, and the search itself needs most of them.
 */
export const GROUP_LOOKUP_MS = 1_000;

/**
 * Whether `user` holds `role` now, for a listener that answers with data rather than queueing a
 * job (type-ahead lists an environment's resources: nobody checks after it). Unlike `mayAct` it
 * never lets a request through on trust: a user listed by id is answered at once; otherwise the
 * configured user groups (`S…`) are listed within `GROUP_LOOKUP_MS`, and a lookup that fails or
 * takes longer counts as no role (refusing shows an empty list; listing would leak the target).
 */
export async function holdsRoleNow(
  config: FlowgateConfig,
  user: string,
  role: Role,
  members: GroupMembers,
): Promise<boolean> {
  if (hasRole(config, { id: user, groups: [] }, role)) return true;
  const groups = configuredGroups(config);
  if (groups.length === 0) return false;
  // A group Slack will not list (deleted, a plan without groups) is simply not the user's.
  const listed = Promise.all(
    groups.map((group) =>
      members(group).then(
        (users) => (users.includes(user) ? [group] : []),
        () => [],
      ),
    ),
  ).then((found) => found.flat());
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), GROUP_LOOKUP_MS);
  });
  try {
    const mine = await Promise.race([listed, late]);
    return mine !== null && hasRole(config, { id: user, groups: mine }, role);
  } finally {
    clearTimeout(timer);
  }
}
