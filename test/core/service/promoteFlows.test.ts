import { describe, expect, it } from 'vitest';
import { approveRequest } from '../../../core/service/approveRequest.js';
import { promoteFlows } from '../../../core/service/promoteFlows.js';
import { rejectRequest } from '../../../core/service/rejectRequest.js';
import { MemoryContactCenter } from '../../fakes/memoryContactCenter.js';
import { makeDeps, users } from '../../fakes/serviceKit.js';
import { instanceData, SOURCE_IDS, sourceCenter, TARGET_INSTANCE } from './liveFlows.js';

const PROD_QUEUE = '99999999-8888-4777-8666-555544443333';

function kit() {
  const source = sourceCenter();
  const target = new MemoryContactCenter(instanceData(TARGET_INSTANCE, PROD_QUEUE, '444455556666'));
  return { source, target, ...makeDeps({ prodParent: false, centers: { test: source, prod: target } }) };
}

const promoteAll = { from: 'test', to: 'prod', flows: [], all: true, actor: users.alice } as const;

describe('promoteFlows', () => {
  it('stores the live source flows in the target, modules first, and opens one request for them', async () => {
    const { deps, versions } = kit();
    const result = await promoteFlows(deps, promoteAll);
    expect(result.flows.map((f) => [f.kind, f.name, f.change])).toEqual([
      ['module', 'Check balance', 'create'],
      ['flow', 'Main IVR', 'create'],
    ]);
    expect(result.request?.members.map((m) => [m.flowKey, m.version, m.batch])).toEqual([
      ['module:Check balance', 1, result.request?.lead.id],
      ['flow:Main IVR', 1, result.request?.lead.id],
    ]);
    expect((await versions.getVersion('prod', 'flow:Main IVR', 1))?.source.channel).toBe('promote');
  });

  it('publishes the batch on one approval, every reference pointing at the target', async () => {
    const { deps, target } = kit();
    const { request } = await promoteFlows(deps, promoteAll);
    const approved = await approveRequest(deps, { id: request?.lead.id ?? '', actor: users.bob });
    expect(approved.outcome?.ok).toBe(true);
    const inventory = await target.inventory();
    const main = inventory.resources.find((r) => r.name === 'Main IVR');
    const content = target.flow(main?.id ?? '')?.content ?? '';
    expect(content).toContain(`${TARGET_INSTANCE}/queue/${PROD_QUEUE}`);
    expect(content).not.toContain('777788889999');
    const module = inventory.resources.find((r) => r.name === 'Check balance');
    expect(target.flow(module?.id ?? '')?.content).toContain('444455556666:function:lookup');
  });

  it('writes nothing when the target already holds what is live in the source', async () => {
    const { deps, versions, requests } = kit();
    const { request } = await promoteFlows(deps, promoteAll);
    await approveRequest(deps, { id: request?.lead.id ?? '', actor: users.bob });
    const before = await requests.listRequests('prod');
    const again = await promoteFlows(deps, promoteAll);
    expect(again.request).toBeNull();
    expect(again.flows.map((f) => f.change)).toEqual(['unchanged', 'unchanged']);
    expect((await versions.listVersions('prod', 'flow:Main IVR')).length).toBe(1);
    expect((await requests.listRequests('prod')).length).toBe(before.length);
  });

  it('shows what changes in the target against what it holds now', async () => {
    const { deps, source } = kit();
    const { request } = await promoteFlows(deps, promoteAll);
    await approveRequest(deps, { id: request?.lead.id ?? '', actor: users.bob });
    const content = source.flow(SOURCE_IDS.flow)?.content ?? '';
    const edited = content.replace('"StartAction":"a1"', '"StartAction":"a0"');
    await source.updateFlow({ kind: 'flow', id: SOURCE_IDS.flow, content: edited, status: 'PUBLISHED' });
    const result = await promoteFlows(deps, { ...promoteAll, all: false, flows: ['Main IVR'] });
    const main = result.flows.find((f) => f.name === 'Main IVR');
    expect(main?.change).toBe('update');
    expect(main?.diff?.start).toEqual({ from: 'a1', to: 'a0' });
    expect(result.request?.members.map((m) => m.flowKey)).toEqual(['flow:Main IVR']);
  });

  it('writes nothing and says why when a flow could not be published in the target', async () => {
    const source = sourceCenter();
    const bare = instanceData(TARGET_INSTANCE, PROD_QUEUE, '444455556666');
    const target = new MemoryContactCenter({
      ...bare,
      resources: bare.resources.filter((r) => r.kind !== 'queue'),
    });
    const { deps, versions, requests } = makeDeps({
      prodParent: false,
      centers: { test: source, prod: target },
    });

    const result = await promoteFlows(deps, promoteAll);

    expect(result.refused).toMatch(/^Nothing was written to prod: Main IVR: .*Sales/);
    expect(result.request).toBeNull();
    expect(await versions.listHeads('prod')).toEqual([]);
    expect(await requests.listRequests('prod')).toEqual([]);
  });

  it('decides the batch through its lead: a member alone is refused, rejecting the lead rejects all', async () => {
    const { deps, requests } = kit();
    const { request } = await promoteFlows(deps, promoteAll);
    const member = request?.members.find((m) => m.id !== request.lead.id);
    await expect(approveRequest(deps, { id: member?.id ?? '', actor: users.bob })).rejects.toThrow(
      /part of the batch of request/,
    );
    await rejectRequest(deps, { id: request?.lead.id ?? '', actor: users.bob, reason: 'not today' });
    expect((await requests.listRequests('prod', 'rejected')).length).toBe(2);
  });
});

describe('promoteFlows (a version already asked for)', () => {
  it('opens no request and names the open one when a version of the batch is already asked for', async () => {
    const { deps } = kit();
    const first = await promoteFlows(deps, {
      ...promoteAll,
      all: false,
      flows: ['Check balance'],
      actor: users.bob,
    });

    const again = await promoteFlows(deps, promoteAll);

    expect(again.request).toBeNull();
    expect(again.alreadyRequested?.name).toBe('Check balance');
    expect(again.alreadyRequested?.request.id).toBe(first.request?.lead.id);
  });
});
