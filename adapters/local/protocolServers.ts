import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';

/**
 * dynalite (DynamoDB) and s3rver (S3) as in-process servers on loopback. Both are CommonJS
 * without types of their own; they are loaded here through `require` and typed by the members
 * used here (s3rver's request handler, bucket set-up and account registry are beyond the
 * declarations in `adapters/types/`), so nothing else needs to know their shapes.
 */

/** A server listening on loopback, and how to stop it. */
export interface RunningServer {
  readonly endpoint: string;
  close(): Promise<void>;
}

interface DynaliteOptions {
  readonly path: string;
  readonly createTableMs: number;
  readonly deleteTableMs: number;
  readonly updateTableMs: number;
}

type Dynalite = (options: DynaliteOptions) => Server;

interface S3rverOptions {
  readonly address: string;
  readonly port: number;
  readonly silent: boolean;
  readonly directory: string;
  readonly configureBuckets: readonly { readonly name: string; readonly configs: readonly string[] }[];
}

/** An S3 event notification, as s3rver emits it (`{ Records: [...] }`); parse before use. */
export type S3EventListener = (event: unknown) => void;

/** s3rver running: also says what happens to objects. */
export interface RunningS3 extends RunningServer {
  /** Calls `listener` with each S3 event (object created or removed); returns how to stop listening. */
  onEvent(listener: S3EventListener): () => void;
}

interface S3rverInstance {
  on(event: 'event', listener: S3EventListener): unknown;
  off(event: 'event', listener: S3EventListener): unknown;
  /** Creates the buckets of `configureBuckets` (kept when they exist). */
  configureBuckets(): Promise<unknown>;
  /** The Koa request handler. */
  callback(): (request: IncomingMessage, response: ServerResponse) => void;
}

type S3rverClass = new (options: S3rverOptions) => S3rverInstance;

interface S3rverAccounts {
  readonly DUMMY_ACCOUNT: { createKeyPair(accessKeyId: string, secretAccessKey: string): void };
}

const LOOPBACK = '127.0.0.1';

const require = createRequire(import.meta.url);

/** Starts dynalite with its LevelDB store at `path`; tables become ACTIVE at once. */
export async function startDynalite(path: string, port: number): Promise<RunningServer> {
  const dynalite = require('dynalite') as Dynalite;
  return listen(dynalite({ path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 }), port);
}

/**
 * Starts s3rver storing objects under `directory`, with `bucket` created. s3rver only knows its
 * own access key; the local stack's key (`accessKeyId`) is registered with it so that clients
 * configured like every other embedded AWS client are accepted (it does not check v4 signatures).
 */
export async function startS3rver(
  directory: string,
  port: number,
  bucket: string,
  accessKeyId: string,
): Promise<RunningS3> {
  const S3rver = require('s3rver') as S3rverClass;
  const accounts = require('s3rver/lib/models/account.js') as S3rverAccounts;
  accounts.DUMMY_ACCOUNT.createKeyPair(accessKeyId, accessKeyId);
  const s3rver = new S3rver({
    address: LOOPBACK,
    port,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket, configs: [] }],
  });
  await s3rver.configureBuckets();
  // Our own server rather than `run()`, whose listen never reports a port already in use.
  const server = await listen(createServer(s3rver.callback()), port);
  const onEvent = (listener: S3EventListener) => {
    s3rver.on('event', listener);
    return () => {
      s3rver.off('event', listener);
    };
  };
  return { ...server, onEvent };
}

/** Listens on loopback, rejecting (not crashing the process) when the port is taken. */
async function listen(server: Server, port: number): Promise<RunningServer> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, LOOPBACK, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    endpoint: endpointOf(server.address()),
    close: () =>
      new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

function endpointOf(address: AddressInfo | string | null): string {
  if (address === null || typeof address === 'string') {
    throw new Error(`expected a TCP address, got ${String(address)}`);
  }
  return `http://${LOOPBACK}:${address.port}`;
}
