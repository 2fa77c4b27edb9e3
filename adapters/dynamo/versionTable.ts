import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { FlowgateError } from '../../core/errors.js';

/** The table's TTL attribute: epoch seconds, set only on items DynamoDB may delete (idempotency keys). */
export const TTL_ATTRIBUTE = 'expiresAt';

/** How long `createVersionTable` waits for a new table to become active. */
const ACTIVE_POLLS = 600;
const POLL_MS = 100;

/**
 * Creates flowgate's table, which the five DynamoDB adapters share (on-demand, string `pk`/`sk`,
 * TTL on `expiresAt`), and waits until it is active. An existing table is left as it is, so the
 * local default may call this at every start.
 * Servers without the TTL API (dynalite) get the table without TTL: the adapters check expiry on
 * every read anyway.
 */
export async function createVersionTable(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
      }),
    );
  } catch (error) {
    if (errorName(error) !== 'ResourceInUseException') throw tableError(tableName, 'create', error);
  }
  await waitUntilActive(client, tableName);
  await enableTtl(client, tableName);
}

async function waitUntilActive(client: DynamoDBClient, tableName: string): Promise<void> {
  for (let poll = 0; poll < ACTIVE_POLLS; poll++) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (Table?.TableStatus === 'ACTIVE') return;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  throw new FlowgateError('table-not-active', `DynamoDB table ${tableName} did not become active`);
}

async function enableTtl(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
      }),
    );
  } catch (error) {
    // dynalite has no TTL API; DynamoDB refuses a second enable with a ValidationException.
    const name = errorName(error);
    if (name !== 'UnknownOperationException' && name !== 'ValidationException')
      throw tableError(tableName, 'enable TTL on', error);
  }
}

function errorName(error: unknown): string | null {
  return error instanceof Error ? error.name : null;
}

function tableError(tableName: string, what: string, cause: unknown): FlowgateError {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new FlowgateError(
    'version-store-failed',
    `could not ${what} DynamoDB table ${tableName}: ${detail}`,
    {
      cause,
    },
  );
}
