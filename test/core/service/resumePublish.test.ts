/**
 * A publish that stopped between the approval and the writes (the worker crashed or timed out, a
 * queue delivered the click twice) is never lost and never written twice: the approver approving
 * again resumes it, and a run holds its requests while it writes.
 */
import { describe, expect, it } from 'vitest';
import { approveRequest } from '../../../core/service/approveRequest.js';
import { PUBLISH_LEASE_MS, publishApproved } from '../../../core/service/publishApproved.js';
import { requestPublish } from '../../../core/service/requestPublish.js';
import type { PublishRequest } from '../../../core/versions/types.js';
import { users } from '../../fakes/serviceKit.js';
import { importTexts, inboundFlow, prodKit } from './publishKit.js';

/** prod with flow:Main v1 requested by alice and approved by bob, as a run that died right after. */
async function approvedThenStopped() {
  const kit = prodKit();
  await importTexts(kit, 'prod', { main: inboundFlow('Main') });
  const request = await requestPublish(kit.deps, { env: 'prod', flow: 'flow:Main', actor: users.alice });
  const approved = await kit.requests.transitionRequest(request.id, 'pending', 'approved', {
    decidedBy: 'bob',
    decidedAt: kit.clock.now().toISOString(),
  });
  if (approved === null) throw new Error('the request was not approved');
  await kit.audit.appendAudit({
    id: 'approval',
    env: 'prod',
    at: kit.clock.now().toISOString(),
    actor: 'bob',
    action: 'approve',
    flowKey: 'flow:Main',
    detail: { request: request.id, version: request.version, requester: 'alice' },
  });
  return { kit, request: approved };
}

async function errorOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => null,
    (error: unknown) => error,
  );
}

describe('an approved request whose publish stopped', () => {
  it('is published when its approver approves again, without a second approval on record', async () => {
    const { kit, request } = await approvedThenStopped();

    const result = await approveRequest(kit.deps, { id: request.id, actor: users.bob });

    expect(result.request.state).toBe('published');
    expect(result.outcome?.flows.map((f) => f.state)).toEqual(['published']);
    expect(kit.center.writes()).toBe(1);
    const actions = (await kit.audit.listAudit('prod')).map((e) => e.action);
    expect(actions.filter((a) => a === 'approve')).toHaveLength(1);
    expect(actions).toContain('publish');
  });

  it('is not published by another publisher approving it (they are told who approved it)', async () => {
    const { kit, request } = await approvedThenStopped();

    const error = await errorOf(approveRequest(kit.deps, { id: request.id, actor: users.carol }));

    expect(error).toMatchObject({
      code: 'invalid-state',
      message: expect.stringContaining('already approved by bob'),
    });
    expect(kit.center.writes()).toBe(0);
  });

  it('waits out the lease of a run that died while writing, then resumes', async () => {
    const { kit, request } = await approvedThenStopped();
    // What the dead run left: its lease on the request.
    await kit.claims.claimOnce(
      `publish:${request.id}`,
      new Date(kit.clock.now().getTime() + PUBLISH_LEASE_MS).toISOString(),
    );

    const early = await errorOf(approveRequest(kit.deps, { id: request.id, actor: users.bob }));
    kit.clock.advance(PUBLISH_LEASE_MS + 1);
    const later = await approveRequest(kit.deps, { id: request.id, actor: users.bob });

    expect(early).toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/being published right now/),
    });
    expect(later.request.state).toBe('published');
    expect(kit.center.writes()).toBe(1);
  });
});

describe('two runs publishing the same request at once', () => {
  it('write it once: the other is refused before any write', async () => {
    const { kit, request } = await approvedThenStopped();

    const results = await Promise.allSettled([
      publishApproved(kit.deps, { ids: [request.id], actor: users.bob }),
      publishApproved(kit.deps, { ids: [request.id], actor: users.bob }),
    ]);

    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as { code: string }] : []));
    expect(['conflict', 'invalid-state']).toContain(refused[0]?.code);
    expect(kit.center.writes()).toBe(1);
  });

  it('leave nothing held once a run is done, so the next publish of the flow is not refused', async () => {
    const { kit, request } = await approvedThenStopped();
    await publishApproved(kit.deps, { ids: [request.id], actor: users.bob });

    expect(await kit.claims.claimOnce(`publish:${request.id}`, '2026-11-21T11:00:00.000Z')).toBe(true);
  });

  it('release what they held when the batch is refused', async () => {
    const { kit, request } = await approvedThenStopped();
    const other: PublishRequest = { ...request, id: 'not-a-request' };

    const error = await errorOf(publishApproved(kit.deps, { ids: [request.id, other.id], actor: users.bob }));

    expect(error).toMatchObject({ code: 'not-found' });
    expect(await kit.claims.claimOnce(`publish:${request.id}`, '2026-11-21T11:00:00.000Z')).toBe(true);
  });
});
