import { describe, expect, it } from 'vitest';
import { EXPIRY_SCHEDULE, expireRequests } from '../../../core/service/expireRequests.js';
import { requestPublish } from '../../../core/service/requestPublish.js';
import { users } from '../../fakes/serviceKit.js';
import { importTexts, inboundFlow, prodKit } from './publishKit.js';

const HOUR = 3_600_000;

async function requested() {
  const kit = prodKit();
  await importTexts(kit, 'prod', { main: inboundFlow('Main') });
  const request = await requestPublish(kit.deps, { env: 'prod', flow: 'flow:Main', actor: users.alice });
  return { kit, request };
}

describe('expireRequests', () => {
  it('records a pending request past its expiry as expired', async () => {
    const { kit, request } = await requested();
    kit.clock.advance(25 * HOUR);

    const expired = await expireRequests(kit.deps, { env: 'prod', actor: users.victor });

    expect(expired.map((r) => [r.id, r.state])).toEqual([[request.id, 'expired']]);
    expect(await kit.requests.getRequest(request.id)).toMatchObject({
      state: 'expired',
      decidedBy: 'victor',
    });
    expect(kit.notifications.at(-1)).toMatchObject({ kind: 'expired', flowKey: 'flow:Main' });
  });

  it('names the flow, not its key, in what the environment is told when run by the schedule', async () => {
    const { kit, request } = await requested();
    kit.clock.advance(25 * HOUR);

    await expireRequests(kit.deps, { env: 'prod', actor: EXPIRY_SCHEDULE });

    expect(await kit.requests.getRequest(request.id)).toMatchObject({ state: 'expired', decidedBy: null });
    expect(kit.notifications.at(-1)?.text).toMatch(/^The request to publish Main v1 to prod expired/);
  });

  it('leaves a request alone while it has not expired', async () => {
    const { kit, request } = await requested();
    kit.clock.advance(23 * HOUR);

    const expired = await expireRequests(kit.deps, { env: 'prod', actor: users.victor });

    expect(expired).toEqual([]);
    expect((await kit.requests.getRequest(request.id))?.state).toBe('pending');
  });

  it('expires each request exactly once across repeated runs', async () => {
    const { kit } = await requested();
    kit.clock.advance(25 * HOUR);

    const first = await expireRequests(kit.deps, { env: 'prod', actor: users.victor });
    kit.clock.advance(48 * HOUR);
    const second = await expireRequests(kit.deps, { env: 'prod', actor: users.victor });

    expect([first.length, second.length]).toEqual([1, 0]);
    expect((await kit.audit.listAudit('prod')).filter((e) => e.action === 'expire')).toHaveLength(1);
  });

  it('expires each request exactly once when two runs overlap', async () => {
    const { kit } = await requested();
    kit.clock.advance(25 * HOUR);

    const [a, b] = await Promise.all([
      expireRequests(kit.deps, { env: 'prod', actor: users.victor }),
      expireRequests(kit.deps, { env: 'prod', actor: users.bob }),
    ]);

    expect((a?.length ?? 0) + (b?.length ?? 0)).toBe(1);
    expect((await kit.audit.listAudit('prod')).filter((e) => e.action === 'expire')).toHaveLength(1);
  });

  it('refuses someone without a role as forbidden', async () => {
    const { kit } = await requested();

    await expect(expireRequests(kit.deps, { env: 'prod', actor: users.mallory })).rejects.toMatchObject({
      code: 'forbidden',
    });
  });
});
