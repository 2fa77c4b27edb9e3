/**
 * The composition root, where versions and files are kept. `app/compose/` is the one place that
 * constructs flowgate's adapters; one file per kind of adapter, so a function bundles only the
 * SDKs it uses (the reports function neither Connect nor Slack).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoVersionStore } from '../../adapters/dynamo/DynamoVersionStore.js';
import { type LocalStack, localDynamoClient, localS3Client } from '../../adapters/local/localStack.js';
import type { RunningStackInfo } from '../../adapters/local/stackLock.js';
import { S3FileStore } from '../../adapters/s3/S3FileStore.js';
import type { Clock, FileStore, VersionStore } from '../../core/ports.js';

/** The real time. */
export const SYSTEM_CLOCK: Clock = { now: () => new Date() };

/** Where versions and files are kept, and the time their expiries are read against. */
export interface Stores {
  readonly clock: Clock;
  readonly store: VersionStore;
  readonly files: FileStore;
}

/** A DynamoDB table and an S3 bucket. */
export interface AwsSite {
  readonly table: string;
  readonly bucket: string;
}

/** The stores in AWS: DynamoDB table `table` and S3 bucket `bucket` (objects under `flowgate/`). */
export function awsStores(site: AwsSite): Stores {
  return storesOn(new DynamoDBClient({}), site.table, s3Files(new S3Client({}), site.bucket, 'flowgate/'));
}

/**
 * The table alone, with no files: for the Slack receiver, whose cold start should not load an S3
 * client (it claims idempotency keys and reads versions for type-ahead).
 */
export function tableStores(table: string): Stores {
  return storesOn(new DynamoDBClient({}), table, NO_FILES);
}

/** The stores on the embedded local stack this process started (`npm start`, a CLI run). */
export function localStackStores(stack: LocalStack): Stores {
  return storesOn(stack.dynamoClient, stack.tableName, s3Files(stack.s3Client, stack.bucket, ''));
}

/**
 * The stores on a local stack another process runs (the CLI beside `npm start`), and how to close
 * the clients they opened.
 */
export function attachedStores(running: RunningStackInfo): { readonly stores: Stores; close(): void } {
  const dynamo = localDynamoClient(running.dynamoEndpoint);
  const s3 = localS3Client(running.s3Endpoint);
  return {
    stores: storesOn(dynamo, running.tableName, s3Files(s3, running.bucket, '')),
    close: () => {
      dynamo.destroy();
      s3.destroy();
    },
  };
}

function storesOn(dynamo: DynamoDBClient, table: string, files: FileStore): Stores {
  const store = new DynamoVersionStore({ client: dynamo, tableName: table, files, clock: SYSTEM_CLOCK });
  return { clock: SYSTEM_CLOCK, store, files };
}

function s3Files(client: S3Client, bucket: string, prefix: string): FileStore {
  return new S3FileStore({ client, bucket, prefix });
}

/**
 * A file store for a process that keeps no files: version bodies large enough to live in S3
 * (over ~300 KB) cannot be read there, which the Slack receiver accepts (such a version gets no
 * type-ahead) rather than load an S3 client at every cold start.
 */
const NO_FILES: FileStore = {
  put: () => Promise.reject(new Error('this flowgate function stores no files')),
  get: () => Promise.reject(new Error('this flowgate function reads no files')),
};
