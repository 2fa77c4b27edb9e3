import { describe, expect, it } from 'vitest';
import { requestPublish } from '../../../core/service/requestPublish.js';
import { sha256 } from '../../../core/versions/hash.js';
import { resolutionHash } from '../../../core/versions/requests.js';
import { users } from '../../fakes/serviceKit.js';
import { existingFlow, importTexts, inboundFlow, moduleFile, prodKit } from './publishKit.js';

describe('requestPublish', () => {
  it('creates a pending request bound to the version, its resolutions and expiry when the flow is new', async () => {
    const kit = prodKit();
    const { Main } = await importTexts(kit, 'prod', {
      main: inboundFlow('Main', { module: 'Greeting' }),
      greeting: moduleFile('Greeting'),
    });

    const request = await requestPublish(kit.deps, { env: 'prod', flow: 'flow:Main', actor: users.alice });

    expect(request).toMatchObject({
      env: 'prod',
      flowKey: 'flow:Main',
      version: 1,
      contentHash: Main?.contentHash,
      resolutionHash: resolutionHash(Main?.resolutions ?? []),
      driftHash: null,
      requester: 'alice',
      requestedAt: '2026-11-21T10:00:00.000Z',
      expiresAt: '2026-11-22T10:00:00.000Z',
      state: 'pending',
    });
    expect(await kit.requests.getRequest(request.id)).toEqual(request);
  });

  it('binds the hash of the target content when a flow of that name exists', async () => {
    const old = inboundFlow('Main', { say: 'Old greeting.' });
    const kit = prodKit([existingFlow('Main', old)]);
    await importTexts(kit, 'prod', { main: inboundFlow('Main') });

    const request = await requestPublish(kit.deps, { env: 'prod', flow: 'Main', actor: users.alice });

    expect(request.driftHash).toBe(sha256(old));
  });

  it('answers a second ask for the same version with the pending request, storing and auditing nothing new', async () => {
    const kit = prodKit();
    await importTexts(kit, 'prod', { main: inboundFlow('Main') });
    const first = await requestPublish(kit.deps, { env: 'prod', flow: 'Main', actor: users.alice });
    const audited = (await kit.audit.listAudit('prod')).length;

    const again = requestPublish(kit.deps, { env: 'prod', flow: 'Main', actor: users.carol });

    await expect(again).rejects.toMatchObject({ name: 'AlreadyRequestedError', request: first });
    await expect(again).rejects.toThrow('Main v1 in prod was already requested by alice');
    expect(await kit.requests.listRequests('prod')).toEqual([first]);
    expect(await kit.audit.listAudit('prod')).toHaveLength(audited);
  });

  it('stores one request when the same version is asked for concurrently', async () => {
    const kit = prodKit();
    await importTexts(kit, 'prod', { main: inboundFlow('Main') });

    const asked = await Promise.allSettled(
      [users.alice, users.alice, users.carol].map((actor) =>
        requestPublish(kit.deps, { env: 'prod', flow: 'Main', actor }),
      ),
    );

    expect(asked.filter((a) => a.status === 'fulfilled')).toHaveLength(1);
    expect(await kit.requests.listRequests('prod')).toHaveLength(1);
  });

  it('takes the latest version when none is given and the chosen one when it is', async () => {
    const kit = prodKit();
    await importTexts(kit, 'prod', { main: inboundFlow('Main', { say: 'one' }) });
    await importTexts(kit, 'prod', { main: inboundFlow('Main', { say: 'two' }) });

    const latest = await requestPublish(kit.deps, { env: 'prod', flow: 'flow:Main', actor: users.alice });
    const chosen = await requestPublish(kit.deps, {
      env: 'prod',
      flow: 'flow:Main',
      version: 1,
      actor: users.alice,
    });

    expect([latest.version, chosen.version]).toEqual([2, 1]);
  });

  it('refuses with not-publishable naming the problem when the version has errors', async () => {
    const kit = prodKit();
    await importTexts(kit, 'prod', { main: inboundFlow('Main', { transferTo: 'Nowhere' }) });

    const refused = requestPublish(kit.deps, { env: 'prod', flow: 'flow:Main', actor: users.alice });

    await expect(refused).rejects.toMatchObject({
      code: 'not-publishable',
      message: expect.stringMatching(/Nowhere/),
    });
    expect(await kit.requests.listRequests('prod')).toEqual([]);
  });

  it.each([
    [{ flow: 'flow:Nope' }, 'not-found'],
    [{ flow: 'flow:Main', version: 7 }, 'not-found'],
  ])('refuses %o with %s', async (input, code) => {
    const kit = prodKit();
    await importTexts(kit, 'prod', { main: inboundFlow('Main') });

    await expect(
      requestPublish(kit.deps, { env: 'prod', actor: users.alice, ...input }),
    ).rejects.toMatchObject({
      code,
    });
  });

  it('approves at once, by the requester, when the environment requires no approval', async () => {
    const kit = prodKit([], { approval: { prod: { required: false } } });
    await importTexts(kit, 'prod', { main: inboundFlow('Main') });

    const request = await requestPublish(kit.deps, { env: 'prod', flow: 'flow:Main', actor: users.alice });

    expect(request).toMatchObject({ state: 'approved', decidedBy: 'alice' });
    const actions = (await kit.audit.listAudit('prod')).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['request', 'approve']));
  });

  it('audits and announces the request', async () => {
    const kit = prodKit();
    await importTexts(kit, 'prod', { main: inboundFlow('Main') });

    const request = await requestPublish(kit.deps, { env: 'prod', flow: 'flow:Main', actor: users.alice });

    const audit = (await kit.audit.listAudit('prod')).find((e) => e.action === 'request');
    expect(audit).toMatchObject({
      actor: 'alice',
      flowKey: 'flow:Main',
      detail: { request: request.id, version: 1 },
    });
    expect(kit.notifications.at(-1)).toMatchObject({ kind: 'requested', flowKey: 'flow:Main', env: 'prod' });
  });

  it.each([users.victor, users.mallory])(
    'refuses %o as forbidden: requesting needs the editor role',
    async (who) => {
      const kit = prodKit();
      await importTexts(kit, 'prod', { main: inboundFlow('Main') });

      await expect(
        requestPublish(kit.deps, { env: 'prod', flow: 'flow:Main', actor: who }),
      ).rejects.toMatchObject({
        code: 'forbidden',
      });
    },
  );
});
