import {
  GetObjectCommand,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { S3FileStore } from '../../../adapters/s3/S3FileStore.js';

const s3 = mockClient(S3Client);

beforeEach(() => {
  s3.reset();
});

afterAll(() => {
  s3.restore();
});

function storeWith(prefix?: string): S3FileStore {
  const client = new S3Client({
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  return new S3FileStore(
    prefix === undefined
      ? { client, bucket: 'flowgate-files' }
      : { client, bucket: 'flowgate-files', prefix },
  );
}

describe('S3FileStore', () => {
  describe('put', () => {
    it.each([
      ['no prefix', undefined, 'reports/run-1.json'],
      ['a prefix without a slash', 'prod', 'prod/reports/run-1.json'],
      ['a prefix with a slash', 'prod/', 'prod/reports/run-1.json'],
    ])('writes the object under its key when the store has %s', async (_title, prefix, key) => {
      s3.on(PutObjectCommand).resolves({});
      const body = new TextEncoder().encode('{"ok":true}');

      await storeWith(prefix).put('reports/run-1.json', body, 'application/json');

      expect(s3.commandCalls(PutObjectCommand)[0]?.args[0].input).toEqual({
        Bucket: 'flowgate-files',
        Key: key,
        Body: body,
        ContentLength: body.byteLength,
        ContentType: 'application/json',
      });
    });

    it('throws file-store-failed naming the object when S3 refuses', async () => {
      s3.on(PutObjectCommand).rejects(
        new S3ServiceException({
          name: 'AccessDenied',
          $fault: 'client',
          $metadata: {},
          message: 'Access Denied',
        }),
      );

      await expect(storeWith().put('a.json', new Uint8Array([1]))).rejects.toMatchObject({
        code: 'file-store-failed',
        message: 'S3 put of s3://flowgate-files/a.json failed: AccessDenied: Access Denied',
      });
    });
  });

  describe('get', () => {
    it('returns null when the object does not exist', async () => {
      s3.on(GetObjectCommand).rejects(
        new NoSuchKey({ $metadata: {}, message: 'The specified key does not exist.' }),
      );

      expect(await storeWith().get('content/abc')).toBeNull();
    });

    it('throws file-store-failed when the bucket does not exist', async () => {
      s3.on(GetObjectCommand).rejects(
        new S3ServiceException({
          name: 'NoSuchBucket',
          $fault: 'client',
          $metadata: {},
          message: 'no bucket',
        }),
      );

      await expect(storeWith().get('content/abc')).rejects.toMatchObject({ code: 'file-store-failed' });
    });

    it('throws file-store-failed when S3 answers without a body', async () => {
      s3.on(GetObjectCommand).resolves({});

      await expect(storeWith('prod').get('content/abc')).rejects.toThrow(
        'S3 returned no body for s3://flowgate-files/prod/content/abc',
      );
    });
  });
});
