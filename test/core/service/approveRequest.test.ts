import { describe, expect, it } from 'vitest';
import { approveRequest } from '../../../core/service/approveRequest.js';
import { rejectRequest } from '../../../core/service/rejectRequest.js';
import { requestPublish } from '../../../core/service/requestPublish.js';
import { users } from '../../fakes/serviceKit.js';
import { importTexts, inboundFlow, moduleFile, prodKit } from './publishKit.js';

const HOUR = 3_600_000;

/** prod with flow:Main v1 imported and requested by alice. */
async function requested(options: Parameters<typeof prodKit>[1] = {}) {
  const kit = prodKit([], options);
  await importTexts(kit, 'prod', {
    main: inboundFlow('Main', { module: 'Greeting' }),
    greeting: moduleFile('Greeting'),
  });
  const request = await requestPublish(kit.deps, { env: 'prod', flow: 'flow:Main', actor: users.alice });
  return { kit, request };
}

describe('approveRequest', () => {
  it('moves the request pending → approved → published and publishes it when another publisher approves', async () => {
    const kit = prodKit();
    await importTexts(kit, 'prod', { main: inboundFlow('Main') });
    // Events of one millisecond have no order: the request comes a moment after the import.
    kit.clock.advance(1000);
    const request = await requestPublish(kit.deps, { env: 'prod', flow: 'flow:Main', actor: users.alice });

    const result = await approveRequest(kit.deps, { id: request.id, actor: users.bob });

    expect(result.request).toMatchObject({ state: 'published', decidedBy: 'bob' });
    expect(result.outcome?.flows.map((f) => [f.flowKey, f.action, f.state])).toEqual([
      ['flow:Main', 'created', 'published'],
    ]);
    const actions = (await kit.audit.listAudit('prod')).map((e) => e.action).reverse();
    expect(actions.slice(-3)).toEqual(['request', 'approve', 'publish']);
  });

  it('waits, publishing nothing, while a flow it needs is not approved yet', async () => {
    const { kit, request } = await requested();
    const module = await requestPublish(kit.deps, {
      env: 'prod',
      flow: 'module:Greeting',
      actor: users.alice,
    });

    const result = await approveRequest(kit.deps, { id: request.id, actor: users.bob });

    expect(result).toMatchObject({ outcome: null, waitingFor: [`module:Greeting (request ${module.id})`] });
    expect(result.request.state).toBe('approved');
    expect(kit.center.writes()).toBe(0);
  });

  it('publishes the linked approved requests together, dependencies first, on the last approval', async () => {
    const { kit, request } = await requested();
    const module = await requestPublish(kit.deps, {
      env: 'prod',
      flow: 'module:Greeting',
      actor: users.alice,
    });
    await approveRequest(kit.deps, { id: request.id, actor: users.bob });

    const result = await approveRequest(kit.deps, { id: module.id, actor: users.carol });

    expect(result.outcome?.flows.map((f) => f.flowKey)).toEqual(['module:Greeting', 'flow:Main']);
    expect((await kit.requests.getRequest(request.id))?.state).toBe('published');
    expect(result.request.state).toBe('published');
  });

  it('refuses self-approval when the environment does not allow it', async () => {
    const kit = prodKit();
    await importTexts(kit, 'prod', { main: inboundFlow('Main') });
    const request = await requestPublish(kit.deps, { env: 'prod', flow: 'flow:Main', actor: users.bob });

    await expect(approveRequest(kit.deps, { id: request.id, actor: users.bob })).rejects.toMatchObject({
      code: 'self-approval',
    });
    expect((await kit.requests.getRequest(request.id))?.state).toBe('pending');
  });

  it('lets the requester approve when the environment allows self-approval', async () => {
    const kit = prodKit([], { approval: { prod: { allowSelfApproval: true } } });
    await importTexts(kit, 'prod', { main: inboundFlow('Main') });
    const request = await requestPublish(kit.deps, { env: 'prod', flow: 'flow:Main', actor: users.bob });

    const result = await approveRequest(kit.deps, { id: request.id, actor: users.bob });

    expect(result.request.state).toBe('published');
  });

  it('lets exactly one of two concurrent approvals win', async () => {
    const kit = prodKit();
    await importTexts(kit, 'prod', { main: inboundFlow('Main') });
    const request = await requestPublish(kit.deps, { env: 'prod', flow: 'flow:Main', actor: users.alice });

    const results = await Promise.allSettled([
      approveRequest(kit.deps, { id: request.id, actor: users.bob }),
      approveRequest(kit.deps, { id: request.id, actor: users.carol }),
    ]);

    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
    expect(won).toHaveLength(1);
    expect(lost).toEqual([expect.objectContaining({ code: 'invalid-state' })]);
    expect(kit.center.writes()).toBe(1);
    expect((await kit.audit.listAudit('prod')).filter((e) => e.action === 'approve')).toHaveLength(1);
  });

  it('refuses with invalid-state naming who decided when the request was already rejected', async () => {
    const { kit, request } = await requested();
    await rejectRequest(kit.deps, { id: request.id, actor: users.carol, reason: 'not today' });

    await expect(approveRequest(kit.deps, { id: request.id, actor: users.bob })).rejects.toMatchObject({
      code: 'invalid-state',
      message: expect.stringContaining('rejected by carol'),
    });
  });

  it('refuses with invalid-state when the request expired (expiry checked on read)', async () => {
    const { kit, request } = await requested();
    kit.clock.advance(25 * HOUR);

    await expect(approveRequest(kit.deps, { id: request.id, actor: users.bob })).rejects.toMatchObject({
      code: 'invalid-state',
      message: expect.stringContaining('expired'),
    });
    expect(kit.center.writes()).toBe(0);
  });

  it('refuses a stale request when a newer version was imported after it', async () => {
    const { kit, request } = await requested();
    kit.clock.advance(HOUR);
    await importTexts(kit, 'prod', { main: inboundFlow('Main', { module: 'Greeting', say: 'Changed.' }) });

    await expect(approveRequest(kit.deps, { id: request.id, actor: users.bob })).rejects.toMatchObject({
      code: 'stale-request',
      message: expect.stringContaining('v2'),
    });
    expect((await kit.requests.getRequest(request.id))?.state).toBe('pending');
  });

  it('refuses a stale request when a reference of the version was re-resolved after it', async () => {
    const { kit, request } = await requested();
    kit.clock.advance(HOUR);
    await kit.mappings.putMapping({
      env: 'prod',
      kind: 'module',
      source: 'Greeting',
      target:
        'arn:aws:connect:us-west-2:444455556666:instance/5e2d7c1b-9a4f-4f3e-8b6d-2c1a0f9e8d77/flow-module/m-2',
      chosenBy: 'alice',
      chosenAt: kit.clock.now().toISOString(),
    });

    await expect(approveRequest(kit.deps, { id: request.id, actor: users.bob })).rejects.toMatchObject({
      code: 'stale-request',
      message: expect.stringContaining('re-resolved'),
    });
  });

  it('approves an explicitly chosen older version when nothing changed since the request', async () => {
    const kit = prodKit();
    await importTexts(kit, 'prod', { main: inboundFlow('Main', { say: 'one' }) });
    await importTexts(kit, 'prod', { main: inboundFlow('Main', { say: 'two' }) });
    kit.clock.advance(HOUR);
    const request = await requestPublish(kit.deps, {
      env: 'prod',
      flow: 'flow:Main',
      version: 1,
      actor: users.alice,
    });

    const result = await approveRequest(kit.deps, { id: request.id, actor: users.bob });

    expect(result.request).toMatchObject({ state: 'published', version: 1 });
  });

  it.each([users.alice, users.victor])(
    'refuses %o as forbidden: approving needs the publisher role',
    async (who) => {
      const { kit, request } = await requested();

      await expect(approveRequest(kit.deps, { id: request.id, actor: who })).rejects.toMatchObject({
        code: 'forbidden',
      });
    },
  );

  it('refuses an unknown request with not-found', async () => {
    const kit = prodKit();

    await expect(approveRequest(kit.deps, { id: 'nope', actor: users.bob })).rejects.toMatchObject({
      code: 'not-found',
    });
  });
});
