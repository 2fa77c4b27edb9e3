import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../core/diagnostics.js';
import { ContactCenterError } from '../../../core/errors.js';
import type { CreateFlowInput } from '../../../core/ports.js';
import { publishApproved } from '../../../core/service/publishApproved.js';
import { requestPublish } from '../../../core/service/requestPublish.js';
import type { MemoryContactCenter } from '../../fakes/memoryContactCenter.js';
import { users } from '../../fakes/serviceKit.js';
import { existingFlow, importTexts, inboundFlow, moduleFile, prodKit, writesDuring } from './publishKit.js';

/** prod without approvals: every request is approved as it is made. */
function openKit(flows: Parameters<typeof prodKit>[0] = []) {
  return prodKit(flows, { approval: { prod: { required: false } } });
}

async function approved(kit: ReturnType<typeof openKit>, ...flows: string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const flow of flows)
    ids.push((await requestPublish(kit.deps, { env: 'prod', flow, actor: users.alice })).id);
  return ids;
}

function writeLog(center: MemoryContactCenter): string[] {
  return center.calls
    .filter((c) => c.method === 'createFlow' || c.method === 'updateFlow')
    .map((c) => `${c.method} ${c.arg}`);
}

/** Fails the contact center's `n`th write from now (1-based) with `error`. */
function failWrite(center: MemoryContactCenter, n: number, error: ContactCenterError): void {
  const target = center.writes() + n;
  const create = center.createFlow.bind(center);
  const update = center.updateFlow.bind(center);
  const arm = () => {
    if (center.writes() + 1 === target) center.failNextWrite = error;
  };
  center.createFlow = async (input: CreateFlowInput) => {
    arm();
    return create(input);
  };
  center.updateFlow = async (input) => {
    arm();
    return update(input);
  };
}

describe('publishApproved', () => {
  it('creates a new flow with its content in exactly one write', async () => {
    const kit = openKit();
    const { Main } = await importTexts(kit, 'prod', { main: inboundFlow('Main') });
    const ids = await approved(kit, 'flow:Main');

    const writes = await writesDuring(kit.center, () =>
      publishApproved(kit.deps, { ids, actor: users.alice }),
    );

    expect(writes).toBe(1);
    const [line] = (await kit.audit.listAudit('prod')).filter((e) => e.action === 'publish');
    const created = kit.center.flow(String(line?.detail.arn).split('/').pop() ?? '');
    expect(created).toMatchObject({
      name: 'Main',
      type: 'CONTACT_FLOW',
      status: 'PUBLISHED',
      content: Main?.content,
    });
  });

  it('records the publish: head published with its target, request published', async () => {
    const kit = openKit();
    await importTexts(kit, 'prod', { main: inboundFlow('Main') });
    const ids = await approved(kit, 'flow:Main');

    const outcome = await publishApproved(kit.deps, { ids, actor: users.alice });

    const arn = outcome.flows[0]?.arn ?? null;
    expect(outcome).toMatchObject({ ok: true, writes: 1 });
    expect(await kit.versions.getHead('prod', 'flow:Main')).toMatchObject({ published: 1, target: { arn } });
    expect((await kit.requests.getRequest(ids[0] ?? ''))?.state).toBe('published');
  });

  it('writes nothing for a flow whose target already holds its content', async () => {
    const kit = openKit();
    await importTexts(kit, 'prod', { main: inboundFlow('Main') });
    await publishApproved(kit.deps, { ids: await approved(kit, 'flow:Main'), actor: users.alice });
    const again = await approved(kit, 'flow:Main');

    let outcome = null as Awaited<ReturnType<typeof publishApproved>> | null;
    const writes = await writesDuring(kit.center, async () => {
      outcome = await publishApproved(kit.deps, { ids: again, actor: users.alice });
    });

    expect(writes).toBe(0);
    expect(outcome?.flows.map((f) => [f.action, f.state, f.writes])).toEqual([['unchanged', 'published', 0]]);
  });

  it('publishes a module before the flow that invokes it, pointing the flow at the new module', async () => {
    const kit = openKit();
    await importTexts(kit, 'prod', {
      main: inboundFlow('Main', { module: 'Greeting' }),
      greeting: moduleFile('Greeting'),
    });
    const ids = await approved(kit, 'flow:Main', 'module:Greeting');

    const outcome = await publishApproved(kit.deps, { ids, actor: users.alice });

    expect(writeLog(kit.center)).toEqual(['createFlow Greeting', 'createFlow Main']);
    const [module, main] = outcome.flows;
    const moduleId = module?.arn?.split('/').pop();
    const content = JSON.parse(kit.center.flow(main?.arn?.split('/').pop() ?? '')?.content ?? '{}');
    expect(content.Actions[1].Parameters.FlowModuleId).toBe(moduleId);
  });

  it('creates both flows of a cycle, then updates both with each pointing at the other (4 writes)', async () => {
    const kit = openKit();
    await importTexts(kit, 'prod', {
      main: inboundFlow('Main', { transferTo: 'Billing' }),
      billing: inboundFlow('Billing', { transferTo: 'Main' }),
    });
    const ids = await approved(kit, 'flow:Main', 'flow:Billing');

    const outcome = await publishApproved(kit.deps, { ids, actor: users.alice });

    const [first, second] = outcome.flows;
    expect(writeLog(kit.center).map((w) => w.split(' ')[0])).toEqual([
      'createFlow',
      'createFlow',
      'updateFlow',
      'updateFlow',
    ]);
    const transferOf = (arn: string | null | undefined) =>
      JSON.parse(kit.center.flow(arn?.split('/').pop() ?? '')?.content ?? '{}').Actions[1].Parameters
        .ContactFlowId;
    expect(transferOf(first?.arn)).toBe(second?.arn);
    expect(transferOf(second?.arn)).toBe(first?.arn);
    expect(outcome.flows.map((f) => [f.action, f.writes])).toEqual([
      ['created', 2],
      ['created', 2],
    ]);
  });

  it('points a reference at a flow an earlier publish created', async () => {
    const kit = openKit();
    await importTexts(kit, 'prod', {
      main: inboundFlow('Main', { transferTo: 'Billing' }),
      billing: inboundFlow('Billing'),
    });
    const billing = await publishApproved(kit.deps, {
      ids: await approved(kit, 'flow:Billing'),
      actor: users.alice,
    });

    const main = await publishApproved(kit.deps, {
      ids: await approved(kit, 'flow:Main'),
      actor: users.alice,
    });

    const content = JSON.parse(kit.center.flow(main.flows[0]?.arn?.split('/').pop() ?? '')?.content ?? '{}');
    expect(content.Actions[1].Parameters.ContactFlowId).toBe(billing.flows[0]?.arn);
  });

  it('refuses with not-publishable, writing nothing, when a flow it needs is neither published nor in the batch', async () => {
    const kit = openKit();
    await importTexts(kit, 'prod', {
      main: inboundFlow('Main', { module: 'Greeting' }),
      greeting: moduleFile('Greeting'),
    });
    const ids = await approved(kit, 'flow:Main');

    await expect(publishApproved(kit.deps, { ids, actor: users.alice })).rejects.toMatchObject({
      code: 'not-publishable',
      message: expect.stringContaining("module 'Greeting'"),
    });
    expect(kit.center.writes()).toBe(0);
  });

  it('stops with drift, writing nothing and failing the request, when the target changed after the request', async () => {
    const target = existingFlow('Main', inboundFlow('Main', { say: 'Before.' }));
    const kit = openKit([target]);
    await importTexts(kit, 'prod', { main: inboundFlow('Main') });
    const ids = await approved(kit, 'flow:Main');
    await kit.center.updateFlow({
      kind: 'flow',
      id: target.id,
      content: inboundFlow('Main', { say: 'Hotfix.' }),
      status: 'PUBLISHED',
    });

    const writes = await writesDuring(kit.center, async () => {
      await expect(publishApproved(kit.deps, { ids, actor: users.alice })).rejects.toMatchObject({
        code: 'drift',
      });
    });

    expect(writes).toBe(0);
    expect((await kit.requests.getRequest(ids[0] ?? ''))?.state).toBe('failed');
    expect(kit.center.flow(target.id)?.content).toBe(inboundFlow('Main', { say: 'Hotfix.' }));
  });

  it('creates a flow named like a target module, leaving the module as it was', async () => {
    const module = existingFlow('Greeting', moduleFile('Greeting', 'Made by hand.'), 'MODULE');
    const kit = openKit([module]);
    await importTexts(kit, 'prod', { greeting: inboundFlow('Greeting') });
    const ids = await approved(kit, 'flow:Greeting');

    const outcome = await publishApproved(kit.deps, { ids, actor: users.alice });

    expect(outcome.flows[0]).toMatchObject({ state: 'published', action: 'created' });
    expect(writeLog(kit.center)).toEqual(['createFlow Greeting']);
    const created = kit.center.flow(outcome.flows[0]?.arn?.split('/').pop() ?? '');
    expect(created).toMatchObject({ kind: 'flow', name: 'Greeting', type: 'CONTACT_FLOW' });
    expect(kit.center.flow(module.id)).toMatchObject({ kind: 'module', content: module.content });
  });

  it('snapshots the content it replaces as a version before overwriting it', async () => {
    const old = inboundFlow('Main', { say: 'Made by hand.' });
    const target = existingFlow('Main', old);
    const kit = openKit([target]);
    await importTexts(kit, 'prod', { main: inboundFlow('Main') });
    const ids = await approved(kit, 'flow:Main');
    kit.center.failNextWrite = new ContactCenterError('throttled', 'Rate exceeded');

    const outcome = await publishApproved(kit.deps, { ids, actor: users.alice });

    const snapshot = await kit.versions.getVersion('prod', 'flow:Main', 2);
    expect(snapshot).toMatchObject({ content: old, source: { channel: 'snapshot', ref: target.arn } });
    expect(outcome.flows[0]).toMatchObject({ state: 'failed', previous: 2 });
  });

  it('updates the existing target and says how to roll back to the snapshot', async () => {
    const target = existingFlow('Main', inboundFlow('Main', { say: 'Made by hand.' }));
    const kit = openKit([target]);
    const { Main } = await importTexts(kit, 'prod', { main: inboundFlow('Main') });
    const ids = await approved(kit, 'flow:Main');

    const outcome = await publishApproved(kit.deps, { ids, actor: users.alice });

    expect(outcome.flows[0]).toMatchObject({
      action: 'updated',
      arn: target.arn,
      previous: 2,
      rollback: 'flowgate rollback "flow:Main" --env prod --to 2 --as <you>',
    });
    expect(kit.center.flow(target.id)?.content).toBe(Main?.content);
    expect(await kit.versions.getHead('prod', 'flow:Main')).toMatchObject({ published: 1, latest: 2 });
  });

  it('stops at a failed write: says what was written with ARNs, fails that request, keeps the rest approved', async () => {
    const kit = openKit();
    await importTexts(kit, 'prod', {
      greeting: moduleFile('Greeting'),
      main: inboundFlow('Main', { module: 'Greeting' }),
      other: inboundFlow('Other', { module: 'Greeting' }),
    });
    const ids = await approved(kit, 'module:Greeting', 'flow:Main', 'flow:Other');
    const problem: Diagnostic = {
      severity: 'error',
      code: 'connect-invalid-flow',
      action: 'module',
      block: 'Invoke module',
      message: 'Invoke module block: the module is not published.',
      hint: 'Publish the module first.',
    };
    failWrite(
      kit.center,
      2,
      new ContactCenterError('invalid-flow', 'InvalidContactFlowException', [problem]),
    );

    const outcome = await publishApproved(kit.deps, { ids, actor: users.alice });

    expect(outcome.ok).toBe(false);
    expect(outcome.flows.map((f) => [f.flowKey, f.state])).toEqual([
      ['module:Greeting', 'published'],
      ['flow:Main', 'failed'],
      ['flow:Other', 'skipped'],
    ]);
    expect(outcome.flows[1]?.diagnostics).toEqual([problem]);
    const states = await Promise.all(ids.map(async (id) => (await kit.requests.getRequest(id))?.state));
    expect(states).toEqual(['published', 'failed', 'approved']);
    const moduleArn = outcome.flows[0]?.arn ?? '';
    expect(outcome.summary.split('\n')[0]).toMatch(/^Publishing to prod stopped at Main v1/);
    expect(outcome.summary).toContain(moduleArn);
    expect(outcome.summary).toContain('Other v1: not written');
    expect(kit.notifications.at(-1)).toMatchObject({ kind: 'publish-failed', diagnostics: [problem] });
  });

  it('costs at most 110 contact-center calls when publishing 100 new flows', async () => {
    const kit = openKit();
    const names = Array.from({ length: 100 }, (_, i) => `Flow ${i}`);
    await importTexts(kit, 'prod', Object.fromEntries(names.map((n) => [n, inboundFlow(n)])));
    const ids = await approved(kit, ...names.map((n) => `flow:${n}`));
    const before = kit.center.calls.length;

    const outcome = await publishApproved(kit.deps, { ids, actor: users.alice });

    expect(outcome.writes).toBe(100);
    expect(kit.center.calls.length - before).toBeLessThanOrEqual(110);
    expect(outcome.calls).toBe(kit.center.calls.length - before);
  });

  it('reads only the flow listing when 100 flows are published again with the same content', async () => {
    const kit = openKit();
    const names = Array.from({ length: 100 }, (_, i) => `Flow ${i}`);
    await importTexts(kit, 'prod', Object.fromEntries(names.map((n) => [n, inboundFlow(n)])));
    const keys = names.map((n) => `flow:${n}`);
    await publishApproved(kit.deps, { ids: await approved(kit, ...keys), actor: users.alice });
    const again = await approved(kit, ...keys);
    const before = kit.center.calls.length;

    const outcome = await publishApproved(kit.deps, { ids: again, actor: users.alice });

    // The listing (once, not per flow) is what notices a flow deleted by hand since.
    expect(kit.center.calls.slice(before).map((c) => c.method)).toEqual(['flowInventory']);
    expect(outcome.calls).toBe(1);
    expect(new Set(outcome.flows.map((f) => `${f.action} ${f.state}`))).toEqual(
      new Set(['unchanged published']),
    );
  });

  it('reads every existing target of the batch with one describeFlows call per kind', async () => {
    const targets = ['A', 'B', 'C'].map((n) => existingFlow(n, inboundFlow(n, { say: 'Made by hand.' })));
    const kit = openKit(targets);
    await importTexts(kit, 'prod', { a: inboundFlow('A'), b: inboundFlow('B'), c: inboundFlow('C') });
    const ids = await approved(kit, 'flow:A', 'flow:B', 'flow:C');
    const before = kit.center.calls.length;

    const outcome = await publishApproved(kit.deps, { ids, actor: users.alice });

    const reads = kit.center.calls.slice(before).filter((c) => c.method.startsWith('describe'));
    expect(reads).toEqual([{ method: 'describeFlows', arg: targets.map((t) => t.id).join(',') }]);
    expect(outcome.flows.map((f) => f.action)).toEqual(['updated', 'updated', 'updated']);
  });

  it('stops with drift found by the bulk read when one target of several changed after the request', async () => {
    const targets = ['A', 'B'].map((n) => existingFlow(n, inboundFlow(n, { say: 'Before.' })));
    const kit = openKit(targets);
    await importTexts(kit, 'prod', { a: inboundFlow('A'), b: inboundFlow('B') });
    const ids = await approved(kit, 'flow:A', 'flow:B');
    const hotfix = inboundFlow('B', { say: 'Hotfix.' });
    await kit.center.updateFlow({
      kind: 'flow',
      id: targets[1]?.id ?? '',
      content: hotfix,
      status: 'PUBLISHED',
    });

    const writes = await writesDuring(kit.center, async () => {
      await expect(publishApproved(kit.deps, { ids, actor: users.alice })).rejects.toMatchObject({
        code: 'drift',
        message: expect.stringContaining('the target changed since the request: B'),
      });
    });

    expect(writes).toBe(0);
    expect(kit.center.calls.filter((c) => c.method === 'describeFlows')).toHaveLength(1);
  });

  it('refuses a request that is not approved with invalid-state', async () => {
    const kit = prodKit();
    await importTexts(kit, 'prod', { main: inboundFlow('Main') });
    const pending = await requestPublish(kit.deps, { env: 'prod', flow: 'flow:Main', actor: users.alice });

    await expect(publishApproved(kit.deps, { ids: [pending.id], actor: users.bob })).rejects.toMatchObject({
      code: 'invalid-state',
    });
  });

  it('refuses a viewer as forbidden', async () => {
    const kit = openKit();
    await importTexts(kit, 'prod', { main: inboundFlow('Main') });
    const ids = await approved(kit, 'flow:Main');

    await expect(publishApproved(kit.deps, { ids, actor: users.victor })).rejects.toMatchObject({
      code: 'forbidden',
    });
  });
});
