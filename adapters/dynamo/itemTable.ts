import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  paginateQuery,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { FlowgateError } from '../../core/errors.js';
import type { Clock } from '../../core/ports.js';
import type { ItemKey } from './keys.js';

/**
 * What every DynamoDB adapter of flowgate's table needs: the five of them (`DynamoVersions`,
 * `DynamoPublishRequests`, `DynamoMappings`, `DynamoAuditLog`, `DynamoClaims`) share one table,
 * each owning its own items (DESIGN.md's data model).
 */
export interface DynamoTableOptions {
  /** The DynamoDB client, with its region, credentials, endpoint and retry policy (throttling is its job). */
  readonly client: DynamoDBClient;
  readonly tableName: string;
}

/** Parallel reads when a listing fetches items one by one. */
export const READ_CONCURRENCY = 16;

/**
 * The low-level calls the table's adapters make, in one place so they read and fail alike: every
 * read is strongly consistent (listings must see what was just written), every write is
 * single-item (no transactions: dynalite has none), and every failure other than a failed
 * condition becomes `FlowgateError` `version-store-failed` naming the call and the table.
 */
export class ItemTable {
  /** The document client, for the calls that need more than the helpers below. */
  readonly doc: DynamoDBDocumentClient;
  readonly name: string;

  constructor(options: DynamoTableOptions) {
    this.doc = DynamoDBDocumentClient.from(options.client);
    this.name = options.tableName;
  }

  /** The item at `key`, or null. */
  async get(key: ItemKey): Promise<Record<string, unknown> | null> {
    const result = await this.run('get', () =>
      this.doc.send(new GetCommand({ TableName: this.name, Key: key, ConsistentRead: true })),
    );
    return result.Item ?? null;
  }

  /** Every item a query matches, all pages read. */
  async query(input: Omit<QueryCommandInput, 'TableName'>): Promise<Record<string, unknown>[]> {
    return this.run('query', async () => {
      const items: Record<string, unknown>[] = [];
      const pages = paginateQuery(
        { client: this.doc },
        { ...input, TableName: this.name, ConsistentRead: true },
      );
      for await (const page of pages) items.push(...(page.Items ?? []));
      return items;
    });
  }

  /** Writes `item`, replacing any item with its key. */
  async put(item: Record<string, unknown>): Promise<void> {
    await this.run('put', () => this.doc.send(new PutCommand({ TableName: this.name, Item: item })));
  }

  /** Deletes the item at `key`, if there is one. */
  async delete(key: ItemKey): Promise<void> {
    await this.run('delete', () => this.doc.send(new DeleteCommand({ TableName: this.name, Key: key })));
  }

  /** Writes `item` unless an item with its key exists; false when one does. */
  putIfAbsent(item: Record<string, unknown>): Promise<boolean> {
    return this.conditional('put', () =>
      this.doc.send(
        new PutCommand({
          TableName: this.name,
          Item: item,
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );
  }

  /** Runs a conditional write: true when it was applied, false when its condition failed. */
  async conditional(what: string, write: () => Promise<unknown>): Promise<boolean> {
    try {
      await this.run(what, write);
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  /** Runs one call; failures other than a failed condition become `version-store-failed`. */
  async run<T>(what: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (isConditionFailure(error) || error instanceof FlowgateError) throw error;
      const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      throw new FlowgateError('version-store-failed', `DynamoDB ${what} on ${this.name} failed: ${detail}`, {
        cause: error,
      });
    }
  }
}

/**
 * The clock's time as stored times are compared with: ISO-8601 UTC strings, which sort as times,
 * so conditions and reads compare expiries as strings.
 */
export function isoNow(clock: Clock): string {
  return clock.now().toISOString();
}

/**
 * Whether a stored expiry has passed. Checked on every read, since DynamoDB deletes expired items
 * late and dynalite never.
 */
export function hasExpired(expiresAt: string, clock: Clock): boolean {
  return expiresAt <= isoNow(clock);
}

/** True when DynamoDB refused a write because its condition did not hold. */
export function isConditionFailure(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}

/** `map` with at most `limit` calls in flight, results in input order. */
export async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  map: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  // One iterator shared by the workers: each takes the next item when it is free.
  const queue = items.entries();
  const worker = async (): Promise<void> => {
    for (const [index, item] of queue) results[index] = await map(item);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
