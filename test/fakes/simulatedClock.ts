/**
 * Time that passes only when someone sleeps: `sleep(ms)` moves the clock forward by `ms`, so a
 * rate-limited run of minutes takes milliseconds and its duration is read from `now()`. Exact
 * while one caller sleeps at a time, which is how `TokenBucketRateLimiter` sleeps (its turns are
 * served in order). Requests take no simulated time: before the clock moves, the work already
 * released (requests on their way through the SDK's middleware) runs to where it waits, so a
 * request the limiter let go at t reaches the fake Connect at t, not after the next sleep.
 */
export class SimulatedClock {
  #now = 0;
  #slept = 0;

  /** Milliseconds since the start. */
  readonly now = (): number => this.#now;

  /** Moves time forward by `ms` (none for a negative wait) and resolves. */
  readonly sleep = async (ms: number): Promise<void> => {
    await settle();
    const wait = Math.max(0, ms);
    this.#now += wait;
    this.#slept += wait;
  };

  /** Total simulated milliseconds spent sleeping. */
  get slept(): number {
    return this.#slept;
  }
}

/** Lets every promise chain already started run until it waits on something else. */
async function settle(): Promise<void> {
  // The SDK's middleware hops through a few promise turns; a macrotask runs after all of them.
  for (let i = 0; i < 3; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
