/**
 * Import latency on the local stack: each import reads the file, plans it against the local
 * instance, and stores a version in DynamoDB (dynalite) through the real adapters, one at a time.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultLocalConfig } from '../adapters/config/defaultLocalConfig.js';
import { LocalContactCenter } from '../adapters/local/LocalContactCenter.js';
import { startLocalStack } from '../adapters/local/localStack.js';
import { S3FileStore } from '../adapters/s3/S3FileStore.js';
import { dynamoStores } from '../app/compose/stores.js';
import type { ServiceDeps } from '../core/deps.js';
import { importFlows } from '../core/service/importFlows.js';

/** p50 and p99 of `imports` sequential imports, each of new content into the same flow. */
export async function measureImportStore(
  examples: string,
  imports = 200,
): Promise<{ p50: number; p99: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'flowgate-bench-'));
  const stack = await startLocalStack({ dataDir });
  try {
    const clock = { now: () => new Date() };
    const files = new S3FileStore({ client: stack.s3Client, bucket: stack.bucket });
    const stores = dynamoStores({ client: stack.dynamoClient, tableName: stack.tableName, files, clock });
    const center = new LocalContactCenter({
      dir: join(dataDir, 'prod'),
      seed: join(examples, 'instances', 'prod.json'),
    });
    let n = 0;
    const deps: ServiceDeps = {
      ...stores,
      files,
      centers: () => center,
      clock,
      newId: () => `bench-${++n}`,
      config: defaultLocalConfig('bench', { instancesDir: join(examples, 'instances') }),
      notifier: null,
    };
    const flow = readFileSync(join(examples, 'flows', 'main-ivr.json'), 'utf8');
    const times: number[] = [];
    for (let i = 0; i < imports + 10; i++) {
      const bytes = new TextEncoder().encode(
        flow.replace('Sorry, something went wrong.', `Sorry (${i}), something went wrong.`),
      );
      const start = performance.now();
      await importFlows(deps, {
        env: 'prod',
        files: [{ name: 'main-ivr.json', bytes }],
        actor: { id: 'bench', groups: [] },
        channel: 'cli',
      });
      // The first imports warm the JIT and the servers; they are not counted.
      if (i >= 10) times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? Number.NaN;
    return { p50: at(0.5), p99: at(0.99) };
  } finally {
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
