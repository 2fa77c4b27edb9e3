import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { FlowgateError } from '../../core/errors.js';
import type { FileStore } from '../../core/ports.js';

/** What the S3 store needs. */
export interface S3FileStoreOptions {
  /**
   * The S3 client, with its region and credentials. Against s3rver or another local server give it
   * `forcePathStyle: true` and `requestChecksumCalculation: 'WHEN_REQUIRED'`.
   */
  readonly client: S3Client;
  readonly bucket: string;
  /** Prepended to every key (`flowgate/` keeps flowgate's objects apart in a shared bucket); a `/` is added when missing. */
  readonly prefix?: string;
}

/** The `FileStore` on one S3 bucket: one object per key, under an optional prefix. */
export class S3FileStore implements FileStore {
  readonly #client: S3Client;
  readonly #bucket: string;
  readonly #prefix: string;

  constructor(options: S3FileStoreOptions) {
    this.#client = options.client;
    this.#bucket = options.bucket;
    const prefix = options.prefix ?? '';
    this.#prefix = prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/`;
  }

  async put(key: string, body: Uint8Array, contentType?: string): Promise<void> {
    try {
      await this.#client.send(
        new PutObjectCommand({
          Bucket: this.#bucket,
          Key: this.#key(key),
          Body: body,
          ContentLength: body.byteLength,
          ...(contentType === undefined ? {} : { ContentType: contentType }),
        }),
      );
    } catch (error) {
      throw this.#failure('put', key, error);
    }
  }

  async get(key: string): Promise<Uint8Array | null> {
    try {
      const object = await this.#client.send(
        new GetObjectCommand({ Bucket: this.#bucket, Key: this.#key(key) }),
      );
      if (object.Body === undefined)
        throw new FlowgateError(
          'file-store-failed',
          `S3 returned no body for s3://${this.#bucket}/${this.#key(key)}`,
        );
      return await object.Body.transformToByteArray();
    } catch (error) {
      if (isMissing(error)) return null;
      throw this.#failure('get', key, error);
    }
  }

  #key(key: string): string {
    return `${this.#prefix}${key}`;
  }

  #failure(what: string, key: string, error: unknown): FlowgateError {
    if (error instanceof FlowgateError) return error;
    const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return new FlowgateError(
      'file-store-failed',
      `S3 ${what} of s3://${this.#bucket}/${this.#key(key)} failed: ${detail}`,
      { cause: error },
    );
  }
}

/** A missing object (not a missing bucket, which is a configuration error and must fail). */
function isMissing(error: unknown): boolean {
  return error instanceof Error && (error.name === 'NoSuchKey' || error.name === 'NotFound');
}
