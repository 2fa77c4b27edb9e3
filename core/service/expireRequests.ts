import { environmentOf, requireRole } from '../access.js';
import { recordEvent } from '../audit/recordEvent.js';
import type { Actor } from '../config.js';
import type { ServiceDeps } from '../deps.js';
import type { PublishRequest } from '../versions/types.js';

/**
 * Who runs an expiry when no person does: the deployment's own schedule (the EventBridge rule,
 * `npm start`'s timer). It needs no role, since it only writes down what every read already
 * shows, and it is recorded as deciding nothing (`decidedBy` null), so nobody is named for it.
 */
export const EXPIRY_SCHEDULE = 'schedule';

/** Input of {@link expireRequests}. */
export interface ExpireRequestsInput {
  readonly env: string;
  /** A person (who must be a viewer), or {@link EXPIRY_SCHEDULE}. */
  readonly actor: Actor | typeof EXPIRY_SCHEDULE;
}

/** How the schedule appears in the audit (a Slack user id is never lowercase words). */
const SCHEDULE_ACTOR: Actor = { id: 'flowgate schedule', groups: [] };

/** How long the claim that makes one expiry run's record exclusive is kept. */
const CLAIM_HOURS = 24;

/**
 * Records every pending request of `env` that is past its expiry as `expired` (any viewer may
 * run it: it only writes down what reads already show), auditing and announcing each exactly
 * once even when several runs overlap. Returns the requests this run expired.
 *
 * Stores check expiry on read, so such a request already reads as `expired`; the ones still to
 * record are those without a decision time. An idempotency claim per request makes the record
 * exclusive, then the state is written: from `pending` where `PublishRequests` compares the stored
 * state, from `expired` where it compares the state as read (the in-memory reference fake).
 */
export async function expireRequests(
  deps: ServiceDeps,
  input: ExpireRequestsInput,
): Promise<PublishRequest[]> {
  const { env } = input;
  const scheduled = input.actor === EXPIRY_SCHEDULE;
  const actor = input.actor === EXPIRY_SCHEDULE ? SCHEDULE_ACTOR : input.actor;
  if (!scheduled) requireRole(deps.config, actor, 'viewer', 'expire publish requests');
  environmentOf(deps.config, env);
  const candidates = (await deps.requests.listRequests(env, 'expired')).filter((r) => r.decidedAt === null);
  const expired: PublishRequest[] = [];
  for (const request of candidates) {
    const recorded = await expireOne(deps, request, actor, scheduled ? null : actor.id);
    if (recorded !== null) expired.push(recorded);
  }
  return expired;
}

async function expireOne(
  deps: ServiceDeps,
  request: PublishRequest,
  actor: Actor,
  decidedBy: string | null,
): Promise<PublishRequest | null> {
  const now = deps.clock.now();
  const until = new Date(now.getTime() + CLAIM_HOURS * 3_600_000).toISOString();
  if (!(await deps.claims.claimOnce(`expire#${request.id}`, until))) return null;
  const patch = {
    decidedBy,
    decidedAt: now.toISOString(),
    reason: `expired at ${request.expiresAt}`,
  };
  const written =
    (await deps.requests.transitionRequest(request.id, 'pending', 'expired', patch)) ??
    (await deps.requests.transitionRequest(request.id, 'expired', 'expired', patch));
  if (written === null) return null;
  // People read the flow's name; the key is only the fallback for a flow with no head.
  const name = (await deps.versions.getHead(request.env, request.flowKey))?.name ?? request.flowKey;
  await recordEvent(deps, {
    env: request.env,
    actor,
    action: 'expire',
    flowKey: request.flowKey,
    detail: { request: request.id, version: request.version, expiresAt: request.expiresAt },
    notification: {
      kind: 'expired',
      text: `The request to publish ${name} v${request.version} to ${request.env} expired at ${request.expiresAt} without a decision.`,
      facts: {
        actor: null,
        flow: { name, version: request.version },
        requester: request.requester,
        expiresAt: request.expiresAt,
      },
    },
  });
  return written;
}
