import { describe, expect, it } from 'vitest';
import { publishIfApproved } from '../../../core/service/publishIfApproved.js';
import { requestPublish } from '../../../core/service/requestPublish.js';
import { users } from '../../fakes/serviceKit.js';
import { importTexts, inboundFlow, prodKit, writesDuring } from './publishKit.js';

describe('publishIfApproved', () => {
  it('publishes at once and returns the request as published when the environment needs no approval', async () => {
    const kit = prodKit([], { approval: { prod: { required: false } } });
    await importTexts(kit, 'prod', { main: inboundFlow('Main') });
    const request = await requestPublish(kit.deps, { env: 'prod', flow: 'Main', actor: users.alice });

    const submitted = await publishIfApproved(kit.deps, request, users.alice);

    expect([submitted.request.state, submitted.outcome?.ok]).toEqual(['published', true]);
    expect((await kit.center.flowInventory()).resources.map((r) => r.name)).toContain('Main');
  });

  it('leaves a pending request for a publisher and writes nothing when approval is required', async () => {
    const kit = prodKit();
    await importTexts(kit, 'prod', { main: inboundFlow('Main') });
    const request = await requestPublish(kit.deps, { env: 'prod', flow: 'Main', actor: users.alice });

    const writes = await writesDuring(kit.center, async () => {
      const submitted = await publishIfApproved(kit.deps, request, users.alice);
      expect([submitted.request.state, submitted.outcome]).toEqual(['pending', null]);
    });

    expect(writes).toBe(0);
  });
});
