import { describe, expect, it } from 'vitest';
import type { PublishRequests } from '../../core/ports.js';
import { sha256 } from '../../core/versions/hash.js';
import { ENV, FLOW, freshPort, HOUR, type MakePort, requestOf } from './storeFixtures.js';

/** Registers the {@link PublishRequests} contract suite for one implementation; `make` returns a fresh, empty one. */
export function describePublishRequestsContract(name: string, make: MakePort<PublishRequests>): void {
  const setup = async () => {
    const { clock, port } = await freshPort(make);
    return { clock, requests: port };
  };

  describe(`${name}: PublishRequests contract`, () => {
    describe('createRequest', () => {
      it('stores the request as given', async () => {
        const { requests } = await setup();
        const request = requestOf('req-1', { driftHash: sha256('target') });

        await requests.createRequest(request);

        expect(await requests.getRequest('req-1')).toEqual(request);
      });

      it('keeps the batch a request belongs to, through a transition', async () => {
        const { requests } = await setup();
        await requests.createRequest(requestOf('req-2', { flowKey: 'flow:Other', batch: 'req-1' }));

        const approved = await requests.transitionRequest('req-2', 'pending', 'approved', {
          decidedBy: 'bob',
        });

        expect(approved?.batch).toBe('req-1');
        expect((await requests.listRequests(ENV, 'approved'))[0]?.batch).toBe('req-1');
      });

      it('rejects when the id exists, even for another flow', async () => {
        const { requests } = await setup();
        await requests.createRequest(requestOf('req-1'));

        await expect(requests.createRequest(requestOf('req-1', { flowKey: 'flow:Other' }))).rejects.toThrow(
          'req-1',
        );
        expect((await requests.getRequest('req-1'))?.flowKey).toBe(FLOW);
      });
    });

    describe('getRequest', () => {
      it('returns null when the id is unknown', async () => {
        const { requests } = await setup();

        expect(await requests.getRequest('nope')).toBeNull();
      });

      it.each([
        ['reads as expired when a pending request reaches its expiry', 'pending', 24, 'expired'],
        ['stays pending just before its expiry', 'pending', 23.9, 'pending'],
        ['keeps a decided state after the expiry', 'approved', 48, 'approved'],
      ] as const)('%s', async (_title, state, hours, expected) => {
        const { requests, clock } = await setup();
        await requests.createRequest(requestOf('req-1', { state }));
        clock.advance(hours * HOUR);

        expect((await requests.getRequest('req-1'))?.state).toBe(expected);
      });
    });

    describe('listRequests', () => {
      it('lists the environment`s requests newest first when there are several', async () => {
        const { requests } = await setup();
        await requests.createRequest(requestOf('req-1'));
        await requests.createRequest(
          requestOf('req-2', { flowKey: 'flow:Other', requestedAt: '2026-11-21T10:05:00.000Z' }),
        );
        await requests.createRequest(requestOf('req-3', { env: 'prod' }));

        expect((await requests.listRequests(ENV)).map((r) => r.id)).toEqual(['req-2', 'req-1']);
      });

      it('filters by the state as read now when a state is given', async () => {
        const { requests, clock } = await setup();
        await requests.createRequest(requestOf('old', { expiresAt: '2026-11-21T10:30:00.000Z' }));
        await requests.createRequest(requestOf('fresh', { requestedAt: '2026-11-21T10:01:00.000Z' }));
        await requests.createRequest(requestOf('done', { state: 'approved' }));
        clock.advance(HOUR);

        const [pending, expired] = [
          await requests.listRequests(ENV, 'pending'),
          await requests.listRequests(ENV, 'expired'),
        ];

        expect([pending.map((r) => r.id), expired.map((r) => r.id)]).toEqual([['fresh'], ['old']]);
      });
    });

    describe('transitionRequest', () => {
      const decision = { decidedBy: 'U0BOB', decidedAt: '2026-11-21T10:10:00.000Z' };

      it('moves a pending request and applies the patch when it is still pending', async () => {
        const { requests } = await setup();
        await requests.createRequest(requestOf('req-1'));

        const moved = await requests.transitionRequest('req-1', 'pending', 'approved', decision);

        expect(moved).toEqual({ ...requestOf('req-1'), ...decision, state: 'approved' });
        expect(await requests.getRequest('req-1')).toEqual(moved);
      });

      it('returns null and changes nothing when the request is no longer in `from`', async () => {
        const { requests } = await setup();
        await requests.createRequest(requestOf('req-1'));
        await requests.transitionRequest('req-1', 'pending', 'rejected', {
          ...decision,
          reason: 'wrong queue',
        });

        const second = await requests.transitionRequest('req-1', 'pending', 'approved', {
          decidedBy: 'U0CAROL',
        });

        expect(second).toBeNull();
        expect(await requests.getRequest('req-1')).toMatchObject({ state: 'rejected', decidedBy: 'U0BOB' });
      });

      it('lets exactly one of two concurrent approvals win', async () => {
        const { requests } = await setup();
        await requests.createRequest(requestOf('req-1'));

        const results = await Promise.all([
          requests.transitionRequest('req-1', 'pending', 'approved', { decidedBy: 'U0BOB' }),
          requests.transitionRequest('req-1', 'pending', 'approved', { decidedBy: 'U0CAROL' }),
        ]);

        const winners = results.filter((r) => r !== null);
        expect(winners).toHaveLength(1);
        expect((await requests.getRequest('req-1'))?.decidedBy).toBe(winners[0]?.decidedBy);
      });

      it('refuses to approve a pending request past its expiry', async () => {
        const { requests, clock } = await setup();
        await requests.createRequest(requestOf('req-1'));
        clock.advance(25 * HOUR);

        expect(await requests.transitionRequest('req-1', 'pending', 'approved', decision)).toBeNull();
      });

      it('records the expiry of a request that expired while pending', async () => {
        const { requests, clock } = await setup();
        await requests.createRequest(requestOf('req-1'));
        clock.advance(25 * HOUR);

        const moved = await requests.transitionRequest('req-1', 'expired', 'expired', {
          decidedAt: '2026-11-22T11:00:00.000Z',
        });

        expect(moved).toMatchObject({ state: 'expired', decidedAt: '2026-11-22T11:00:00.000Z' });
      });

      it('moves an approved request on to published', async () => {
        const { requests } = await setup();
        await requests.createRequest(requestOf('req-1', { state: 'approved', ...decision }));

        const moved = await requests.transitionRequest('req-1', 'approved', 'published', {});

        expect(moved).toEqual({ ...requestOf('req-1'), ...decision, state: 'published' });
      });

      it('returns null when the id is unknown', async () => {
        const { requests } = await setup();

        expect(await requests.transitionRequest('nope', 'pending', 'approved', decision)).toBeNull();
      });
    });
  });
}
