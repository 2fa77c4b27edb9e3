/**
 * Four-eyes approval on the real DynamoDB protocol (dynalite): the conditional writes, not the
 * in-memory fake, decide who wins.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVersionTable } from '../../adapters/dynamo/versionTable.js';
import { dynamoStores } from '../../app/compose/stores.js';
import type { ServiceDeps } from '../../core/deps.js';
import { ServiceError } from '../../core/errors.js';
import { approveRequest } from '../../core/service/approveRequest.js';
import { importFlows } from '../../core/service/importFlows.js';
import { requestPublish } from '../../core/service/requestPublish.js';
import { exampleFlowFiles, jsonFile, makeDeps, users } from '../fakes/serviceKit.js';
import { type LocalDynamo, startDynamo } from './servers.js';

let dynamo: LocalDynamo;
let table = 0;

beforeAll(async () => {
  dynamo = await startDynamo();
});

afterAll(async () => {
  await dynamo.stop();
});

/** The kit's fakes, but the five table stores (versions, requests, …) in a fresh DynamoDB table. */
async function dynamoDeps(): Promise<ServiceDeps> {
  const kit = makeDeps();
  const tableName = `approvals-${++table}`;
  await createVersionTable(dynamo.client, tableName);
  const stores = dynamoStores({ client: dynamo.client, tableName, files: kit.files, clock: kit.clock });
  return { ...kit.deps, ...stores };
}

describe('approveRequest on DynamoDB', () => {
  it('lets exactly one of two concurrent approvals win', async () => {
    const deps = await dynamoDeps();
    await importFlows(deps, { env: 'prod', files: exampleFlowFiles(), actor: users.alice, channel: 'cli' });
    const request = await requestPublish(deps, { env: 'prod', flow: 'Billing', actor: users.alice });

    const results = await Promise.allSettled([
      approveRequest(deps, { id: request.id, actor: users.bob }),
      approveRequest(deps, { id: request.id, actor: users.carol }),
    ]);

    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]).toBeInstanceOf(ServiceError);
    expect((lost[0] as ServiceError).code).toBe('invalid-state');
  });

  it('refuses an approval after the flow changed since the request', async () => {
    const deps = await dynamoDeps();
    const files = exampleFlowFiles();
    await importFlows(deps, { env: 'prod', files, actor: users.alice, channel: 'cli' });
    const request = await requestPublish(deps, { env: 'prod', flow: 'Main IVR', actor: users.alice });
    const main = files.find((f) => f.name.endsWith('main-ivr.json'));
    if (main === undefined) throw new Error('examples/flows/main-ivr.json is missing');
    const changed = JSON.parse(new TextDecoder().decode(main.bytes)) as { Metadata: { description: string } };
    changed.Metadata.description = 'changed after the request';
    await importFlows(deps, {
      env: 'prod',
      files: [jsonFile('main-ivr.json', changed)],
      actor: users.alice,
      channel: 'cli',
    });

    await expect(approveRequest(deps, { id: request.id, actor: users.bob })).rejects.toMatchObject({
      code: 'stale-request',
    });
  });
});
