import type { ServiceDeps } from '../deps.js';
import type { FlowKey, PublishRequest } from '../versions/types.js';
import { unpublishedDependencies } from './publishPlan.js';

/** The approved requests to publish together with one just approved, or what they wait for. */
export interface ReadyBatch {
  /** The request and every approved request of its environment it is linked with. */
  readonly ids: readonly string[];
  /** Flows the batch needs that are neither published nor approved (their pending requests' ids, or their keys). */
  readonly waitingFor: readonly string[];
  /** The same flows by key, for messages that name them their own way. */
  readonly waitingKeys: readonly FlowKey[];
  /** The same flows with where each stands, for messages that say what to do about each. */
  readonly waiting: readonly WaitingFlow[];
}

/** A flow a batch needs that is neither published nor approved, and where it stands. */
export interface WaitingFlow {
  readonly key: FlowKey;
  /** `pending`: its request waits for approval; `failed`: its request failed; `not-requested`: nobody asked yet. */
  readonly state: 'pending' | 'failed' | 'not-requested';
  /** The id of its pending or failed request; null when nobody asked yet. */
  readonly request: string | null;
}

/**
 * Flows imported together may reference each other before any exists in the target (a flow and
 * the module it invokes, two flows that transfer to each other): they can only be published
 * together, once each is approved. This gathers the approved requests linked to `request` that
 * way (in either direction, transitively) and names the flows still missing an approval.
 */
export async function readyBatch(
  deps: ServiceDeps,
  request: PublishRequest,
  options: ReadyBatchOptions = {},
): Promise<ReadyBatch> {
  const approved = await deps.requests.listRequests(request.env, 'approved');
  const byFlow = new Map<FlowKey, { request: PublishRequest; needs: FlowKey[] }>();
  const add = async (r: PublishRequest): Promise<FlowKey[]> => {
    const version = await deps.versions.getVersion(r.env, r.flowKey, r.version);
    const needs = version === null ? [] : unpublishedDependencies(version);
    byFlow.set(r.flowKey, { request: r, needs });
    return needs;
  };
  for (const r of [request, ...approved.filter((a) => a.id !== request.id)]) {
    if (!byFlow.has(r.flowKey)) await add(r);
  }
  if (options.throughPublished) {
    // Only the published flows these requests need (and what those need) are read: the bridges.
    const published = new Map<FlowKey, PublishRequest>();
    for (const r of await deps.requests.listRequests(request.env, 'published')) {
      if (!published.has(r.flowKey)) published.set(r.flowKey, r);
    }
    const queue = [...byFlow.values()].flatMap((entry) => entry.needs);
    for (let key = queue.shift(); key !== undefined; key = queue.shift()) {
      const bridge = published.get(key);
      if (bridge !== undefined && !byFlow.has(key)) queue.push(...(await add(bridge)));
    }
  }
  const linked = linkedFlows(request.flowKey, byFlow);
  const missing = new Set<FlowKey>();
  for (const key of linked) {
    for (const need of byFlow.get(key)?.needs ?? []) if (!linked.has(need)) missing.add(need);
  }
  const waiting = await unpublished(deps, request.env, [...missing]);
  const ids = [...linked].flatMap((key) => {
    const member = byFlow.get(key)?.request;
    return member !== undefined && (member.state === 'approved' || member === request) ? [member.id] : [];
  });
  return {
    ids,
    waitingFor: waiting.map((w) => w.text),
    waitingKeys: waiting.map((w) => w.key),
    waiting: waiting.map(({ key, state, request: id }) => ({ key, state, request: id })),
  };
}

/** Options of {@link readyBatch}. */
export interface ReadyBatchOptions {
  /**
   * Link through published requests too (they are not published again): a batch that stopped
   * part-way is resumed whole from any of its requests, even when the flows that linked the rest
   * to it are the ones already published.
   */
  readonly throughPublished?: boolean;
}

/** The flows reachable from `start` through dependencies, followed both ways. */
function linkedFlows(start: FlowKey, byFlow: ReadonlyMap<FlowKey, { needs: FlowKey[] }>): Set<FlowKey> {
  const neighbours = new Map<FlowKey, Set<FlowKey>>();
  const link = (a: FlowKey, b: FlowKey) => neighbours.set(a, (neighbours.get(a) ?? new Set()).add(b));
  for (const [key, { needs }] of byFlow) {
    for (const need of needs) {
      if (!byFlow.has(need)) continue;
      link(key, need);
      link(need, key);
    }
  }
  const seen = new Set<FlowKey>([start]);
  const queue = [start];
  for (let key = queue.shift(); key !== undefined; key = queue.shift()) {
    for (const next of neighbours.get(key) ?? []) {
      if (seen.has(next)) continue;
      seen.add(next);
      queue.push(next);
    }
  }
  return seen;
}

/**
 * Of `keys`, those with no published target yet, each with what it takes: its pending request
 * (to approve), its failed one (a failed request cannot be approved: it must be requested
 * again), or none yet.
 */
async function unpublished(
  deps: ServiceDeps,
  env: string,
  keys: readonly FlowKey[],
): Promise<(WaitingFlow & { text: string })[]> {
  if (keys.length === 0) return [];
  const pending = await deps.requests.listRequests(env, 'pending');
  const out: (WaitingFlow & { text: string })[] = [];
  let failed: PublishRequest[] | null = null;
  for (const key of keys) {
    const head = await deps.versions.getHead(env, key);
    if (head?.target) continue;
    const asked = pending.find((p) => p.flowKey === key);
    if (asked !== undefined) {
      out.push({ key, state: 'pending', request: asked.id, text: `${key} (request ${asked.id})` });
      continue;
    }
    failed ??= await deps.requests.listRequests(env, 'failed');
    const lost = failed.find((f) => f.flowKey === key);
    out.push({
      key,
      state: lost === undefined ? 'not-requested' : 'failed',
      request: lost?.id ?? null,
      text:
        lost === undefined
          ? `${key} (not requested yet: request publishing it)`
          : `${key} (its request ${lost.id} failed: request publishing it again)`,
    });
  }
  return out;
}
