import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import dynalite from 'dynalite';
import S3rver from 's3rver';

/** Real protocol servers on 127.0.0.1, each on a free port, for the integration tests. */

/** dynalite and a DynamoDB client pointed at it. */
export interface LocalDynamo {
  readonly client: DynamoDBClient;
  readonly endpoint: string;
  /** Destroys the client and closes the server. */
  stop(): Promise<void>;
}

/** s3rver (objects in a temporary folder), one bucket, and an S3 client pointed at it. */
export interface LocalS3 {
  readonly client: S3Client;
  readonly endpoint: string;
  readonly bucket: string;
  /** Destroys the client, closes the server and deletes the folder. */
  stop(): Promise<void>;
}

/** s3rver knows this one key pair and refuses any other. */
const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/** Starts an in-memory dynalite whose tables become active at once. */
export async function startDynamo(): Promise<LocalDynamo> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  const port = await listen(server);
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  return {
    client,
    endpoint,
    async stop() {
      client.destroy();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}

/** Starts s3rver with a fresh bucket. */
export async function startS3(bucket = 'flowgate-test'): Promise<LocalS3> {
  const directory = await mkdtemp(join(tmpdir(), 'flowgate-s3rver-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new S3Client({
    endpoint,
    region: 'local',
    credentials: S3RVER_CREDENTIALS,
    forcePathStyle: true,
    // Without this the SDK streams uploads with trailing checksums, which s3rver stores corrupted.
    requestChecksumCalculation: 'WHEN_REQUIRED',
  });
  await client.send(new CreateBucketCommand({ Bucket: bucket }));
  return {
    client,
    endpoint,
    bucket,
    async stop() {
      client.destroy();
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') reject(new Error('dynalite is not on a TCP port'));
      else resolve(address.port);
    });
  });
}
