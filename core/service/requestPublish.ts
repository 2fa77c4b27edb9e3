import { environmentOf, requireRole } from '../access.js';
import { recordEvent } from '../audit/recordEvent.js';
import type { Actor } from '../config.js';
import type { ServiceDeps } from '../deps.js';
import { AlreadyRequestedError, ServiceError } from '../errors.js';
import { TargetReader } from '../publish/publishTarget.js';
import { lostTransition } from '../publish/requestState.js';
import { flowLabel } from '../versions/flowKey.js';
import { isSnapshot, pendingRequest, publishProblems } from '../versions/requests.js';
import type { AuditEvent, FlowKey, FlowVersion, PublishRequest } from '../versions/types.js';
import { lookupHead } from './findFlow.js';

/** Input of {@link requestPublish}. */
export interface RequestPublishInput {
  readonly env: string;
  /** The flow's key (`flow:Main`) or its name. */
  readonly flow: string;
  /** The version to publish; the latest import (snapshots aside) when absent. */
  readonly version?: number;
  readonly actor: Actor;
}

/** How many problems a `not-publishable` refusal names before "and N more". */
const SHOWN_PROBLEMS = 3;

/**
 * Asks to publish one version of a flow (editor). The request binds the version's content and
 * resolutions and the target's current content (the drift guard), and expires after the
 * environment's `expiresAfterHours`. Where the environment requires no approval it is approved
 * at once, by the requester, and both steps are audited. Publishing itself is `publishApproved`.
 *
 * One open request per version and environment: asking again for a version that has one (a
 * double click, a repeated command) stores nothing and throws `AlreadyRequestedError` carrying it.
 *
 * @throws ServiceError `not-found` (no such flow or version), `conflict` (a name both a flow and a module have), `not-publishable` (error diagnostics
 *   or unresolved required references, the first ones named), `forbidden`, `unknown-environment`;
 *   `AlreadyRequestedError` (`already-requested`).
 */
export async function requestPublish(deps: ServiceDeps, input: RequestPublishInput): Promise<PublishRequest> {
  const { env, actor } = input;
  requireRole(deps.config, actor, 'editor', 'request publishing');
  const policy = environmentOf(deps.config, env).approval;
  const head = await lookupHead(deps.versions, env, input.flow);
  const flow = head.flowKey;
  const version = await chosenVersion(deps, env, flow, input.version);
  refuseUnpublishable(version);
  const located = await new TargetReader(deps, env).locate(head, version);
  const now = deps.clock.now();
  const request = pendingRequest({
    id: deps.newId(),
    env,
    version,
    currentContent: located.current?.content ?? null,
    requester: actor.id,
    now,
    expiresAfterHours: policy.expiresAfterHours,
  });

  const stored = await deps.requests.createRequest(request);
  if (!stored.created) throw alreadyRequested(stored.request, head.name);
  await recordEvent(deps, {
    env,
    actor,
    action: 'request',
    flowKey: flow,
    detail: requestDetail(request, located.target?.arn ?? null),
    notification: {
      kind: 'requested',
      text: `${actor.id} asks to publish ${version.name} v${version.number} to ${env} (request ${request.id}, expires ${request.expiresAt}).`,
      facts: {
        actor: actor.id,
        flow: { name: version.name, version: version.number },
        expiresAt: request.expiresAt,
      },
    },
  });
  return policy.required ? request : approveAtOnce(deps, request, actor);
}

/** The refusal of a second request for a version: who asked first, when, and where it stands. */
export function alreadyRequested(existing: PublishRequest, name: string): AlreadyRequestedError {
  const where = `${name} v${existing.version} in ${existing.env}`;
  const standing =
    existing.state === 'approved'
      ? `it was approved by ${existing.decidedBy ?? 'a publisher'} and is being published`
      : `it waits for a publisher's approval until ${existing.expiresAt}`;
  return new AlreadyRequestedError(
    existing,
    `${where} was already requested by ${existing.requester} at ${existing.requestedAt} (request ${existing.id}): ${standing}. Nothing new was requested.`,
  );
}

/** The facts of a request for the audit trail. */
export function requestDetail(request: PublishRequest, targetArn: string | null): AuditEvent['detail'] {
  return {
    request: request.id,
    version: request.version,
    contentHash: request.contentHash,
    resolutionHash: request.resolutionHash,
    driftHash: request.driftHash,
    target: targetArn,
  };
}

async function chosenVersion(
  deps: ServiceDeps,
  env: string,
  flow: FlowKey,
  wanted: number | undefined,
): Promise<FlowVersion> {
  const number = wanted ?? (await latestImport(deps, env, flow));
  const version = await deps.versions.getVersion(env, flow, number);
  if (version !== null) return version;
  throw new ServiceError(
    'not-found',
    `${flowLabel(flow)} has no version ${number} in ${env}: list them with \`flowgate versions\` and pick one.`,
  );
}

/** The newest version that is not a snapshot of the target (those only record what a publish replaced). */
async function latestImport(deps: ServiceDeps, env: string, flow: FlowKey): Promise<number> {
  const versions = await deps.versions.listVersions(env, flow);
  const latest = versions.find((v) => !isSnapshot(v)) ?? versions[0];
  if (latest !== undefined) return latest.number;
  throw new ServiceError('not-found', `There is no flow ${flowLabel(flow)} in ${env}: import it first.`);
}

/** The first three problems, then how many more ("A. B. C. …and 4 more."), for a refusal's sentence. */
export function firstProblems(problems: readonly string[]): string {
  const more = problems.length > SHOWN_PROBLEMS ? ` …and ${problems.length - SHOWN_PROBLEMS} more.` : '';
  return `${problems.slice(0, SHOWN_PROBLEMS).join(' ')}${more}`;
}

function refuseUnpublishable(version: FlowVersion): void {
  const problems = publishProblems(version);
  if (problems.length === 0) return;
  throw new ServiceError(
    'not-publishable',
    `${version.name} v${version.number} cannot be published to ${version.env}: ${firstProblems(problems)} Fix the flow and import it again, or resolve the references, then request publishing.`,
  );
}

/**
 * Where the environment requires no approval: the requester's request is approved as it is made,
 * and audited as automatic. A member of a promoted batch (`notify` false) is told about through
 * its batch's lead, not on its own.
 */
export async function approveAtOnce(
  deps: ServiceDeps,
  request: PublishRequest,
  actor: Actor,
  notify = true,
): Promise<PublishRequest> {
  const approved = await deps.requests.transitionRequest(request.id, 'pending', 'approved', {
    decidedBy: actor.id,
    decidedAt: deps.clock.now().toISOString(),
    reason: `approval is not required in ${request.env}`,
  });
  if (approved === null) throw await lostTransition(deps, request, 'approve');
  await recordEvent(deps, {
    env: request.env,
    actor,
    action: 'approve',
    flowKey: request.flowKey,
    detail: {
      request: request.id,
      version: request.version,
      automatic: true,
      ...(request.batch === undefined ? {} : { batch: request.batch }),
    },
    notification: !notify
      ? null
      : {
          kind: 'approved',
          text: `${flowLabel(request.flowKey)} v${request.version} is approved for ${request.env} (no approval required there).`,
        },
  });
  return approved;
}
