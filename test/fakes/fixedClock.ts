import type { Clock } from '../../core/ports.js';

/** A clock that stands still until told to move. */
export class FixedClock implements Clock {
  #now: Date;
  constructor(iso = '2026-11-21T10:00:00.000Z') {
    this.#now = new Date(iso);
  }
  now(): Date {
    return new Date(this.#now);
  }
  /** Moves time forward by `ms` milliseconds. */
  advance(ms: number): void {
    this.#now = new Date(this.#now.getTime() + ms);
  }
}

/** Ids `id-1`, `id-2`, … : deterministic in tests. */
export function counterIds(prefix = 'id'): () => string {
  let n = 0;
  return () => `${prefix}-${++n}`;
}
