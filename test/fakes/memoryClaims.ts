import type { Claims, Clock } from '../../core/ports.js';
import { tick } from './tick.js';

/** `Claims` in memory: the reference semantics the DynamoDB adapter must match. */
export class MemoryClaims implements Claims {
  /** Key → its claim's expiry (ISO). */
  readonly #claims = new Map<string, string>();
  readonly #clock: Clock;

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  async claimOnce(key: string, expiresAt: string): Promise<boolean> {
    await tick();
    const existing = this.#claims.get(key);
    if (existing !== undefined && existing > this.#now()) return false;
    this.#claims.set(key, expiresAt);
    return true;
  }

  async hasClaim(key: string): Promise<boolean> {
    await tick();
    const existing = this.#claims.get(key);
    return existing !== undefined && existing > this.#now();
  }

  async releaseClaim(key: string): Promise<void> {
    await tick();
    this.#claims.delete(key);
  }

  #now(): string {
    return this.#clock.now().toISOString();
  }
}
