import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoAuditLog } from '../../adapters/dynamo/DynamoAuditLog.js';
import { DynamoVersions } from '../../adapters/dynamo/DynamoVersions.js';
import { createVersionTable } from '../../adapters/dynamo/versionTable.js';
import { importFlows } from '../../core/service/importFlows.js';
import { inboundFlow } from '../core/service/publishKit.js';
import type { FixedClock } from '../fakes/fixedClock.js';
import { MemoryFileStore } from '../fakes/memoryFileStore.js';
import { makeDeps, users } from '../fakes/serviceKit.js';
import { injectWriteFaults, WriteFaults } from '../fakes/writeFaults.js';
import { describeImportCrashes } from '../faults/importCrashes.js';
import { type LocalDynamo, startDynamo } from './servers.js';

let dynamo: LocalDynamo;
let tables = 0;
const clients: DynamoDBClient[] = [];

beforeAll(async () => {
  dynamo = await startDynamo();
});

afterAll(async () => {
  for (const client of clients) client.destroy();
  await dynamo?.stop();
});

async function crashableStores(faults: WriteFaults, clock: FixedClock) {
  const tableName = `crash-${++tables}`;
  await createVersionTable(dynamo.client, tableName);
  // A client of its own, so the faults cut only this store's writes, one DynamoDB call at a time.
  const client = new DynamoDBClient({
    endpoint: dynamo.endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  clients.push(client);
  injectWriteFaults(client, faults);
  const table = { client, tableName };
  return {
    versions: new DynamoVersions({ ...table, files: new MemoryFileStore(), clock }),
    audit: new DynamoAuditLog(table),
  };
}

describeImportCrashes('importFlows on DynamoDB (dynalite)', crashableStores);

describe('importFlows on DynamoDB after a crash between a version and its head', () => {
  it('audits the passed-over version once when the next import brings other content', async () => {
    const kit = makeDeps();
    const faults = new WriteFaults();
    const deps = { ...kit.deps, ...(await crashableStores(faults, kit.clock)) };
    const send = (say: string) =>
      importFlows(deps, {
        env: 'test',
        files: [{ name: 'main.json', bytes: new TextEncoder().encode(inboundFlow('Main', { say })) }],
        actor: users.alice,
        channel: 'webhook',
      });
    // The flow index and version 1 land; the head does not.
    faults.allowed = 2;
    await expect(send('Hello')).rejects.toThrow(/injected crash/);
    faults.allowed = null;
    kit.clock.advance(60_000);

    const next = await send('Welcome');

    expect(next.flows.map((f) => [f.version?.number, f.created])).toEqual([[2, true]]);
    const events = (await deps.audit.listAudit('test')).filter((e) => e.action === 'import');
    expect(events.map((e) => e.detail.version).sort()).toEqual([1, 2]);
    expect((await deps.versions.listHeads('test')).map((h) => h.latest)).toEqual([2]);
  });
});
