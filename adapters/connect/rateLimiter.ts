/** Takes a turn before each request; resolves when the request may go. */
export interface RateLimiter {
  acquire(): Promise<void>;
}

/** Options of `TokenBucketRateLimiter`. */
export interface TokenBucketOptions {
  /** Tokens added per second (Amazon Connect allows about 2 requests/s per account and Region). */
  readonly ratePerSecond?: number;
  /** Most tokens held at once: how many requests may go back to back after a quiet spell. */
  readonly burst?: number;
  /** Milliseconds on a monotonic clock; `performance.now()` unless a test drives time. */
  readonly now?: () => number;
  /** Waits `ms` milliseconds; a test's sleep moves its clock instead. */
  readonly sleep?: (ms: number) => Promise<void>;
}

/**
 * Amazon Connect's default API quota, per account and Region, shared by every caller: a rate of
 * 2 requests a second with a burst of 5 (API Reference, "Throttling in Amazon Connect APIs").
 */
export const CONNECT_QUOTA = Object.freeze({ ratePerSecond: 2, burst: 5 });

const DEFAULT_RATE_PER_SECOND = CONNECT_QUOTA.ratePerSecond;
const DEFAULT_BURST = CONNECT_QUOTA.burst;

/** A limiter's rate and burst: its share of {@link CONNECT_QUOTA}. */
export interface ConnectBudget {
  readonly ratePerSecond: number;
  readonly burst: number;
}

/**
 * The part of Connect's quota one process may use: `share` (0 < share ≤ 1) of the rate, and of
 * the burst (at least one request). Functions that share an account divide the quota so that
 * together they stay inside it; see the README's "Connect's rate" for how flowgate divides it.
 */
export function connectBudget(share = 1): ConnectBudget {
  if (!(share > 0 && share <= 1)) {
    throw new RangeError(`A share of Amazon Connect's rate is more than 0 and at most 1, got ${share}`);
  }
  return {
    ratePerSecond: CONNECT_QUOTA.ratePerSecond * share,
    burst: Math.max(1, Math.floor(CONNECT_QUOTA.burst * share)),
  };
}

/**
 * A token bucket shared by every call to one account and Region. Callers are served in the order
 * they asked, so a burst of publishes cannot starve the inventory reads (or the other way round).
 * The bucket starts full.
 */
export class TokenBucketRateLimiter implements RateLimiter {
  readonly #rate: number;
  readonly #burst: number;
  readonly #now: () => number;
  readonly #sleep: (ms: number) => Promise<void>;
  #tokens: number;
  #last: number;
  /** The turn before ours: each acquire waits for it, so tokens are taken strictly in order. */
  #queue: Promise<void> = Promise.resolve();

  constructor(options: TokenBucketOptions = {}) {
    this.#rate = positive(options.ratePerSecond ?? DEFAULT_RATE_PER_SECOND, 'ratePerSecond');
    this.#burst = positive(options.burst ?? DEFAULT_BURST, 'burst');
    this.#now = options.now ?? (() => performance.now());
    this.#sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.#tokens = this.#burst;
    this.#last = this.#now();
  }

  acquire(): Promise<void> {
    const turn = this.#queue.then(() => this.#take());
    // A failing sleep must not wedge every later caller.
    this.#queue = turn.catch(() => undefined);
    return turn;
  }

  async #take(): Promise<void> {
    this.#refill();
    while (this.#tokens < 1) {
      await this.#sleep(Math.ceil(((1 - this.#tokens) / this.#rate) * 1000));
      this.#refill();
    }
    this.#tokens -= 1;
  }

  #refill(): void {
    const now = this.#now();
    const elapsed = Math.max(0, now - this.#last);
    this.#last = now;
    this.#tokens = Math.min(this.#burst, this.#tokens + (elapsed / 1000) * this.#rate);
  }
}

/** Options of {@link RateLimiters}. */
export interface RateLimitersOptions {
  /** The rate and burst of each limiter (default: the whole of Connect's quota). */
  readonly budget?: ConnectBudget;
  /** Milliseconds on a monotonic clock, for every limiter (tests and the bench simulate time). */
  readonly now?: () => number;
  /** Waits `ms` milliseconds, for every limiter. */
  readonly sleep?: (ms: number) => Promise<void>;
}

/**
 * One token bucket per account and Region: Connect's quota is per account and Region, whatever
 * the instance, so every contact center of the process built for instances of one account in one
 * Region must take its turns at the same bucket.
 */
export class RateLimiters {
  readonly #options: RateLimitersOptions;
  readonly #limiters = new Map<string, TokenBucketRateLimiter>();

  constructor(options: RateLimitersOptions = {}) {
    this.#options = options;
  }

  /** The limiter of the account and Region of `instanceArn` (created on first use). */
  limiterFor(instanceArn: string, region: string): TokenBucketRateLimiter {
    const key = `${instanceArn.split(':')[4] ?? ''}/${region}`;
    const existing = this.#limiters.get(key);
    if (existing !== undefined) return existing;
    const { budget, now, sleep } = this.#options;
    const limiter = new TokenBucketRateLimiter({
      ...(budget ?? {}),
      ...(now === undefined ? {} : { now }),
      ...(sleep === undefined ? {} : { sleep }),
    });
    this.#limiters.set(key, limiter);
    return limiter;
  }
}

/** Lets every request go at once (tests that do not measure pacing; the local contact center). */
export const UNLIMITED: RateLimiter = { acquire: () => Promise.resolve() };

function positive(value: number, name: string): number {
  if (!(value > 0) || !Number.isFinite(value)) {
    throw new RangeError(`TokenBucketRateLimiter: ${name} must be a positive number, got ${value}`);
  }
  return value;
}
