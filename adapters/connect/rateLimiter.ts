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

const DEFAULT_RATE_PER_SECOND = 2;
const DEFAULT_BURST = 2;

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

/** Lets every request go at once (tests that do not measure pacing; the local contact center). */
export const UNLIMITED: RateLimiter = { acquire: () => Promise.resolve() };

function positive(value: number, name: string): number {
  if (!(value > 0) || !Number.isFinite(value)) {
    throw new RangeError(`TokenBucketRateLimiter: ${name} must be a positive number, got ${value}`);
  }
  return value;
}
