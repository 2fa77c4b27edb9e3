import { HeadBucketCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { S3BucketProbe } from '../../../adapters/s3/S3BucketProbe.js';

const s3 = mockClient(S3Client);

afterAll(() => {
  s3.restore();
});

beforeEach(() => {
  s3.reset();
});

/** HeadBucket's answers carry no body: the SDK names them after the status only. */
function headError(name: string, status: number): S3ServiceException {
  return new S3ServiceException({
    name,
    $fault: 'client',
    message: name,
    $metadata: { httpStatusCode: status },
  });
}

function probe(): S3BucketProbe {
  return new S3BucketProbe({ client: new S3Client({ region: 'us-west-2' }), bucket: 'flowgate-prod-files' });
}

describe('S3BucketProbe', () => {
  it('names s3:ListBucket when HeadBucket is answered 403', async () => {
    s3.on(HeadBucketCommand).rejects(headError('Forbidden', 403));

    expect(await probe().check()).toEqual({ kind: 'denied', action: 's3:ListBucket', message: 'Forbidden' });
  });

  it('says the bucket is missing when HeadBucket is answered 404', async () => {
    s3.on(HeadBucketCommand).rejects(headError('NotFound', 404));

    expect(await probe().check()).toEqual({
      kind: 'missing',
      message: 'no bucket flowgate-prod-files (FLOWGATE_BUCKET)',
    });
  });
});
