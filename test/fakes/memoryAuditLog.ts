import type { AuditLog } from '../../core/ports.js';
import type { AuditEvent } from '../../core/versions/types.js';
import { tick } from './tick.js';

/** `AuditLog` in memory: the reference semantics the DynamoDB adapter must match. */
export class MemoryAuditLog implements AuditLog {
  readonly #events: AuditEvent[] = [];

  async appendAudit(event: AuditEvent): Promise<void> {
    await tick();
    // Keyed like the DynamoDB item (environment, time, id): the same event appended again is kept once.
    const stored = this.#events.some((e) => e.env === event.env && e.at === event.at && e.id === event.id);
    if (!stored) this.#events.push(event);
  }

  async listAudit(env: string, since?: string): Promise<AuditEvent[]> {
    await tick();
    return this.#events
      .filter((e) => e.env === env && (since === undefined || e.at >= since))
      .sort((a, b) => b.at.localeCompare(a.at) || b.id.localeCompare(a.id));
  }
}
