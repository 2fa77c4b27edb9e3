import { environmentOf, requireRole } from '../access.js';
import { notifyOnly, recordEvent } from '../audit/recordEvent.js';
import type { Actor } from '../config.js';
import type { ServiceDeps } from '../deps.js';
import { ServiceError } from '../errors.js';
import { BatchRun } from '../publish/batchRun.js';
import { ensureAssociated } from '../publish/integrations.js';
import { type PublishOutcome, summarizeOutcome } from '../publish/publishOutcome.js';
import { type PublishMember, planPublish } from '../publish/publishPlan.js';
import { type LocateEntry, type TargetLookup, TargetReader } from '../publish/publishTarget.js';
import { invalidState, loadRequest } from '../publish/requestState.js';
import { wroteEarlier } from '../publish/writeIntent.js';
import { memberKind } from '../resolve/bundleIndex.js';
import { flowLabel } from '../versions/flowKey.js';
import { sha256 } from '../versions/hash.js';
import { driftHashOf } from '../versions/requests.js';
import type { FlowHead, FlowVersion, PublishRequest } from '../versions/types.js';

/** Input of {@link publishApproved}. */
export interface PublishApprovedInput {
  /** Approved requests of one environment, at most one per flow. */
  readonly ids: readonly string[];
  readonly actor: Actor;
}

/**
 * Publishes approved requests as one batch (editor: the approval was the publisher's gate).
 *
 * Before writing anything: every request must be approved and match its version; all targets
 * are read together (one `describeFlows` per kind), and if any differs from what the request saw
 * (`driftHash`) the batch stops with `drift` and those requests fail. A flow whose head says this
 * exact content is what was last published to its target is not read: it is reported `unchanged`
 * when the environment's flow listing (read once per job) still holds that target, since nothing
 * will be written there; a target deleted by hand in the contact center is created again. Then flows are written dependencies first (modules before the
 * flows that invoke them). A flow whose target already holds its content costs no write; a new
 * flow outside a cycle is created with its content in one call; the new members of a cycle are
 * created with placeholder content first, then every member gets its real content once all ARNs
 * are known. References to batch flows are pointed at their ARNs as they become known. What an
 * update replaces is kept as a `snapshot` version when no version holds it already.
 *
 * Every contact-center write is preceded by its intent (request and content hash, a claim), and
 * each written flow is recorded audit first, then head, then request. A run killed part-way is
 * resumed by approving again: a target holding exactly the content a run of its request meant to
 * write is that run's write (recorded, not written again, not refused as drift), and what that
 * run recorded already is not recorded twice.
 *
 * Every Lambda function and Lex V2 bot alias the written flows invoke must be associated with the
 * instance (Connect refuses the flow otherwise): one that is not stops the batch before any write
 * with `not-publishable` naming it, unless the environment's approval says `associate`, in which
 * case it is associated first and audited (`associate`).
 *
 * A write that fails stops the batch: that request becomes `failed`, flows already written stay
 * published (their requests `published`), the rest stay approved, and the outcome says which is
 * which, with ARNs and the rollback commands. Nothing is thrown for a failed write.
 *
 * @throws ServiceError `forbidden`, `not-found`, `invalid-state` (a request not approved),
 *   `conflict` (mixed environments, a flow twice), `stale-request` (version content changed),
 *   `not-publishable` (no target can be chosen, a dependency neither published nor in the batch,
 *   a function or bot not associated with the instance),
 *   `drift`.
 */
export async function publishApproved(
  deps: ServiceDeps,
  input: PublishApprovedInput,
): Promise<PublishOutcome> {
  const { actor } = input;
  requireRole(deps.config, actor, 'editor', 'publish');
  // Leased before the states are read: a run that reads them afterwards sees what this one did.
  const leased = await leaseRequests(deps, input.ids);
  try {
    const requests = await approvedRequests(deps, input.ids);
    const env = requests[0]?.env;
    if (env === undefined)
      return { env: '', ok: true, flows: [], calls: 0, writes: 0, summary: 'Nothing to publish.' };
    environmentOf(deps.config, env);
    return await publishLeased(deps, env, requests, actor);
  } finally {
    await Promise.all(leased.map((key) => deps.claims.releaseClaim(key)));
  }
}

/** How long a publish holds its requests: longer than any run lasts (the worker stops at 5 minutes). */
export const PUBLISH_LEASE_MS = 10 * 60_000;

/**
 * Holds every request of the batch for this run, so two runs (a queue's duplicate delivery, a
 * retry racing the first try) never write the same flows twice. A run that crashes keeps its
 * lease until it expires; then approving again resumes the publish.
 */
async function leaseRequests(deps: ServiceDeps, ids: readonly string[]): Promise<string[]> {
  const until = new Date(deps.clock.now().getTime() + PUBLISH_LEASE_MS).toISOString();
  const leased: string[] = [];
  for (const id of ids) {
    const key = `publish:${id}`;
    if (!(await deps.claims.claimOnce(key, until))) {
      await Promise.all(leased.map((k) => deps.claims.releaseClaim(k)));
      throw new ServiceError(
        'conflict',
        `Request ${id} is being published right now; the outcome is posted when it is done. If none comes within ${PUBLISH_LEASE_MS / 60_000} minutes, approve it again to resume.`,
      );
    }
    leased.push(key);
  }
  return leased;
}

async function publishLeased(
  deps: ServiceDeps,
  env: string,
  requests: readonly PublishRequest[],
  actor: Actor,
): Promise<PublishOutcome> {
  const reader = new TargetReader(deps, env);
  const members = await loadMembers(deps, reader, requests);
  const plan = planPublish(members, await deps.versions.listHeads(env));
  if (plan.problems.length > 0) {
    throw new ServiceError('not-publishable', `Nothing was published to ${env}: ${plan.problems.join(' ')}`);
  }
  await refuseDrift(deps, members, actor);
  const associating = await ensureAssociated(deps, reader.center, env, members, actor);
  const run = new BatchRun(deps, reader.center, env, actor, members, plan);
  await run.execute();
  const flows = plan.order.map((i) => run.result(i));
  const writes = flows.reduce((sum, f) => sum + f.writes, 0);
  const calls =
    reader.inventoryCalls + reader.bulkCalls + associating + flows.reduce((sum, f) => sum + f.calls, 0);
  const ok = flows.every((f) => f.state === 'published');
  const outcome: PublishOutcome = { env, ok, flows, calls, writes, summary: summarizeOutcome(env, flows) };
  await announce(deps, outcome, actor);
  return outcome;
}

async function approvedRequests(deps: ServiceDeps, ids: readonly string[]): Promise<PublishRequest[]> {
  const requests = await Promise.all(ids.map((id) => loadRequest(deps, id)));
  const envs = new Set(requests.map((r) => r.env));
  if (envs.size > 1) {
    throw new ServiceError(
      'conflict',
      `One batch publishes to one environment, not ${[...envs].join(' and ')}.`,
    );
  }
  const flows = new Set<string>();
  for (const request of requests) {
    if (request.state !== 'approved') throw invalidState(request, 'publish');
    if (flows.has(request.flowKey)) {
      throw new ServiceError(
        'conflict',
        `${flowLabel(request.flowKey)} is in this batch twice: publish one version of it.`,
      );
    }
    flows.add(request.flowKey);
  }
  return requests;
}

async function loadMembers(
  deps: ServiceDeps,
  reader: TargetReader,
  requests: readonly PublishRequest[],
): Promise<PublishMember[]> {
  const unread: PublishMember[] = [];
  const toRead: (LocateEntry & { request: PublishRequest })[] = [];
  for (const request of requests) {
    const version = await currentVersion(deps, request);
    const head = await deps.versions.getHead(request.env, request.flowKey);
    if (
      head?.target &&
      (await alreadyPublished(deps, head, version)) &&
      // A flow deleted by hand in the contact center is located again (and created), not "unchanged".
      (await reader.isListed(memberKind(version), head.target.id))
    ) {
      unread.push({ request, version, located: unreadTarget(head.target, version), earlier: null });
    } else {
      toRead.push({ request, version, head });
    }
  }
  const located = await reader.locateAll(toRead);
  const read = toRead.flatMap(({ request, version }, i) => {
    const lookup = located[i];
    return lookup === undefined ? [] : [{ request, version, located: lookup, earlier: null }];
  });
  // Request order is the plan's tie-breaker: keep it.
  const members = requests.flatMap((r) => [...unread, ...read].filter((m) => m.request === r));
  return findEarlierRuns(deps, members);
}

/**
 * What earlier runs of these requests did before they stopped (killed, timed out): a target
 * holding content such a run recorded it would write is flowgate's own write, not drift, and a
 * `publish` it recorded is not recorded twice. Costs one claim read per target that differs from
 * its request, and one audit read when any member may have been written before.
 */
async function findEarlierRuns(deps: ServiceDeps, members: PublishMember[]): Promise<PublishMember[]> {
  const wrote = await Promise.all(
    members.map(async ({ request, located }) => {
      const current = located.current?.content ?? null;
      if (current === null || driftHashOf(current) === request.driftHash) return false;
      return wroteEarlier(deps, request, current);
    }),
  );
  const resumed = members.filter((m, i) => wrote[i] === true || m.located.alreadyPublished);
  if (resumed.length === 0) return members;
  const since = resumed.map((m) => m.request.decidedAt ?? m.request.requestedAt).sort()[0];
  const audit = await deps.audit.listAudit(members[0]?.request.env ?? '', since);
  return members.map((member, i) => {
    const recorded =
      audit.find((e) => e.action === 'publish' && e.detail.request === member.request.id) ?? null;
    if (wrote[i] !== true && recorded === null) return member;
    return { ...member, earlier: { wrote: wrote[i] === true, recorded } };
  });
}

/** The request's version, refused as `stale-request` unless it still holds the approved content. */
async function currentVersion(deps: ServiceDeps, request: PublishRequest): Promise<FlowVersion> {
  const version = await deps.versions.getVersion(request.env, request.flowKey, request.version);
  if (
    version === null ||
    version.contentHash !== request.contentHash ||
    sha256(version.content) !== request.contentHash
  ) {
    throw new ServiceError(
      'stale-request',
      `${flowLabel(request.flowKey)} v${request.version} no longer holds the content that was approved: request publishing again.`,
    );
  }
  return version;
}

/**
 * True when the head says this exact content is what flowgate last published to its target, and
 * the content names every flow it uses by ARN (nothing to re-point at a batch member): publishing
 * it again writes nothing, so its target need not be read (no drift there can matter).
 */
async function alreadyPublished(
  deps: ServiceDeps,
  head: FlowHead | null,
  version: FlowVersion,
): Promise<boolean> {
  if (head?.target == null || head.published === null || !linksResolved(version)) return false;
  if (head.published === version.number) return true;
  const published = await deps.versions.getVersion(version.env, version.flowKey, head.published);
  return published?.contentHash === version.contentHash;
}

function linksResolved(version: FlowVersion): boolean {
  return version.references.every((reference, r) => {
    if (reference.kind !== 'flow' && reference.kind !== 'module') return true;
    const target = version.resolutions[r]?.target;
    return target == null || target.arn !== null || target.id !== null;
  });
}

function unreadTarget(
  target: { readonly arn: string; readonly id: string },
  version: FlowVersion,
): TargetLookup {
  return {
    kind: memberKind(version),
    target,
    current: null,
    diagnostics: [],
    calls: 0,
    alreadyPublished: true,
  };
}

/** Stops the batch before any write when a target changed since its request; those requests fail. */
async function refuseDrift(
  deps: ServiceDeps,
  members: readonly PublishMember[],
  actor: Actor,
): Promise<void> {
  const drifted = members.filter(
    (m) =>
      !m.located.alreadyPublished &&
      m.earlier?.wrote !== true &&
      driftHashOf(m.located.current?.content ?? null) !== m.request.driftHash,
  );
  if (drifted.length === 0) return;
  const names = drifted
    .map((m) => `${m.version.name}${m.located.target === null ? ' (new)' : ''}`)
    .join(', ');
  const reason = `the target changed since the request: ${names}`;
  for (const { request } of drifted) {
    const failed = await deps.requests.transitionRequest(request.id, 'approved', 'failed', { reason });
    if (failed === null) continue;
    await recordEvent(deps, {
      env: request.env,
      actor,
      action: 'publish-failed',
      flowKey: request.flowKey,
      detail: { request: request.id, version: request.version, error: 'drift', expected: request.driftHash },
      notification: {
        kind: 'publish-failed',
        text: `${flowLabel(request.flowKey)} v${request.version} was not published to ${request.env}: its target changed since the request. Request publishing again to review it against what is there now.`,
      },
    });
  }
  throw new ServiceError(
    'drift',
    `Nothing was published to ${members[0]?.request.env ?? ''}: ${reason}. Someone changed it outside flowgate; request publishing again to plan against what is there now.`,
  );
}

/** One message for the whole batch: people want the outcome, not a hundred lines. */
async function announce(deps: ServiceDeps, outcome: PublishOutcome, actor: Actor): Promise<void> {
  const only = outcome.flows.length === 1 ? (outcome.flows[0]?.flowKey ?? null) : null;
  const failed = outcome.flows.find((f) => f.state === 'failed');
  await notifyOnly(deps, {
    env: outcome.env,
    kind: outcome.ok ? 'published' : 'publish-failed',
    flowKey: only,
    text: outcome.summary,
    ...(failed === undefined ? {} : { diagnostics: failed.diagnostics }),
    // Who published what, for notifiers that word it (mentions); a failure keeps core's summary.
    ...(outcome.ok
      ? {
          facts: {
            actor: actor.id,
            flow: null,
            published: outcome.flows.map((f) => ({ name: f.name, version: f.version })),
          },
        }
      : {}),
  });
}
