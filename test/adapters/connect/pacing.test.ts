import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConnectContactCenter } from '../../../adapters/connect/ConnectContactCenter.js';
import { RateLimiters, TokenBucketRateLimiter } from '../../../adapters/connect/rateLimiter.js';
import type { CreateFlowInput } from '../../../core/ports.js';
import { FakeConnectApi, type FakeConnectFlow } from '../../contracts/fakeConnectApi.js';
import { ThrottledConnectApi } from '../../contracts/throttledConnectApi.js';
import { SimulatedClock } from '../../fakes/simulatedClock.js';

const INSTANCE = 'arn:aws:connect:us-west-2:444455556666:instance/5e2d7c1b-9a4f-4f3e-8b6d-2c1a0f9e8d77';
const CONTENT = JSON.stringify({
  Version: '2019-10-30',
  StartAction: 'end',
  Actions: [{ Identifier: 'end', Type: 'DisconnectParticipant', Parameters: {}, Transitions: {} }],
});

function flowInput(i: number): CreateFlowInput {
  return {
    kind: 'flow',
    name: `Flow ${String(i).padStart(3, '0')}`,
    type: 'CONTACT_FLOW',
    description: '',
    content: CONTENT,
    status: 'PUBLISHED',
  };
}

function seeded(count: number): FakeConnectFlow[] {
  return Array.from({ length: count }, (_, i) => ({
    kind: 'flow',
    id: `flow-${i}`,
    name: `Flow ${i}`,
    type: 'CONTACT_FLOW',
    content: CONTENT,
    status: 'PUBLISHED',
  }));
}

/** Connect at its default quota on a simulated clock, and flowgate's adapter paced by that clock. */
function pacedCenter(flows: FakeConnectFlow[] = []) {
  const clock = new SimulatedClock();
  const api = new ThrottledConnectApi({
    api: new FakeConnectApi({ instanceArn: INSTANCE, flows, pageSize: 1000 }),
    now: clock.now,
  });
  const limiter = new TokenBucketRateLimiter({ now: clock.now, sleep: clock.sleep });
  const center = new ConnectContactCenter({ client: api.client, instanceArn: INSTANCE, limiter });
  return { clock, api, center };
}

/** Seconds the calls need at Connect's 2 requests a second. */
function rateBound(calls: number): number {
  return calls / 2;
}

describe('ConnectContactCenter at Connect’s rate', () => {
  it('creates 300 flows with no throttling within 10% of the time the rate allows', async () => {
    const { clock, api, center } = pacedCenter();

    await center.inventory();
    for (let i = 0; i < 300; i++) await center.createFlow(flowInput(i));

    expect(api.throttled).toBe(0);
    expect(api.calls.get('CreateContactFlow')).toBe(300);
    expect(clock.now() / 1000).toBeLessThanOrEqual(rateBound(api.totalCalls) * 1.1);
  });

  it('reads 300 flows in bulk: a Search page per 100 flows, not a Describe per flow', async () => {
    const { api, center } = pacedCenter(seeded(300));

    const found = await center.describeFlows(
      'flow',
      seeded(300).map((f) => f.id),
    );

    expect(found.size).toBe(300);
    expect(api.calls.get('SearchContactFlows')).toBe(3);
    expect(api.calls.get('DescribeContactFlow') ?? 0).toBe(0);
    expect(api.throttled).toBe(0);
  });

  it('is throttled by the fake when nothing paces it (the fake enforces the rate)', async () => {
    const clock = new SimulatedClock();
    const api = new ThrottledConnectApi({
      api: new FakeConnectApi({ instanceArn: INSTANCE, pageSize: 1000 }),
      now: clock.now,
      client: { maxAttempts: 1 },
    });
    const unpaced = new ConnectContactCenter({
      client: api.client,
      instanceArn: INSTANCE,
      limiter: { acquire: async () => {} },
    });
    const creates = Array.from({ length: 6 }, (_, i) => unpaced.createFlow(flowInput(i)));

    const outcomes = await Promise.allSettled(creates);

    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(5);
    expect(outcomes.find((o) => o.status === 'rejected')).toMatchObject({ reason: { code: 'throttled' } });
  });
});

describe('ConnectContactCenter beside another function sharing the rate', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('completes every call when another function spends the same quota: the SDK retries the throttled ones', async () => {
    // Faked timers are the simulated clock here, so the SDK's own retry delays pass in it too.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const now = () => Date.now();
    const api = new ThrottledConnectApi({
      api: new FakeConnectApi({ instanceArn: INSTANCE, pageSize: 1000 }),
      now,
    });
    // Two functions, each pacing itself at the whole rate: together twice what Connect allows.
    const ours = new ConnectContactCenter({
      client: api.client,
      instanceArn: INSTANCE,
      limiter: new TokenBucketRateLimiter({ now }),
    });
    const theirs = new ConnectContactCenter({
      client: api.newClient(),
      instanceArn: INSTANCE,
      limiter: new TokenBucketRateLimiter({ now }),
    });
    const run = async (center: ConnectContactCenter, from: number) => {
      for (let i = from; i < from + 20; i++) await center.createFlow(flowInput(i));
    };

    let settled = false;
    const both = Promise.allSettled([run(ours, 0), run(theirs, 100)]).finally(() => {
      settled = true;
    });
    // A simulated minute at most, a second at a time: the SDK's first send waits on real promises.
    for (let second = 0; second < 60 && !settled; second++) await vi.advanceTimersByTimeAsync(1000);
    const outcomes = await both;

    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled']);
    expect(api.calls.get('CreateContactFlow')).toBe(40);
    expect(api.throttled).toBeGreaterThan(0);
  });
});

describe('RateLimiters', () => {
  it('gives every instance of one account and Region the same limiter, and another Region its own', () => {
    const limiters = new RateLimiters();
    const other = INSTANCE.replace('5e2d7c1b', '00000000');

    const a = limiters.limiterFor(INSTANCE, 'us-west-2');

    expect(limiters.limiterFor(other, 'us-west-2')).toBe(a);
    expect(limiters.limiterFor(INSTANCE.replace('us-west-2', 'eu-west-1'), 'eu-west-1')).not.toBe(a);
  });
});
