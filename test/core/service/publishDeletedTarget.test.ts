import { describe, expect, it } from 'vitest';
import { ConnectContactCenter } from '../../../adapters/connect/ConnectContactCenter.js';
import { UNLIMITED } from '../../../adapters/connect/rateLimiter.js';
import { publishApproved } from '../../../core/service/publishApproved.js';
import { requestPublish } from '../../../core/service/requestPublish.js';
import { FakeConnectApi } from '../../contracts/fakeConnectApi.js';
import { users } from '../../fakes/serviceKit.js';
import { importTexts, inboundFlow, PROD_INSTANCE, prodKit } from './publishKit.js';

/** prod without approvals: every request is approved as it is made. */
function openKit() {
  return prodKit([], { approval: { prod: { required: false } } });
}

async function publish(kit: ReturnType<typeof openKit>, flow: string) {
  const request = await requestPublish(kit.deps, { env: 'prod', flow, actor: users.alice });
  return publishApproved(kit.deps, { ids: [request.id], actor: users.alice });
}

const idOf = (arn: string | null | undefined) => arn?.split('/').pop() ?? '';

describe('publishApproved', () => {
  it('creates again a flow deleted by hand in the contact center, instead of calling it unchanged', async () => {
    const kit = openKit();
    const { Main } = await importTexts(kit, 'prod', { main: inboundFlow('Main') });
    const first = await publish(kit, 'flow:Main');
    kit.center.deleteByHand(idOf(first.flows[0]?.arn));

    const again = await publish(kit, 'flow:Main');

    const line = again.flows[0];
    expect(line).toMatchObject({ planned: 'create', action: 'created', state: 'published', writes: 1 });
    expect(line?.arn).not.toBe(first.flows[0]?.arn);
    expect(kit.center.flow(idOf(line?.arn))).toMatchObject({ name: 'Main', content: Main?.content });
    expect(await kit.versions.getHead('prod', 'flow:Main')).toMatchObject({ target: { arn: line?.arn } });
    const audit = (await kit.audit.listAudit('prod')).filter((e) => e.action === 'publish');
    expect(audit.find((e) => e.detail.arn === line?.arn)?.detail).toMatchObject({ action: 'created' });
  });

  it('notices the deletion from the one flow listing, with no read per flow', async () => {
    const kit = openKit();
    await importTexts(kit, 'prod', { main: inboundFlow('Main'), other: inboundFlow('Other') });
    const main = await publish(kit, 'flow:Main');
    await publish(kit, 'flow:Other');
    kit.center.deleteByHand(idOf(main.flows[0]?.arn));
    const ids = [
      (await requestPublish(kit.deps, { env: 'prod', flow: 'flow:Main', actor: users.alice })).id,
      (await requestPublish(kit.deps, { env: 'prod', flow: 'flow:Other', actor: users.alice })).id,
    ];
    const before = kit.center.calls.length;

    const outcome = await publishApproved(kit.deps, { ids, actor: users.alice });

    expect(outcome.flows.map((f) => [f.flowKey, f.action])).toEqual([
      ['flow:Main', 'created'],
      ['flow:Other', 'unchanged'],
    ]);
    const methods = kit.center.calls.slice(before).map((c) => c.method);
    expect(methods.filter((m) => m === 'flowInventory')).toHaveLength(1);
    expect(methods.filter((m) => m === 'describeFlow')).toHaveLength(0);
  });

  it('creates again a flow deleted by hand in Amazon Connect (the Connect adapter)', async () => {
    const kit = openKit();
    const api = new FakeConnectApi({ instanceArn: PROD_INSTANCE, pageSize: 1 });
    // One adapter per job, as the composition root builds them (its inventory lives for the job).
    const adapter = () =>
      new ConnectContactCenter({ client: api.client, instanceArn: PROD_INSTANCE, limiter: UNLIMITED });
    let center = adapter();
    const deps = { ...kit.deps, centers: () => center };
    await importTexts({ ...kit, deps }, 'prod', { main: inboundFlow('Main') });
    const publishOnce = async () => {
      center = adapter();
      const request = await requestPublish(deps, { env: 'prod', flow: 'flow:Main', actor: users.alice });
      return publishApproved(deps, { ids: [request.id], actor: users.alice });
    };
    const first = await publishOnce();
    api.deleteByHand(idOf(first.flows[0]?.arn));

    const again = await publishOnce();

    expect(again.flows[0]).toMatchObject({ action: 'created', state: 'published' });
    expect(await center.describeFlow('flow', idOf(again.flows[0]?.arn))).toMatchObject({ name: 'Main' });
    expect(await kit.versions.getHead('prod', 'flow:Main')).toMatchObject({
      target: { arn: again.flows[0]?.arn },
    });
  });
});
