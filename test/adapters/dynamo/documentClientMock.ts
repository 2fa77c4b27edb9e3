import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach } from 'vitest';
import type { DynamoTableOptions } from '../../../adapters/dynamo/itemTable.js';

/**
 * The document client every DynamoDB adapter sends through, mocked for the calling test file:
 * reset before each test, restored after the file.
 */
export function mockDocumentClient() {
  const documents = mockClient(DynamoDBDocumentClient);
  beforeEach(() => {
    documents.reset();
  });
  afterAll(() => {
    documents.restore();
  });
  return documents;
}

/** A table named `versions` on a client that never reaches a server (its calls are mocked). */
export function mockedTable(): DynamoTableOptions {
  return {
    client: new DynamoDBClient({
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
    tableName: 'versions',
  };
}

/** What DynamoDB throws when a write's condition does not hold. */
export function conflict(): ConditionalCheckFailedException {
  return new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });
}
