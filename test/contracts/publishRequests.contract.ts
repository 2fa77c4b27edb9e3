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

      it('returns the open request and stores nothing when the version already has one pending', async () => {
        const { requests } = await setup();
        await requests.createRequest(requestOf('req-1'));

        const again = await requests.createRequest(requestOf('req-2', { requester: 'U0CAROL' }));

        expect(again).toEqual({ request: requestOf('req-1'), created: false });
        expect(await requests.getRequest('req-2')).toBeNull();
      });

      it('stores exactly one of concurrent requests for one version, and hands the others that one', async () => {
        const { requests } = await setup();

        const results = await Promise.all(
          ['req-1', 'req-2', 'req-3', 'req-4'].map((id) => requests.createRequest(requestOf(id))),
        );

        const stored = results.filter((r) => r.created).map((r) => r.request.id);
        expect(stored).toHaveLength(1);
        expect(new Set(results.map((r) => r.request.id))).toEqual(new Set(stored));
        expect(await requests.listRequests(ENV)).toHaveLength(1);
      });

      it('treats an approved request that is not yet published as open', async () => {
        const { requests } = await setup();
        await requests.createRequest(requestOf('req-1', { state: 'approved', decidedBy: 'U0BOB' }));

        const again = await requests.createRequest(requestOf('req-2'));

        expect(again).toMatchObject({ created: false, request: { id: 'req-1' } });
      });

      it.each([
        ['rejected', 'rejected', 0],
        ['published', 'published', 0],
        ['failed', 'failed', 0],
        ['expired while pending', 'pending', 25],
      ] as const)(
        'stores a new request when the version`s earlier one was %s',
        async (_title, state, hours) => {
          const { requests, clock } = await setup();
          await requests.createRequest(requestOf('req-1', { state }));
          clock.advance(hours * HOUR);
          const later = requestOf('req-2', {
            requestedAt: clock.now().toISOString(),
            expiresAt: '2026-12-01T10:00:00.000Z',
          });

          const again = await requests.createRequest(later);

          expect(again).toEqual({ request: later, created: true });
        },
      );

      it('keeps other versions, flows and environments apart', async () => {
        const { requests } = await setup();
        await requests.createRequest(requestOf('req-1'));

        const others = await Promise.all([
          requests.createRequest(requestOf('req-2', { version: 2 })),
          requests.createRequest(requestOf('req-3', { flowKey: 'flow:Other' })),
          requests.createRequest(requestOf('req-4', { env: 'prod' })),
        ]);

        expect(others.map((r) => r.created)).toEqual([true, true, true]);
      });
    });

    describe('listFlowRequests', () => {
      it('lists one flow`s requests in the environment newest first', async () => {
        const { requests } = await setup();
        await requests.createRequest(requestOf('req-1', { state: 'rejected' }));
        await requests.createRequest(
          requestOf('req-2', { version: 2, requestedAt: '2026-11-21T10:05:00.000Z' }),
        );
        await requests.createRequest(requestOf('req-3', { flowKey: 'flow:Other' }));
        await requests.createRequest(requestOf('req-4', { env: 'prod' }));

        expect((await requests.listFlowRequests(ENV, FLOW)).map((r) => r.id)).toEqual(['req-2', 'req-1']);
      });

      it('reads a pending request past its expiry as expired', async () => {
        const { requests, clock } = await setup();
        await requests.createRequest(requestOf('req-1'));
        clock.advance(25 * HOUR);

        expect((await requests.listFlowRequests(ENV, FLOW)).map((r) => r.state)).toEqual(['expired']);
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
        await requests.createRequest(
          requestOf('fresh', { version: 2, requestedAt: '2026-11-21T10:01:00.000Z' }),
        );
        await requests.createRequest(requestOf('done', { version: 3, state: 'approved' }));
        clock.advance(HOUR);

        const [pending, expired] = [
          await requests.listRequests(ENV, 'pending'),
          await requests.listRequests(ENV, 'expired'),
        ];

        expect([pending.map((r) => r.id), expired.map((r) => r.id)]).toEqual([['fresh'], ['old']]);
      });
    });

    describe('listPendingRequests', () => {
      it('lists the environment`s pending requests oldest first', async () => {
        const { requests } = await setup();
        await requests.createRequest(requestOf('later', { requestedAt: '2026-11-21T10:05:00.000Z' }));
        await requests.createRequest(requestOf('first', { flowKey: 'flow:Other' }));
        await requests.createRequest(requestOf('elsewhere', { env: 'prod' }));

        expect((await requests.listPendingRequests(ENV)).map((r) => r.id)).toEqual(['first', 'later']);
      });

      it('leaves out requests decided, expired or created decided', async () => {
        const { requests, clock } = await setup();
        // One version each: a version has one open request at a time.
        await requests.createRequest(requestOf('old', { version: 1, expiresAt: '2026-11-21T10:30:00.000Z' }));
        await requests.createRequest(
          requestOf('open', { version: 2, requestedAt: '2026-11-21T10:01:00.000Z' }),
        );
        await requests.createRequest(
          requestOf('approved', { version: 3, requestedAt: '2026-11-21T10:02:00.000Z' }),
        );
        await requests.createRequest(requestOf('born-approved', { version: 4, state: 'approved' }));
        await requests.transitionRequest('approved', 'pending', 'approved', { decidedBy: 'U0BOB' });
        clock.advance(HOUR);

        expect((await requests.listPendingRequests(ENV)).map((r) => r.id)).toEqual(['open']);
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
