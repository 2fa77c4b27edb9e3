/**
 * Scheduled expiry on the real DynamoDB protocol (dynalite): two overlapping runs record one
 * expiry, because the claim and the conditional write (not the in-memory fakes) decide.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVersionTable } from '../../adapters/dynamo/versionTable.js';
import { dynamoStores } from '../../app/compose/stores.js';
import { expireDueRequests } from '../../app/expireDueRequests.js';
import { importFlows } from '../../core/service/importFlows.js';
import { requestPublish } from '../../core/service/requestPublish.js';
import { exampleFlowFiles, makeDeps, users } from '../fakes/serviceKit.js';
import { type LocalDynamo, startDynamo } from './servers.js';

const HOUR = 3_600_000;
let dynamo: LocalDynamo;

beforeAll(async () => {
  dynamo = await startDynamo();
});

afterAll(async () => {
  await dynamo.stop();
});

describe('expireDueRequests on DynamoDB', () => {
  it('records one expiry, one audit entry and one notice when two runs overlap', async () => {
    const kit = makeDeps();
    await createVersionTable(dynamo.client, 'expiry');
    const deps = {
      ...kit.deps,
      ...dynamoStores({ client: dynamo.client, tableName: 'expiry', files: kit.files, clock: kit.clock }),
    };
    await importFlows(deps, { env: 'prod', files: exampleFlowFiles(), actor: users.alice, channel: 'cli' });
    const request = await requestPublish(deps, { env: 'prod', flow: 'Billing', actor: users.alice });
    kit.clock.advance(25 * HOUR);
    const run = () => expireDueRequests({ service: deps, messenger: null, log: () => {} });

    const [a, b] = await Promise.all([run(), run()]);

    expect([...a, ...b].map((r) => r.id)).toEqual([request.id]);
    expect(await deps.requests.getRequest(request.id)).toMatchObject({ state: 'expired', decidedBy: null });
    expect((await deps.audit.listAudit('prod')).filter((e) => e.action === 'expire')).toHaveLength(1);
    expect(kit.notifications.filter((n) => n.kind === 'expired')).toHaveLength(1);
  });
});
