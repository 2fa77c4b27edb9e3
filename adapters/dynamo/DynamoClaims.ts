import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { FlowgateError } from '../../core/errors.js';
import type { Claims, Clock } from '../../core/ports.js';
import { type DynamoTableOptions, hasExpired, ItemTable, isoNow } from './itemTable.js';
import { idempotencyKey } from './keys.js';

/** What the DynamoDB claims need. */
export interface DynamoClaimsOptions extends DynamoTableOptions {
  /** A claim's expiry is checked against this on every claim and read. */
  readonly clock: Clock;
}

/**
 * `Claims` on the DynamoDB table: one item per key (`IDEMP#<key>`), written with a condition that
 * lets a new claim replace only an expired one. The exact expiry is kept as `until` and compared
 * on every claim and read; `expiresAt`, in epoch seconds, lets DynamoDB's TTL delete it later.
 */
export class DynamoClaims implements Claims {
  readonly #table: ItemTable;
  readonly #clock: Clock;

  constructor(options: DynamoClaimsOptions) {
    this.#table = new ItemTable(options);
    this.#clock = options.clock;
  }

  async claimOnce(key: string, expiresAt: string): Promise<boolean> {
    const epochMs = Date.parse(expiresAt);
    if (Number.isNaN(epochMs))
      throw new FlowgateError('invalid-time', `idempotency expiry "${expiresAt}" is not an ISO-8601 time`);
    return this.#table.conditional('claim idempotency key', () =>
      this.#table.doc.send(
        new PutCommand({
          TableName: this.#table.name,
          // `until` is compared exactly on read; `expiresAt` (epoch seconds) lets DynamoDB's TTL delete it later.
          Item: {
            ...idempotencyKey(key),
            item: 'idempotency',
            until: expiresAt,
            expiresAt: Math.ceil(epochMs / 1000),
          },
          ConditionExpression: 'attribute_not_exists(pk) OR #until <= :now',
          ExpressionAttributeNames: { '#until': 'until' },
          ExpressionAttributeValues: { ':now': isoNow(this.#clock) },
        }),
      ),
    );
  }

  async hasClaim(key: string): Promise<boolean> {
    const result = await this.#table.run('read idempotency key', () =>
      this.#table.doc.send(
        new GetCommand({ TableName: this.#table.name, Key: idempotencyKey(key), ConsistentRead: true }),
      ),
    );
    const until = result.Item?.until;
    return typeof until === 'string' && !hasExpired(until, this.#clock);
  }

  async releaseClaim(key: string): Promise<void> {
    await this.#table.run('release idempotency key', () =>
      this.#table.doc.send(new DeleteCommand({ TableName: this.#table.name, Key: idempotencyKey(key) })),
    );
  }
}
