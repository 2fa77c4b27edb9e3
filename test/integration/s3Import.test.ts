import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type LocalStack, startLocalStack } from '../../adapters/local/localStack.js';
import type { S3EventListener } from '../../adapters/local/protocolServers.js';
import { S3FileStore } from '../../adapters/s3/S3FileStore.js';
import { s3ObjectReader } from '../../adapters/s3/S3ObjectReader.js';
import { dynamoStores } from '../../app/compose/stores.js';
import type { ServiceDeps } from '../../core/deps.js';
import { MAX_INPUT_BYTES } from '../../core/formats/readFlow.js';
import { watchLocalBucket } from '../../handlers/local/localWatcher.js';
import { importS3Object, type S3ImportDeps } from '../../handlers/s3-import/importS3Object.js';
import { inboundFlow } from '../core/service/publishKit.js';
import { makeDeps } from '../fakes/serviceKit.js';
import { withS3Editor } from '../handlers/s3-import/s3Kit.js';

let dataDir: string;
let stack: LocalStack;
let logs: string[];

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'flowgate-s3-import-'));
  stack = await startLocalStack({ dataDir });
});

afterAll(async () => {
  await stack.stop();
  await rm(dataDir, { recursive: true, force: true });
});

beforeEach(() => {
  logs = [];
});

/** The use cases over the local stack's DynamoDB and S3; contact centers from the fakes. */
function localService(table: string): ServiceDeps {
  const kit = makeDeps({ notify: false });
  const files = new S3FileStore({
    client: stack.s3Client,
    bucket: stack.bucket,
    prefix: `flowgate-${table}/`,
  });
  const stores = dynamoStores({
    client: stack.dynamoClient,
    tableName: stack.tableName,
    files,
    clock: kit.clock,
  });
  return { ...withS3Editor(kit), ...stores, files };
}

function importDeps(service: ServiceDeps): S3ImportDeps {
  return {
    service,
    read: s3ObjectReader({ client: stack.s3Client, maxBytes: MAX_INPUT_BYTES }),
    slack: null,
    log: (message) => logs.push(message),
  };
}

async function put(key: string, body: string): Promise<void> {
  await stack.s3Client.send(new PutObjectCommand({ Bucket: stack.bucket, Key: key, Body: body }));
}

describe('watchLocalBucket', () => {
  it('imports an object put under incoming/<env>/ when its key has spaces, a plus and unicode', async () => {
    const service = localService('unicode');
    const watcher = watchLocalBucket(
      stack.onS3Event,
      (record) => importS3Object(record, importDeps(service)),
      (message) => logs.push(message),
    );

    await put('incoming/prod/Main IVR + Café.json', inboundFlow('Main IVR Café'));
    await watcher.idle();
    watcher.stop();

    const version = await service.versions.getVersion('prod', 'flow:Main IVR Café', 1);
    expect(version?.source).toEqual({ channel: 's3', ref: 'Main IVR + Café.json' });
  });

  it('imports once when s3rver delivers the same event twice', async () => {
    const service = localService('twice');
    const twice = (listener: S3EventListener) =>
      stack.onS3Event((event) => {
        listener(event);
        listener(event);
      });
    const watcher = watchLocalBucket(
      twice,
      (record) => importS3Object(record, importDeps(service)),
      (message) => logs.push(message),
    );

    await put('incoming/prod/Billing.json', inboundFlow('Billing'));
    await watcher.idle();
    watcher.stop();

    expect(await service.versions.listVersions('prod', 'flow:Billing')).toHaveLength(1);
    expect((await service.audit.listAudit('prod')).filter((e) => e.flowKey === 'flow:Billing')).toHaveLength(
      1,
    );
    expect(logs.filter((l) => l.includes('already handled'))).toHaveLength(1);
  });

  it('passes over objects outside incoming/ without a word, as the bucket notification filter does', async () => {
    const service = localService('outside');
    const watcher = watchLocalBucket(
      stack.onS3Event,
      (record) => importS3Object(record, importDeps(service)),
      (message) => logs.push(message),
    );

    await put('exports/prod/Other.json', inboundFlow('Other'));
    await watcher.idle();
    watcher.stop();

    expect(await service.versions.listHeads('prod')).not.toContainEqual(
      expect.objectContaining({ name: 'Other' }),
    );
    expect(logs).toEqual([]);
  });
});

describe('s3ObjectReader', () => {
  it('throws s3-object-missing when the object does not exist', async () => {
    const read = s3ObjectReader({ client: stack.s3Client, maxBytes: MAX_INPUT_BYTES });

    await expect(read(stack.bucket, 'incoming/prod/never-put.json')).rejects.toMatchObject({
      code: 's3-object-missing',
    });
  });

  it('throws s3-object-too-large when the object is over the limit', async () => {
    await put('incoming/prod/large.json', 'x'.repeat(64));
    const read = s3ObjectReader({ client: stack.s3Client, maxBytes: 32 });

    await expect(read(stack.bucket, 'incoming/prod/large.json')).rejects.toMatchObject({
      code: 's3-object-too-large',
    });
  });
});
