/**
 * The composition root, where versions and files are kept. `app/compose/` is the one place that
 * constructs flowgate's adapters; one file per kind of adapter, so a function bundles only the
 * SDKs it uses (the reports function neither Connect nor Slack).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoAuditLog } from '../../adapters/dynamo/DynamoAuditLog.js';
import { DynamoClaims } from '../../adapters/dynamo/DynamoClaims.js';
import { DynamoMappings } from '../../adapters/dynamo/DynamoMappings.js';
import { DynamoPublishRequests } from '../../adapters/dynamo/DynamoPublishRequests.js';
import { DynamoVersions } from '../../adapters/dynamo/DynamoVersions.js';
import { type LocalStack, localDynamoClient, localS3Client } from '../../adapters/local/localStack.js';
import type { RunningStackInfo } from '../../adapters/local/stackLock.js';
import { S3FileStore } from '../../adapters/s3/S3FileStore.js';
import type { ServiceDeps } from '../../core/deps.js';
import type { Clock, FileStore } from '../../core/ports.js';

/** The real time. */
export const SYSTEM_CLOCK: Clock = { now: () => new Date() };

/**
 * Where versions, requests, mappings, audit events, claims and files are kept, and the time
 * expiries are read against: the use cases' stores (the first five share one DynamoDB table).
 */
export type Stores = Pick<
  ServiceDeps,
  'clock' | 'versions' | 'requests' | 'mappings' | 'audit' | 'claims' | 'files'
>;

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

/** The stores one DynamoDB table holds. */
export type TableStores = Pick<Stores, 'versions' | 'requests' | 'mappings' | 'audit' | 'claims'>;

/** Where the table is, where large version bodies go, and the time expiries are read against. */
export interface DynamoStoresOptions {
  readonly client: DynamoDBClient;
  readonly tableName: string;
  readonly files: FileStore;
  readonly clock: Clock;
}

/**
 * The five stores on one DynamoDB table (DESIGN.md's data model), each adapter owning its own
 * items; version bodies too large for an item go to `files`.
 */
export function dynamoStores(options: DynamoStoresOptions): TableStores {
  const { files, clock } = options;
  const table = { client: options.client, tableName: options.tableName };
  return {
    versions: new DynamoVersions({ ...table, files, clock }),
    requests: new DynamoPublishRequests({ ...table, clock }),
    mappings: new DynamoMappings(table),
    audit: new DynamoAuditLog(table),
    claims: new DynamoClaims({ ...table, clock }),
  };
}

function storesOn(client: DynamoDBClient, tableName: string, files: FileStore): Stores {
  return { clock: SYSTEM_CLOCK, ...dynamoStores({ client, tableName, files, clock: SYSTEM_CLOCK }), files };
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
