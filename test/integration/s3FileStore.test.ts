import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3FileStore } from '../../adapters/s3/S3FileStore.js';
import { type LocalS3, startS3 } from './servers.js';

let s3: LocalS3;

beforeAll(async () => {
  s3 = await startS3();
});

afterAll(async () => {
  await s3?.stop();
});

describe('S3FileStore on s3rver', () => {
  it('returns every byte of a 1 MB binary object when it was put', async () => {
    const store = new S3FileStore({ client: s3.client, bucket: s3.bucket });
    const body = Uint8Array.from({ length: 1_100_000 }, (_, i) => (i * 7919) % 256);

    await store.put('content/large', body, 'application/gzip');

    expect(Buffer.from((await store.get('content/large')) ?? []).equals(Buffer.from(body))).toBe(true);
  });

  it('returns null when the key was never put', async () => {
    const store = new S3FileStore({ client: s3.client, bucket: s3.bucket });

    expect(await store.get('content/never')).toBeNull();
  });

  it('keeps stores with different prefixes apart when they use the same key', async () => {
    const prod = new S3FileStore({ client: s3.client, bucket: s3.bucket, prefix: 'prod' });
    const test = new S3FileStore({ client: s3.client, bucket: s3.bucket, prefix: 'test' });

    await prod.put('reports/r1.json', new TextEncoder().encode('prod'));

    expect([
      await test.get('reports/r1.json'),
      new TextDecoder().decode((await prod.get('reports/r1.json')) ?? undefined),
    ]).toEqual([null, 'prod']);
  });
});
