import { describe, expect, it } from 'vitest';
import { approveRequest } from '../../../core/service/approveRequest.js';
import { rejectRequest } from '../../../core/service/rejectRequest.js';
import { requestPublish } from '../../../core/service/requestPublish.js';
import { users } from '../../fakes/serviceKit.js';
import { importTexts, inboundFlow, prodKit } from './publishKit.js';

async function requested() {
  const kit = prodKit();
  await importTexts(kit, 'prod', { main: inboundFlow('Main') });
  const request = await requestPublish(kit.deps, { env: 'prod', flow: 'flow:Main', actor: users.alice });
  return { kit, request };
}

describe('rejectRequest', () => {
  it('moves the request to rejected with who, when and why', async () => {
    const { kit, request } = await requested();

    const rejected = await rejectRequest(kit.deps, {
      id: request.id,
      actor: users.carol,
      reason: 'wrong greeting',
    });

    expect(rejected).toMatchObject({
      state: 'rejected',
      decidedBy: 'carol',
      decidedAt: '2026-11-21T10:00:00.000Z',
      reason: 'wrong greeting',
    });
    expect(kit.notifications.at(-1)).toMatchObject({ kind: 'rejected', flowKey: 'flow:Main' });
    expect((await kit.audit.listAudit('prod')).filter((e) => e.action === 'reject')).toHaveLength(1);
  });

  it.each(['', '   \n '])('refuses and leaves the request pending when the reason is %j', async (reason) => {
    const { kit, request } = await requested();

    await expect(
      rejectRequest(kit.deps, { id: request.id, actor: users.carol, reason }),
    ).rejects.toMatchObject({
      code: 'invalid-input',
      message: 'Say why you reject it: the requester sees the reason.',
    });
    expect((await kit.requests.getRequest(request.id))?.state).toBe('pending');
  });

  it('lets exactly one of two concurrent decisions win', async () => {
    const { kit, request } = await requested();

    const results = await Promise.allSettled([
      rejectRequest(kit.deps, { id: request.id, actor: users.carol, reason: 'no' }),
      approveRequest(kit.deps, { id: request.id, actor: users.bob }),
    ]);

    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
  });

  it('refuses with invalid-state naming who decided when it was already approved', async () => {
    const { kit, request } = await requested();
    await approveRequest(kit.deps, { id: request.id, actor: users.bob });

    await expect(
      rejectRequest(kit.deps, { id: request.id, actor: users.carol, reason: 'late' }),
    ).rejects.toMatchObject({
      code: 'invalid-state',
      message: expect.stringContaining('bob'),
    });
  });

  it('refuses an editor as forbidden: rejecting needs the publisher role', async () => {
    const { kit, request } = await requested();

    await expect(
      rejectRequest(kit.deps, { id: request.id, actor: users.alice, reason: 'x' }),
    ).rejects.toMatchObject({
      code: 'forbidden',
    });
  });
});
