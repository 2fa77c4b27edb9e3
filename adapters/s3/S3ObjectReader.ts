import { GetObjectCommand, type GetObjectCommandOutput, NoSuchKey, type S3Client } from '@aws-sdk/client-s3';
import { FlowgateError } from '../../core/errors.js';

/**
 * Reads a dropped object's bytes (`versionId` when the bucket is versioned, so the bytes are the
 * version the event is about). Throws `FlowgateError('s3-object-missing')` when the object (or
 * version) is gone, `FlowgateError('s3-object-too-large')` past `maxBytes`; anything else (S3
 * unreachable, throttled) is thrown as the SDK threw it, so the event is retried.
 */
export type S3ObjectReader = (bucket: string, key: string, versionId?: string) => Promise<Uint8Array>;

/** What `s3ObjectReader` needs. */
export interface S3ObjectReaderOptions {
  readonly client: S3Client;
  /** Objects larger than this are refused without reading their body. */
  readonly maxBytes: number;
}

/** An `S3ObjectReader` over GetObject. */
export function s3ObjectReader(options: S3ObjectReaderOptions): S3ObjectReader {
  const { client, maxBytes } = options;
  return async (bucket, key, versionId) => {
    let answer: GetObjectCommandOutput;
    try {
      answer = await client.send(
        new GetObjectCommand({
          Bucket: bucket,
          Key: key,
          ...(versionId === undefined ? {} : { VersionId: versionId }),
        }),
      );
    } catch (error) {
      if (isMissing(error)) {
        throw new FlowgateError('s3-object-missing', `s3://${bucket}/${key} no longer exists`, {
          cause: error,
        });
      }
      throw error;
    }
    if (answer.ContentLength !== undefined && answer.ContentLength > maxBytes) {
      throw tooLarge(bucket, key, answer.ContentLength, maxBytes);
    }
    const bytes = (await answer.Body?.transformToByteArray()) ?? new Uint8Array();
    if (bytes.byteLength > maxBytes) throw tooLarge(bucket, key, bytes.byteLength, maxBytes);
    return bytes;
  };
}

function isMissing(error: unknown): boolean {
  if (error instanceof NoSuchKey) return true;
  const name = error instanceof Error ? error.name : '';
  return name === 'NoSuchKey' || name === 'NoSuchVersion' || name === 'NotFound';
}

function tooLarge(bucket: string, key: string, size: number, maxBytes: number): FlowgateError {
  return new FlowgateError(
    's3-object-too-large',
    `s3://${bucket}/${key} is ${size} bytes, over the ${maxBytes} bytes flowgate reads`,
  );
}
