/**
 * S3 drop latency on the local stack: from the PutObject of a flow under `incoming/prod/` to its
 * version stored, through s3rver's real event, the reader, the claim and the import.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { startLocalStack } from '../adapters/local/localStack.js';
import { S3FileStore } from '../adapters/s3/S3FileStore.js';
import { s3ObjectReader } from '../adapters/s3/S3ObjectReader.js';
import { dynamoStores } from '../app/compose/stores.js';
import { MAX_INPUT_BYTES } from '../core/formats/readFlow.js';
import { watchLocalBucket } from '../handlers/local/localWatcher.js';
import { importS3Object } from '../handlers/s3-import/importS3Object.js';
import { makeDeps } from '../test/fakes/serviceKit.js';
import { withS3Editor } from '../test/handlers/s3-import/s3Kit.js';

/** p50 of `drops` sequential drops of new content into one flow. */
export async function measureS3Import(examples: string, drops = 60): Promise<number> {
  const dataDir = mkdtempSync(join(tmpdir(), 'flowgate-bench-s3-'));
  const stack = await startLocalStack({ dataDir });
  try {
    const kit = makeDeps({ notify: false });
    const files = new S3FileStore({ client: stack.s3Client, bucket: stack.bucket, prefix: 'flowgate/' });
    const stores = dynamoStores({
      client: stack.dynamoClient,
      tableName: stack.tableName,
      files,
      clock: kit.clock,
    });
    const service = { ...withS3Editor(kit), ...stores, files };
    const read = s3ObjectReader({ client: stack.s3Client, maxBytes: MAX_INPUT_BYTES });
    const watcher = watchLocalBucket(
      stack.onS3Event,
      (record) => importS3Object(record, { service, read, slack: null, log: () => {} }),
      () => {},
    );
    const flow = readFileSync(join(examples, 'flows', 'main-ivr.json'), 'utf8');
    const times: number[] = [];
    for (let i = 0; i < drops + 5; i++) {
      const body = flow.replace('Sorry, something went wrong.', `Sorry (${i}), something went wrong.`);
      const start = performance.now();
      await stack.s3Client.send(
        new PutObjectCommand({ Bucket: stack.bucket, Key: `incoming/prod/main-ivr-${i}.json`, Body: body }),
      );
      await watcher.idle();
      // The first drops warm the servers and the JIT; they are not counted.
      if (i >= 5) times.push(performance.now() - start);
    }
    watcher.stop();
    times.sort((a, b) => a - b);
    return times[Math.floor(times.length / 2)] ?? Number.NaN;
  } finally {
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
