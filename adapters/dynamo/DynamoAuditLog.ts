import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditLog } from '../../core/ports.js';
import type { AuditEvent } from '../../core/versions/types.js';
import { auditItemSchema, auditMonthsItemSchema, parseItem } from './itemSchemas.js';
import { type DynamoTableOptions, ItemTable } from './itemTable.js';
import { auditKey, auditMonth, auditMonthsKey, auditPk } from './keys.js';

/** What the DynamoDB audit log needs: the table alone (events are stamped by their callers). */
export type DynamoAuditLogOptions = DynamoTableOptions;

/**
 * `AuditLog` on the DynamoDB table: events partitioned by environment and month, so no partition
 * grows without bound, and a set of the months that hold events, so a listing knows which
 * partitions to read without a scan.
 */
export class DynamoAuditLog implements AuditLog {
  readonly #table: ItemTable;
  /** `env\u0000month` already recorded in the months set by this process. */
  readonly #knownMonths = new Set<string>();

  constructor(options: DynamoAuditLogOptions) {
    this.#table = new ItemTable(options);
  }

  async appendAudit(event: AuditEvent): Promise<void> {
    const month = auditMonth(event.at);
    // The month is recorded before the event, so a listing never misses a written event.
    if (!this.#knownMonths.has(`${event.env}\u0000${month}`)) {
      await this.#table.run('record audit month', () =>
        this.#table.doc.send(
          new UpdateCommand({
            TableName: this.#table.name,
            Key: auditMonthsKey(event.env),
            UpdateExpression: 'SET #item = :item ADD months :month',
            ExpressionAttributeNames: { '#item': 'item' },
            ExpressionAttributeValues: { ':item': 'audit-months', ':month': new Set([month]) },
          }),
        ),
      );
      this.#knownMonths.add(`${event.env}\u0000${month}`);
    }
    // Conditional, so an event written again (an import repeated after a crash) is kept once.
    await this.#table.putIfAbsent({ ...auditKey(event.env, event.at, event.id), item: 'audit', ...event });
  }

  async listAudit(env: string, since?: string): Promise<AuditEvent[]> {
    const raw = await this.#table.get(auditMonthsKey(env));
    const months = raw === null ? [] : [...parseItem(auditMonthsItemSchema, raw, 'audit month set').months];
    const from = since === undefined ? '' : since.slice(0, 7);
    const events: AuditEvent[] = [];
    for (const month of months.filter((m) => m >= from).sort((a, b) => b.localeCompare(a))) {
      const items = await this.#table.query({
        KeyConditionExpression: since === undefined ? 'pk = :pk' : 'pk = :pk AND sk >= :since',
        ExpressionAttributeValues:
          since === undefined
            ? { ':pk': auditPk(env, month) }
            : { ':pk': auditPk(env, month), ':since': since },
        ScanIndexForward: false,
      });
      for (const item of items) events.push(parseItem(auditItemSchema, item, 'audit event'));
    }
    return events;
  }
}
