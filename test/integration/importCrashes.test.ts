import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll } from 'vitest';
import { DynamoAuditLog } from '../../adapters/dynamo/DynamoAuditLog.js';
import { DynamoVersions } from '../../adapters/dynamo/DynamoVersions.js';
import { createVersionTable } from '../../adapters/dynamo/versionTable.js';
import { MemoryFileStore } from '../fakes/memoryFileStore.js';
import { injectWriteFaults } from '../fakes/writeFaults.js';
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

describeImportCrashes('importFlows on DynamoDB (dynalite)', async (faults, clock) => {
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
});
