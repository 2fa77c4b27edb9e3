import { describe, expect, it } from 'vitest';
import { connectBudget, TokenBucketRateLimiter } from '../../../adapters/connect/rateLimiter.js';

/** A clock that moves only when the limiter sleeps; records every sleep. */
function fakeTime() {
  let now = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('TokenBucketRateLimiter', () => {
  it('lets a full burst through without waiting when the bucket is full', async () => {
    const time = fakeTime();
    const limiter = new TokenBucketRateLimiter({
      ratePerSecond: 2,
      burst: 2,
      now: time.now,
      sleep: time.sleep,
    });

    await limiter.acquire();
    await limiter.acquire();

    expect(time.sleeps).toEqual([]);
  });

  it('waits one token interval per request beyond the burst when requests keep coming', async () => {
    const time = fakeTime();
    const limiter = new TokenBucketRateLimiter({
      ratePerSecond: 2,
      burst: 2,
      now: time.now,
      sleep: time.sleep,
    });

    for (let i = 0; i < 5; i += 1) await limiter.acquire();

    expect(time.sleeps).toEqual([500, 500, 500]);
  });

  it('serves concurrent callers in order at the configured rate when all ask at once', async () => {
    const time = fakeTime();
    const limiter = new TokenBucketRateLimiter({
      ratePerSecond: 2,
      burst: 1,
      now: time.now,
      sleep: time.sleep,
    });
    const served: { caller: number; at: number }[] = [];

    await Promise.all(
      [0, 1, 2, 3].map((caller) => limiter.acquire().then(() => served.push({ caller, at: time.now() }))),
    );

    expect(served).toEqual([
      { caller: 0, at: 0 },
      { caller: 1, at: 500 },
      { caller: 2, at: 1000 },
      { caller: 3, at: 1500 },
    ]);
  });

  it('refills from elapsed time when the caller was idle', async () => {
    const time = fakeTime();
    const limiter = new TokenBucketRateLimiter({
      ratePerSecond: 2,
      burst: 2,
      now: time.now,
      sleep: time.sleep,
    });
    await limiter.acquire();
    await limiter.acquire();

    time.advance(1000);
    await limiter.acquire();
    await limiter.acquire();

    expect(time.sleeps).toEqual([]);
  });

  it('never holds more than the burst when idle for long', async () => {
    const time = fakeTime();
    const limiter = new TokenBucketRateLimiter({
      ratePerSecond: 2,
      burst: 2,
      now: time.now,
      sleep: time.sleep,
    });

    time.advance(60_000);
    for (let i = 0; i < 3; i += 1) await limiter.acquire();

    expect(time.sleeps).toEqual([500]);
  });

  it('keeps serving later callers when a sleep fails', async () => {
    let now = 0;
    let failures = 1;
    const limiter = new TokenBucketRateLimiter({
      ratePerSecond: 1,
      burst: 1,
      now: () => now,
      sleep: async (ms) => {
        if (failures-- > 0) throw new Error('timer broke');
        now += ms;
      },
    });
    await limiter.acquire();

    const failed = limiter.acquire();
    const next = limiter.acquire();

    await expect(failed).rejects.toThrow('timer broke');
    await expect(next).resolves.toBeUndefined();
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])('refuses a rate of %s', (rate) => {
    expect(() => new TokenBucketRateLimiter({ ratePerSecond: rate })).toThrow(RangeError);
  });
});

describe('TokenBucketRateLimiter defaults', () => {
  it("lets Connect's burst of 5 go back to back, then one every half second", async () => {
    const time = fakeTime();
    const limiter = new TokenBucketRateLimiter({ now: time.now, sleep: time.sleep });

    for (let i = 0; i < 7; i++) await limiter.acquire();

    expect(time.sleeps).toEqual([500, 500]);
  });
});

describe('connectBudget', () => {
  it("is the whole of Connect's quota by default", () => {
    expect(connectBudget()).toEqual({ ratePerSecond: 2, burst: 5 });
  });

  it('takes a share of the rate and of the burst, at least one request', () => {
    expect(connectBudget(0.2)).toEqual({ ratePerSecond: 0.4, burst: 1 });
    expect(connectBudget(0.5)).toEqual({ ratePerSecond: 1, burst: 2 });
  });

  it('refuses a share that is not between 0 and 1', () => {
    expect(() => connectBudget(1.5)).toThrow(
      "A share of Amazon Connect's rate is more than 0 and at most 1, got 1.5",
    );
  });
});
