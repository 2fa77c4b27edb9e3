/**
 * Yield to the event loop, as a network call would: concurrent callers of an in-memory fake
 * really interleave, so races the real adapters must survive show up in the fakes too.
 */
export function tick(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
