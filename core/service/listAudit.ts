import { environmentOf, requireRole } from '../access.js';
import type { Actor } from '../config.js';
import type { ServiceDeps } from '../deps.js';
import { FlowgateError } from '../errors.js';
import type { AuditEvent } from '../versions/types.js';

/** Input of {@link listAudit}: `since` is a date or date-time (`2026-11-01`, `2026-11-21T10:00:00Z`). */
export interface ListAuditInput {
  readonly env: string;
  readonly since?: string;
  readonly actor: Actor;
}

/** An environment's audit trail, newest first, from `since` when given. */
export async function listAudit(deps: ServiceDeps, input: ListAuditInput): Promise<AuditEvent[]> {
  requireRole(deps.config, input.actor, 'viewer', `read the audit trail of ${input.env}`);
  environmentOf(deps.config, input.env);
  return deps.audit.listAudit(input.env, input.since === undefined ? undefined : isoTime(input.since));
}

/** `since` as the ISO-8601 UTC time the store compares with (events are stamped that way). */
function isoTime(since: string): string {
  const time = new Date(since);
  if (Number.isNaN(time.getTime())) {
    throw new FlowgateError(
      'invalid-input',
      `'${since}' is not a date or time; give one like 2026-11-01 or 2026-11-21T10:00:00Z.`,
    );
  }
  return time.toISOString();
}
