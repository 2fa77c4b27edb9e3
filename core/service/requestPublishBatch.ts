import { environmentOf, requireRole } from '../access.js';
import { recordEvent } from '../audit/recordEvent.js';
import type { Actor } from '../config.js';
import type { ServiceDeps } from '../deps.js';
import { ServiceError } from '../errors.js';
import { TargetReader } from '../publish/publishTarget.js';
import { flowLabel } from '../versions/flowKey.js';
import { isOpenRequest, pendingRequest, publishProblems } from '../versions/requests.js';
import type { FlowVersion, PublishRequest } from '../versions/types.js';
import { alreadyRequested, approveAtOnce, firstProblems, requestDetail } from './requestPublish.js';

/** Input of {@link requestPublishBatch}. */
export interface RequestPublishBatchInput {
  readonly env: string;
  /** The versions to publish together, in publish order (at most one per flow). */
  readonly versions: readonly FlowVersion[];
  readonly actor: Actor;
}

/** The batch's requests: the lead (what people approve) and every member, lead included, in publish order. */
export interface BatchRequest {
  readonly lead: PublishRequest;
  readonly members: readonly PublishRequest[];
}

/**
 * Asks to publish several versions as one (editor): one request per flow, each bound to its
 * version's content and resolutions and to its target's current content (all targets read with
 * one `describeFlows` per kind), all carrying the lead's id as `batch`. People approve or reject
 * the lead, which decides them all (`approveRequest`, `rejectRequest`). The members are stored
 * before the lead: a run that stops part-way leaves no lead, so nothing of a half-made batch can
 * be approved; its members expire. Where the environment requires no approval the batch is
 * approved at once.
 *
 * @throws ServiceError `not-publishable` (the first versions that cannot be, named), `conflict`
 *   (a flow twice), `forbidden`, `unknown-environment`.
 */
export async function requestPublishBatch(
  deps: ServiceDeps,
  input: RequestPublishBatchInput,
): Promise<BatchRequest> {
  const { env, actor, versions } = input;
  requireRole(deps.config, actor, 'editor', 'request publishing');
  const policy = environmentOf(deps.config, env).approval;
  refuseUnpublishable(versions, env);
  const heads = await Promise.all(versions.map((v) => deps.versions.getHead(env, v.flowKey)));
  const located = await new TargetReader(deps, env).locateAll(
    versions.map((version, i) => ({ head: heads[i] ?? null, version })),
  );
  await refuseOpenRequests(deps, env, versions);
  const now = deps.clock.now();
  const leadId = deps.newId();
  const members = versions.map(
    (version, i): PublishRequest =>
      pendingRequest({
        id: i === 0 ? leadId : deps.newId(),
        env,
        version,
        currentContent: located[i]?.current?.content ?? null,
        requester: actor.id,
        now,
        expiresAfterHours: policy.expiresAfterHours,
        batch: leadId,
      }),
  );
  const [lead, ...rest] = members;
  if (lead === undefined) throw new ServiceError('not-found', `Nothing to publish to ${env}.`);
  // Members first, the lead last: the lead is what makes the batch decidable.
  const together = members.map((m) => `${flowLabel(m.flowKey)} v${m.version}`).join(', ');
  for (const [i, request] of [...rest, lead].entries()) {
    const stored = await deps.requests.createRequest(request);
    // Checked above; a request made for the same version since then wins, and this batch stops.
    if (!stored.created) throw alreadyRequested(stored.request, flowLabel(request.flowKey));
    const target = located[i === rest.length ? 0 : i + 1]?.target?.arn ?? null;
    await recordEvent(deps, {
      env,
      actor,
      action: 'request',
      flowKey: request.flowKey,
      detail: { ...requestDetail(request, target), batch: leadId },
      notification:
        request === lead
          ? {
              kind: 'requested',
              text: `${actor.id} asks to publish ${members.length} flow${members.length === 1 ? '' : 's'} to ${env} together (request ${leadId}, expires ${lead.expiresAt}): ${together}.`,
              facts: { actor: actor.id, flow: null, expiresAt: lead.expiresAt, detail: together },
            }
          : null,
    });
  }
  if (policy.required) return { lead, members };
  const approved = await approveBatchAtOnce(deps, members, actor);
  return { lead: approved[0] ?? lead, members: approved };
}

function refuseUnpublishable(versions: readonly FlowVersion[], env: string): void {
  const seen = new Set<string>();
  for (const version of versions) {
    if (seen.has(version.flowKey)) {
      throw new ServiceError(
        'conflict',
        `${flowLabel(version.flowKey)} is in this batch twice: publish one version of it.`,
      );
    }
    seen.add(version.flowKey);
  }
  const problems = versions.flatMap((v) =>
    publishProblems(v).map((p) => `${flowLabel(v.flowKey)} v${v.number}: ${p}`),
  );
  if (problems.length === 0) return;
  throw new ServiceError(
    'not-publishable',
    `Nothing was requested for ${env}: ${firstProblems(problems)} Fix the flows in the source (or resolve the references in ${env}), then promote again.`,
  );
}

/** Approves each member at once, as where approval is not required a single request is (audited as automatic). */
async function approveBatchAtOnce(
  deps: ServiceDeps,
  members: readonly PublishRequest[],
  actor: Actor,
): Promise<PublishRequest[]> {
  const out: PublishRequest[] = [];
  for (const request of members) out.push(await approveAtOnce(deps, request, actor, false));
  return out;
}

/**
 * Refuses a batch any of whose versions already has an open request in `env`, before anything is
 * written: that request is decided (or expires) first, so a version never waits on two requests.
 */
async function refuseOpenRequests(
  deps: ServiceDeps,
  env: string,
  versions: readonly FlowVersion[],
): Promise<void> {
  for (const version of versions) {
    const requests = await deps.requests.listFlowRequests(env, version.flowKey);
    const open = requests.find((r) => r.version === version.number && isOpenRequest(r));
    if (open !== undefined) throw alreadyRequested(open, flowLabel(version.flowKey));
  }
}
