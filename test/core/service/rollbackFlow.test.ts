import { describe, expect, it } from 'vitest';
import { approveRequest } from '../../../core/service/approveRequest.js';
import { requestPublish } from '../../../core/service/requestPublish.js';
import { rollbackFlow } from '../../../core/service/rollbackFlow.js';
import { users } from '../../fakes/serviceKit.js';
import { importTexts, inboundFlow, prodKit } from './publishKit.js';

/** prod with flow:Main v1 and v2 imported. */
async function twoVersions() {
  const kit = prodKit();
  await importTexts(kit, 'prod', { main: inboundFlow('Main', { say: 'One.' }) });
  await importTexts(kit, 'prod', { main: inboundFlow('Main', { say: 'Two.' }) });
  // Requests made later than the imports: a version made at the very instant of a request counts as newer.
  kit.clock.advance(60_000);
  return kit;
}

describe('rollbackFlow', () => {
  it('makes version N+1 with the content of version `to` and a pending request for it', async () => {
    const kit = await twoVersions();
    const one = await kit.versions.getVersion('prod', 'flow:Main', 1);

    const { version, created, request } = await rollbackFlow(kit.deps, {
      env: 'prod',
      flow: 'flow:Main',
      to: 1,
      actor: users.alice,
    });

    expect(created).toBe(true);
    expect(version).toMatchObject({
      number: 3,
      restores: 1,
      content: one?.content,
      contentHash: one?.contentHash,
      source: { channel: 'rollback', ref: 'v1' },
      author: 'alice',
    });
    expect(request).toMatchObject({ version: 3, state: 'pending', contentHash: one?.contentHash });
    expect((await kit.audit.listAudit('prod')).map((e) => e.action)).toContain('rollback');
  });

  it('puts the old content back in the target once the rollback request is approved', async () => {
    const kit = await twoVersions();
    const first = await requestPublish(kit.deps, {
      env: 'prod',
      flow: 'flow:Main',
      version: 1,
      actor: users.alice,
    });
    await approveRequest(kit.deps, { id: first.id, actor: users.bob });
    kit.clock.advance(60_000);
    const second = await requestPublish(kit.deps, { env: 'prod', flow: 'flow:Main', actor: users.alice });
    const published = await approveRequest(kit.deps, { id: second.id, actor: users.bob });

    const rollback = await rollbackFlow(kit.deps, { env: 'prod', flow: 'Main', to: 1, actor: users.alice });
    await approveRequest(kit.deps, { id: rollback.request.id, actor: users.carol });

    const id = published.outcome?.flows[0]?.arn?.split('/').pop() ?? '';
    expect(kit.center.flow(id)?.content).toBe(
      (await kit.versions.getVersion('prod', 'flow:Main', 1))?.content,
    );
    expect(await kit.versions.getHead('prod', 'flow:Main')).toMatchObject({ published: 3 });
  });

  it('refuses a version that does not exist with not-found', async () => {
    const kit = await twoVersions();

    await expect(
      rollbackFlow(kit.deps, { env: 'prod', flow: 'flow:Main', to: 9, actor: users.alice }),
    ).rejects.toMatchObject({ code: 'not-found' });
  });

  it('refuses a viewer as forbidden: rolling back needs the editor role', async () => {
    const kit = await twoVersions();

    await expect(
      rollbackFlow(kit.deps, { env: 'prod', flow: 'flow:Main', to: 1, actor: users.victor }),
    ).rejects.toMatchObject({ code: 'forbidden' });
  });
});
