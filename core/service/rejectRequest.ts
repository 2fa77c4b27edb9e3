import { requireRole } from '../access.js';
import { recordEvent } from '../audit/recordEvent.js';
import type { Actor } from '../config.js';
import type { ServiceDeps } from '../deps.js';
import { ServiceError } from '../errors.js';
import { invalidState, loadRequest, lostTransition } from '../publish/requestState.js';
import { flowLabel, parseFlowKey } from '../versions/flowKey.js';
import type { PublishRequest } from '../versions/types.js';
import { batchMembers, refuseBatchMember } from './approveRequest.js';

/** Input of {@link rejectRequest}. */
export interface RejectRequestInput {
  readonly id: string;
  readonly actor: Actor;
  /** Why, for the requester (shown in Slack and the audit trail). */
  readonly reason: string;
}

/**
 * Rejects a pending request (publisher), exactly once: of concurrent decisions the first
 * conditional transition wins and the others get `invalid-state`. The requester may reject
 * their own request (withdrawing it needs no second pair of eyes).
 *
 * The reason is required: the requester reads it to know what to change.
 *
 * @throws ServiceError `invalid-input` (no reason), `not-found`, `forbidden`, `invalid-state`
 *   (already decided or expired).
 */
export async function rejectRequest(deps: ServiceDeps, input: RejectRequestInput): Promise<PublishRequest> {
  const { actor } = input;
  const reason = input.reason.trim();
  if (reason === '') {
    throw new ServiceError('invalid-input', 'Say why you reject it: the requester sees the reason.');
  }
  requireRole(deps.config, actor, 'publisher', 'reject publish requests');
  const request = await loadRequest(deps, input.id);
  refuseBatchMember(request, 'reject');
  if (request.state !== 'pending') throw invalidState(request, 'reject');
  const members = await batchMembers(deps, request, 'pending');
  const rejected = await deps.requests.transitionRequest(request.id, 'pending', 'rejected', {
    decidedBy: actor.id,
    decidedAt: deps.clock.now().toISOString(),
    reason,
  });
  if (rejected === null) throw await lostTransition(deps, request, 'reject');
  // The batch is decided as one: its other requests are rejected with the lead.
  for (const member of members) {
    const done = await deps.requests.transitionRequest(member.id, 'pending', 'rejected', {
      decidedBy: actor.id,
      decidedAt: deps.clock.now().toISOString(),
      reason,
    });
    if (done === null) continue;
    await recordEvent(deps, {
      env: member.env,
      actor,
      action: 'reject',
      flowKey: member.flowKey,
      detail: { request: member.id, version: member.version, reason, batch: request.id },
      notification: null,
    });
  }
  await recordEvent(deps, {
    env: request.env,
    actor,
    action: 'reject',
    flowKey: request.flowKey,
    detail: { request: request.id, version: request.version, reason },
    notification: {
      kind: 'rejected',
      text: `${actor.id} rejected ${flowLabel(request.flowKey)} v${request.version} for ${request.env}: ${reason}`,
      facts: {
        actor: actor.id,
        flow: { name: parseFlowKey(request.flowKey)?.name ?? request.flowKey, version: request.version },
        requester: request.requester,
        reason,
      },
    },
  });
  return rejected;
}
