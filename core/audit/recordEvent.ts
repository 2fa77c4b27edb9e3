import type { Actor } from '../config.js';
import type { ServiceDeps } from '../deps.js';
import type { Notification } from '../ports.js';
import type { AuditAction, AuditEvent, FlowKey } from '../versions/types.js';

/** One transition to record: the audit facts, and what to tell people (null: audit only). */
export interface RecordedEvent {
  readonly env: string;
  readonly actor: Actor;
  readonly action: AuditAction;
  readonly flowKey: FlowKey | null;
  readonly detail: AuditEvent['detail'];
  readonly notification: Omit<Notification, 'env' | 'flowKey'> | null;
}

/**
 * Appends the audit event, then notifies. The audit comes first because it is the record; a
 * notifier that fails must not undo a transition that already happened, so its error is swallowed
 * (the audit trail still shows the event).
 */
export async function recordEvent(deps: ServiceDeps, event: RecordedEvent): Promise<void> {
  await deps.audit.appendAudit({
    id: deps.newId(),
    env: event.env,
    at: deps.clock.now().toISOString(),
    actor: event.actor.id,
    action: event.action,
    flowKey: event.flowKey,
    detail: event.detail,
  });
  if (deps.notifier === null || event.notification === null) return;
  try {
    await deps.notifier.notify({ ...event.notification, env: event.env, flowKey: event.flowKey });
  } catch {
    // Telling people is best effort; the transition and its audit event stand.
  }
}

/** Tells people without an audit event (a batch summary whose events were audited one by one). */
export async function notifyOnly(deps: ServiceDeps, notification: Notification): Promise<void> {
  if (deps.notifier === null) return;
  try {
    await deps.notifier.notify(notification);
  } catch {
    // Best effort, as in recordEvent.
  }
}
