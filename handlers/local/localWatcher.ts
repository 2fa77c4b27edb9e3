import type { S3EventListener } from '../../adapters/local/protocolServers.js';
import { encodeS3Key, INCOMING_PREFIX, s3EventRecords } from '../../adapters/s3/s3Events.js';

/** A running watcher of the local bucket. */
export interface LocalBucketWatcher {
  /** Resolves once every event received so far has been imported (tests, shutdown). */
  idle(): Promise<void>;
  /** Stops listening; imports under way finish (await `idle`). */
  stop(): void;
}

/**
 * `flowgate start`'s stand-in for S3 → Lambda: each event the local stack's s3rver emits (pass
 * `stack.onS3Event`) is imported with `importRecord` (the S3 import's handler), one at a time in the order received, as
 * the Lambda would. s3rver puts keys in its records as they are, where S3 URL-encodes them: the
 * watcher encodes them the way S3 does, so the same decoding runs locally and in AWS. A failed
 * import is logged, never thrown into s3rver's request.
 */
export function watchLocalBucket(
  onS3Event: (listener: S3EventListener) => () => void,
  importRecord: (record: unknown) => Promise<unknown>,
  log: (message: string, error?: unknown) => void,
): LocalBucketWatcher {
  let queue: Promise<void> = Promise.resolve();
  const unsubscribe = onS3Event((event) => {
    // As the bucket notification's prefix filter does in AWS: flowgate's own objects (version
    // bodies, reports, webhook files) are never drops, and need not be logged as ignored.
    for (const record of s3EventRecords(event).filter(isIncoming)) {
      const encoded = withEncodedKey(record);
      queue = queue.then(async () => {
        try {
          await importRecord(encoded);
        } catch (error) {
          log('local s3 import failed', error);
        }
      });
    }
  });
  return { idle: () => queue, stop: unsubscribe };
}

/** True for records of keys under `incoming/` (records of another shape pass, to be reported). */
function isIncoming(record: unknown): boolean {
  if (!isObject(record) || !isObject(record.s3) || !isObject(record.s3.object)) return true;
  const { key } = record.s3.object;
  return typeof key !== 'string' || key.startsWith(INCOMING_PREFIX);
}

/** The record with its key encoded as S3 sends it (records of another shape pass as they are). */
function withEncodedKey(record: unknown): unknown {
  if (!isObject(record) || !isObject(record.s3) || !isObject(record.s3.object)) return record;
  const { key } = record.s3.object;
  if (typeof key !== 'string') return record;
  return { ...record, s3: { ...record.s3, object: { ...record.s3.object, key: encodeS3Key(key) } } };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
