import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { FlowgateError } from '../../core/errors.js';
import { createVersionTable } from '../dynamo/versionTable.js';
import { type RunningServer, type S3EventListener, startDynalite, startS3rver } from './protocolServers.js';
import { claimDataDir, recordEndpoints, releaseDataDir } from './stackLock.js';

/** Embedded AWS clients need a Region and credentials, and must never pick up the machine's own. */
export const LOCAL_REGION = 'us-east-1';
/** The static credentials every client of the local stack uses (copy them: the SDK writes into the object). */
export const LOCAL_CREDENTIALS: { readonly accessKeyId: string; readonly secretAccessKey: string } = {
  accessKeyId: 'local',
  secretAccessKey: 'local',
};

/** Options of `startLocalStack`. */
export interface LocalStackOptions {
  /** Data lives under `<dataDir>/dynamo` and `<dataDir>/s3` (usually `.flowgate/`), and survives a restart. */
  readonly dataDir: string;
  /** DynamoDB listens on `port` and S3 on `port + 1`; 0 (the default) picks free ports. */
  readonly port?: number;
  /** Default `flowgate`. */
  readonly tableName?: string;
  /** Default `flowgate-local`. */
  readonly bucket?: string;
}

/** A running local stack: endpoints, clients configured for them, and `stop`. */
export interface LocalStack {
  readonly dynamoEndpoint: string;
  readonly s3Endpoint: string;
  readonly tableName: string;
  readonly bucket: string;
  readonly dynamoClient: DynamoDBClient;
  readonly s3Client: S3Client;
  /**
   * Calls `listener` with each S3 event notification (`{Records: [{eventName: 'ObjectCreated:Put',
   * s3: {bucket, object: {key, size}}}]}`) as the bucket changes, before the write's response is
   * sent: the local stand-in for S3 → Lambda notifications. Returns how to stop listening.
   */
  onS3Event(listener: S3EventListener): () => void;
  /** Stops both servers and destroys the clients; safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Starts DynamoDB (dynalite) and S3 (s3rver) in this process on 127.0.0.1, with the data under
 * `dataDir`, creates the version table and the bucket when they are missing, and returns clients
 * for them. Starting again on the same `dataDir` after `stop` finds the data as it was left.
 * Throws `FlowgateError('local-stack-running')` when a live stack already uses `dataDir`, and
 * `DataFolderError` when `dataDir` (or its `dynamo/`, `s3/`) cannot be written.
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const { dataDir, port = 0, tableName = 'flowgate', bucket = 'flowgate-local' } = options;
  // dynalite and s3rver fail on a read-only folder with errors that do not name it: check first.
  await claimDataDir(dataDir, { tableName, bucket }, ['dynamo', 's3']);
  const started: RunningServer[] = [];
  try {
    await mkdir(join(dataDir, 'dynamo'), { recursive: true });
    const dynamo = await startDynalite(join(dataDir, 'dynamo'), port);
    started.push(dynamo);
    const s3 = await startS3rver(
      join(dataDir, 's3'),
      port === 0 ? 0 : port + 1,
      bucket,
      LOCAL_CREDENTIALS.accessKeyId,
    );
    started.push(s3);
    const dynamoClient = localDynamoClient(dynamo.endpoint);
    const s3Client = localS3Client(s3.endpoint);
    // Leaves an existing table as it is, so data survives a restart.
    await createVersionTable(dynamoClient, tableName);
    const info = { dynamoEndpoint: dynamo.endpoint, s3Endpoint: s3.endpoint, tableName, bucket };
    await recordEndpoints(dataDir, { pid: process.pid, ...info });
    let stopping: Promise<void> | null = null;
    const stop = () => {
      stopping ??= stopAll(dataDir, started, [dynamoClient, s3Client]);
      return stopping;
    };
    return { ...info, dynamoClient, s3Client, onS3Event: s3.onEvent, stop };
  } catch (error) {
    await stopAll(dataDir, started, []);
    throw error;
  }
}

/** A DynamoDB client for a local endpoint (the running stack's, or another process's). */
export function localDynamoClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: { ...LOCAL_CREDENTIALS } });
}

/**
 * An S3 client for a local endpoint. Path-style addressing, since `bucket.127.0.0.1` does not
 * resolve; checksums only when required, since s3rver stores streamed uploads with the SDK's
 * default checksum trailers corrupted.
 */
export function localS3Client(endpoint: string): S3Client {
  return new S3Client({
    endpoint,
    region: LOCAL_REGION,
    credentials: { ...LOCAL_CREDENTIALS },
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

async function stopAll(
  dataDir: string,
  servers: readonly RunningServer[],
  clients: readonly { destroy(): void }[],
): Promise<void> {
  // Clients first: their keep-alive sockets would otherwise hold the servers open.
  for (const client of clients) client.destroy();
  const results = await Promise.allSettled(servers.map((server) => server.close()));
  await releaseDataDir(dataDir);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed !== undefined) {
    throw new FlowgateError('local-stack-stop', 'The local stack did not stop cleanly.', {
      cause: failed.reason,
    });
  }
}
