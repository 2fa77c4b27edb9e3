/**
 * Promoting 300 flows between two Amazon Connect instances at Connect's rate: a fake Connect that
 * enforces 2 requests a second with a burst of 5 (answering `ThrottlingException`, as Connect
 * does, when exceeded) in front of each instance, on a simulated clock, so minutes of pacing take
 * seconds. Both instances are in one account and Region: they share one quota, and the process
 * one limiter, as in production (`RateLimiters`).
 *
 * `promoteWorkload` drives the `ContactCenter` port the way pull + promote do; when the promote use
 * case lands, it replaces that function and the figures stay comparable.
 */
import { ConnectContactCenter } from '../adapters/connect/ConnectContactCenter.js';
import { RateLimiters } from '../adapters/connect/rateLimiter.js';
import type { ContactCenter, ContactCenterFlow } from '../core/ports.js';
import { FakeConnectApi, type FakeConnectFlow } from '../test/contracts/fakeConnectApi.js';
import { ConnectQuota, ThrottledConnectApi } from '../test/contracts/throttledConnectApi.js';
import { SimulatedClock } from '../test/fakes/simulatedClock.js';

/** What {@link measurePromote} reports. */
export interface PromoteFigures {
  /** Simulated wall time divided by (calls ÷ 2 per second): 1.0 is exactly Connect's rate. */
  readonly promote_300_vs_rate_bound: number;
  /** Connect requests per promoted flow (every read and write, both instances). */
  readonly promote_calls_per_flow: number;
  /** Requests Connect refused for throttling (each attempt counts); the target is 0. */
  readonly promote_throttled: number;
  /** Requests that failed for good (the promote did not complete when above 0). */
  readonly promote_failed: number;
  readonly promote_simulated_seconds: number;
  readonly promote_calls: number;
}

const FLOWS = 300;
const MODULES = 30;
const ACCOUNT = '444455556666';
const SOURCE = `arn:aws:connect:us-west-2:${ACCOUNT}:instance/0b6f3a9e-1c2d-4e5f-8a9b-000000000001`;
const TARGET = `arn:aws:connect:us-west-2:${ACCOUNT}:instance/5e2d7c1b-9a4f-4f3e-8b6d-000000000002`;
const CONNECT_RATE = 2;

/**
 * Promote `flows` (names) from `source` to `target` through the port, in the calls pull + promote
 * make: the source's inventory, its content in bulk (`describeFlows`), the target's inventory, the
 * content of the flows the target already has (to diff), then one write per flow that changes,
 * modules first (flows invoke them), in dependency order.
 */
export async function promoteWorkload(
  source: ContactCenter,
  target: ContactCenter,
  flows: readonly string[],
): Promise<void> {
  const wanted = new Set(flows);
  const sourceInventory = await source.inventory();
  const picked = sourceInventory.resources.filter(
    (r) => (r.kind === 'flow' || r.kind === 'module') && wanted.has(r.name),
  );
  const content = await describeByKind(
    source,
    picked.map((r) => ({ kind: r.kind as 'flow' | 'module', id: r.id })),
  );
  const targetInventory = await target.inventory();
  const existing = new Map(
    targetInventory.resources
      .filter((r) => r.kind === 'flow' || r.kind === 'module')
      .map((r) => [`${r.kind}\u0000${r.name}`, r]),
  );
  const current = await describeByKind(
    target,
    picked.flatMap((r) => {
      const there = existing.get(`${r.kind}\u0000${r.name}`);
      return there === undefined ? [] : [{ kind: r.kind as 'flow' | 'module', id: there.id }];
    }),
  );
  const ordered = [...content.values()].sort((a, b) => rank(a) - rank(b));
  for (const flow of ordered) {
    const there = existing.get(`${flow.kind}\u0000${flow.name}`);
    if (there === undefined) {
      await target.createFlow({
        kind: flow.kind,
        name: flow.name,
        type: flow.type,
        description: '',
        content: flow.content,
        status: 'PUBLISHED',
      });
    } else if (current.get(there.id)?.content !== flow.content) {
      await target.updateFlow({ kind: flow.kind, id: there.id, content: flow.content, status: 'PUBLISHED' });
    }
  }
}

/** Modules before flows: a flow that invokes a module needs it to exist first. */
function rank(flow: ContactCenterFlow): number {
  return flow.kind === 'module' ? 0 : 1;
}

async function describeByKind(
  center: ContactCenter,
  items: readonly { kind: 'flow' | 'module'; id: string }[],
): Promise<Map<string, ContactCenterFlow>> {
  const found = new Map<string, ContactCenterFlow>();
  for (const kind of ['module', 'flow'] as const) {
    const ids = items.filter((i) => i.kind === kind).map((i) => i.id);
    if (ids.length === 0) continue;
    for (const [id, flow] of await center.describeFlows(kind, ids)) found.set(id, flow);
  }
  return found;
}

/** Promotes 300 flows (30 of them modules) from a seeded source into an empty target. */
export async function measurePromote(): Promise<PromoteFigures> {
  const clock = new SimulatedClock();
  const seeded = sourceFlows();
  // One quota for the account and Region: one bucket in front of both instances.
  const quota = new ConnectQuota({ now: clock.now });
  const sourceApi = new ThrottledConnectApi({
    api: new FakeConnectApi({ instanceArn: SOURCE, flows: seeded, pageSize: 1000 }),
    quota,
  });
  const targetApi = new ThrottledConnectApi({
    api: new FakeConnectApi({ instanceArn: TARGET, pageSize: 1000 }),
    quota,
  });
  const limiters = new RateLimiters({ now: clock.now, sleep: clock.sleep });
  const center = (api: ThrottledConnectApi, arn: string) =>
    new ConnectContactCenter({
      client: api.client,
      instanceArn: arn,
      limiter: limiters.limiterFor(arn, 'us-west-2'),
    });
  let failed = 0;
  try {
    await promoteWorkload(
      center(sourceApi, SOURCE),
      center(targetApi, TARGET),
      seeded.map((f) => f.name),
    );
  } catch {
    failed += 1;
  }
  const calls = quota.totalCalls;
  const seconds = clock.now() / 1000;
  return {
    promote_300_vs_rate_bound: Number((seconds / (calls / CONNECT_RATE)).toFixed(3)),
    promote_calls_per_flow: Number((calls / FLOWS).toFixed(3)),
    promote_throttled: quota.throttled,
    promote_failed: failed,
    promote_simulated_seconds: Number(seconds.toFixed(1)),
    promote_calls: calls,
  };
}

function sourceFlows(): FakeConnectFlow[] {
  return Array.from({ length: FLOWS }, (_, i) => {
    const module = i < MODULES;
    const name = module ? `Module ${i}` : `Flow ${i}`;
    return {
      kind: module ? 'module' : 'flow',
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      name,
      type: module ? null : 'CONTACT_FLOW',
      content: JSON.stringify({
        Version: '2019-10-30',
        StartAction: 'end',
        Metadata: { name },
        Actions: [{ Identifier: 'end', Type: 'DisconnectParticipant', Parameters: {}, Transitions: {} }],
      }),
      status: 'PUBLISHED',
    };
  });
}
