import { approversOf, environmentOf, requireRole } from '../access.js';
import { recordEvent } from '../audit/recordEvent.js';
import type { Actor } from '../config.js';
import type { ServiceDeps } from '../deps.js';
import { ServiceError, type StaleCause } from '../errors.js';
import { type ReadyBatch, readyBatch, type WaitingFlow } from '../publish/publishBatch.js';
import type { PublishOutcome } from '../publish/publishOutcome.js';
import { invalidState, loadRequest, lostTransition } from '../publish/requestState.js';
import type { Reference } from '../references/types.js';
import { flowLabel, parseFlowKey } from '../versions/flowKey.js';
import { sha256 } from '../versions/hash.js';
import { isSnapshot, resolutionHash } from '../versions/requests.js';
import type { AuditEvent, FlowKey, PublishRequest } from '../versions/types.js';
import { publishApproved } from './publishApproved.js';

/** Input of {@link approveRequest}. */
export interface ApproveRequestInput {
  readonly id: string;
  readonly actor: Actor;
}

/** The request after publishing, and what publishing did. */
export interface ApproveResult {
  readonly request: PublishRequest;
  /** Null when publishing waits for the approval of flows this one needs (`waitingFor`). */
  readonly outcome: PublishOutcome | null;
  /** Flows that must be approved (or published) first; their pending request ids when they have one. */
  readonly waitingFor: readonly string[];
  /** The same flows by key, for messages that name them their own way. */
  readonly waitingKeys: readonly FlowKey[];
  /** The same flows with where each stands (a pending or failed request, or none yet). */
  readonly waiting: readonly WaitingFlow[];
}

/**
 * Approves a pending request (publisher) and publishes it, together with the approved requests
 * it is linked with (flows imported together that name each other before either exists in the
 * target); while one of those still waits for approval, nothing is published and `waitingFor`
 * names it: the last approval publishes the lot. Four eyes: the requester may not
 * approve unless the environment allows self-approval. The approval is bound to what was
 * reviewed: a version imported after the request, a changed content or resolution hash, or a
 * remembered mapping chosen since for one of the version's references makes it stale. Of two
 * concurrent approvals exactly one wins (a conditional transition); the other gets
 * `invalid-state`. The approver approving again a request that is approved but not yet
 * published resumes its publishing (see {@link resumeApproved}).
 *
 * @throws ServiceError `not-found`, `forbidden`, `invalid-state` (decided, expired or lost the
 *   race: says what happened and who), `self-approval`, `stale-request`, and whatever
 *   `publishApproved` refuses with before writing (`drift`, `not-publishable`).
 */
export async function approveRequest(deps: ServiceDeps, input: ApproveRequestInput): Promise<ApproveResult> {
  const { actor } = input;
  requireRole(deps.config, actor, 'publisher', 'approve publish requests');
  const request = await loadRequest(deps, input.id);
  refuseBatchMember(request, 'approve');
  const policy = environmentOf(deps.config, request.env).approval;
  if ((request.state === 'approved' || request.state === 'published') && request.decidedBy === actor.id)
    return resumeApproved(deps, request, actor);
  if (request.state !== 'pending') throw invalidState(request, 'approve');
  if (request.requester === actor.id && !policy.allowSelfApproval) {
    throw new ServiceError(
      'self-approval',
      `${actor.id} requested ${flowLabel(request.flowKey)} v${request.version} and may not also approve it in ${request.env}: ask another publisher.`,
      {
        facts: {
          kind: 'request',
          doing: 'approve',
          request,
          approvers: approversOf(deps.config, request.requester),
        },
      },
    );
  }
  const members = await batchMembers(deps, request, 'pending');
  for (const member of [request, ...members]) {
    const stale = await staleReason(deps, member);
    if (stale !== null) {
      throw new ServiceError(
        'stale-request',
        `Request ${request.id} no longer matches what was reviewed: ${stale.text} Request publishing again so the change is reviewed.`,
        { facts: { kind: 'stale', request: member, cause: stale.cause } },
      );
    }
  }
  const approved = await deps.requests.transitionRequest(request.id, 'pending', 'approved', {
    decidedBy: actor.id,
    decidedAt: deps.clock.now().toISOString(),
  });
  if (approved === null) throw await lostTransition(deps, request, 'approve');
  const memberIds = await approveMembers(deps, members, actor);
  const linked = await readyBatch(deps, approved);
  const batch = { ...linked, ids: [...new Set([...linked.ids, ...memberIds])] };
  const waiting =
    batch.waitingFor.length === 0
      ? ''
      : ` It will be published once ${batch.waitingFor.join(', ')} is approved.`;
  const name = parseFlowKey(request.flowKey)?.name ?? request.flowKey;
  await recordEvent(deps, {
    env: request.env,
    actor,
    action: 'approve',
    flowKey: request.flowKey,
    detail: approvalDetail(request),
    notification: {
      kind: 'approved',
      text: `${actor.id} approved ${flowLabel(request.flowKey)} v${request.version} for ${request.env} (requested by ${request.requester}).${waiting}`,
      facts: {
        actor: actor.id,
        flow: { name, version: request.version },
        requester: request.requester,
        waitingFor: batch.waitingKeys.map(flowLabel),
      },
    },
  });
  if (batch.waitingFor.length > 0) return waitingResult(approved, batch);
  const outcome = await publishApproved(deps, { ids: batch.ids, actor });
  return {
    request: (await deps.requests.getRequest(request.id)) ?? approved,
    outcome,
    waitingFor: [],
    waitingKeys: [],
    waiting: [],
  };
}

/**
 * The approver approving again a request they approved: the run that approved it stopped before
 * publishing all it had to (a crash, a timeout, a queue's redelivery of the same click), or a
 * batch stopped part-way before it. Publishing resumes; the approval stands as it was (recorded
 * now only when that run stopped before recording it), and publishing checks content and drift
 * again. A published request resumes the approved requests it is published together with; when
 * none is left, it is refused as published, which it then is, batch and all.
 */
async function resumeApproved(
  deps: ServiceDeps,
  request: PublishRequest,
  actor: Actor,
): Promise<ApproveResult> {
  await recordMissingApproval(deps, request, actor);
  const batch = await readyBatch(deps, request, { throughPublished: true });
  const members = (await batchMembers(deps, request, 'approved')).map((m) => m.id);
  const ids = [...new Set([...batch.ids, ...members])].filter(
    (id) => id !== request.id || request.state === 'approved',
  );
  if (ids.length === 0) throw invalidState(request, 'approve');
  if (batch.waitingFor.length > 0) return waitingResult(request, batch);
  const outcome = await publishApproved(deps, { ids, actor });
  return {
    request: (await deps.requests.getRequest(request.id)) ?? request,
    outcome,
    waitingFor: [],
    waitingKeys: [],
    waiting: [],
  };
}

function waitingResult(request: PublishRequest, batch: ReadyBatch): ApproveResult {
  const { waitingFor, waitingKeys, waiting } = batch;
  return { request, outcome: null, waitingFor, waitingKeys, waiting };
}

/**
 * Refuses deciding a member of a batch by itself: the batch is reviewed and decided as one, through
 * its lead (the request people were shown).
 */
export function refuseBatchMember(request: PublishRequest, doing: 'approve' | 'reject'): void {
  if (request.batch === undefined || request.batch === request.id) return;
  throw new ServiceError(
    'invalid-state',
    `Request ${request.id} (${flowLabel(request.flowKey)} v${request.version}) is part of the batch of request ${request.batch}: ${doing} ${request.batch}, which decides the whole batch.`,
  );
}

/** The other requests of the batch `lead` leads, in `state` (any when not given); none for a request of its own. */
export async function batchMembers(
  deps: ServiceDeps,
  lead: PublishRequest,
  state?: PublishRequest['state'],
): Promise<PublishRequest[]> {
  if (lead.batch !== lead.id) return [];
  const inState = await deps.requests.listRequests(lead.env, state);
  return inState.filter((r) => r.batch === lead.id && r.id !== lead.id);
}

/** Approves the lead's members as the lead was approved (each audited); their ids. */
async function approveMembers(
  deps: ServiceDeps,
  members: readonly PublishRequest[],
  actor: Actor,
): Promise<string[]> {
  for (const member of members) {
    const approved = await deps.requests.transitionRequest(member.id, 'pending', 'approved', {
      decidedBy: actor.id,
      decidedAt: deps.clock.now().toISOString(),
    });
    if (approved === null) throw await lostTransition(deps, member, 'approve');
    await recordEvent(deps, {
      env: member.env,
      actor,
      action: 'approve',
      flowKey: member.flowKey,
      detail: { ...approvalDetail(member), batch: member.batch ?? null },
      notification: null,
    });
  }
  return members.map((m) => m.id);
}

/** The `approve` audit event of a request whose approving run stopped between its transition and its event. */
async function recordMissingApproval(
  deps: ServiceDeps,
  request: PublishRequest,
  actor: Actor,
): Promise<void> {
  const since = request.decidedAt ?? request.requestedAt;
  const audit = await deps.audit.listAudit(request.env, since);
  if (audit.some((e) => e.action === 'approve' && e.detail.request === request.id)) return;
  await recordEvent(deps, {
    env: request.env,
    actor,
    action: 'approve',
    flowKey: request.flowKey,
    detail: approvalDetail(request),
    notification: null,
  });
}

function approvalDetail(request: PublishRequest): AuditEvent['detail'] {
  return { request: request.id, version: request.version, requester: request.requester };
}

/** Why the request no longer matches the flow (as text and as facts), or null when it still does. */
async function staleReason(
  deps: ServiceDeps,
  request: PublishRequest,
): Promise<{ text: string; cause: StaleCause } | null> {
  const { env, flowKey } = request;
  const version = await deps.versions.getVersion(env, flowKey, request.version);
  if (version === null)
    return {
      text: `version ${request.version} of ${flowLabel(flowKey)} no longer exists.`,
      cause: { kind: 'gone' },
    };
  if (version.contentHash !== request.contentHash || sha256(version.content) !== request.contentHash) {
    return {
      text: `the content of ${flowLabel(flowKey)} v${request.version} is not the content that was requested.`,
      cause: { kind: 'content' },
    };
  }
  if (resolutionHash(version.resolutions) !== request.resolutionHash) {
    return {
      text: `the references of ${flowLabel(flowKey)} v${request.version} resolve differently than when it was requested.`,
      cause: { kind: 'resolution' },
    };
  }
  const newer = (await deps.versions.listVersions(env, flowKey)).find(
    (v) => v.number > request.version && !isSnapshot(v) && v.createdAt >= request.requestedAt,
  );
  if (newer !== undefined) {
    return {
      text: `${newer.author} made v${newer.number} of ${flowLabel(flowKey)} at ${newer.createdAt}, after this request for v${request.version}.`,
      cause: { kind: 'newer', by: newer.author, version: newer.number, at: newer.createdAt },
    };
  }
  const remapped = (await deps.mappings.listMappings(env)).find(
    (m) => m.chosenAt >= request.requestedAt && version.references.some((ref) => mapsReference(m, ref)),
  );
  if (remapped !== undefined) {
    return {
      text: `${remapped.chosenBy} re-resolved the ${remapped.kind} '${remapped.source}' to ${remapped.target} at ${remapped.chosenAt}.`,
      cause: {
        kind: 'remapped',
        by: remapped.chosenBy,
        at: remapped.chosenAt,
        resource: remapped.kind,
        source: remapped.source,
      },
    };
  }
  return null;
}

function mapsReference(mapping: { kind: string; source: string }, ref: Reference): boolean {
  return mapping.kind === ref.kind && (mapping.source === ref.value || mapping.source === ref.name);
}
