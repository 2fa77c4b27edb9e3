import { describe, expect, it } from 'vitest';
import type { VersionStore } from '../../core/ports.js';
import { sha256 } from '../../core/versions/hash.js';
import type {
  AuditEvent,
  FlowVersion,
  PublishRequest,
  RememberedMapping,
  VersionDraft,
} from '../../core/versions/types.js';
import { FixedClock } from '../fakes/fixedClock.js';

/**
 * What every VersionStore must do, as the in-memory reference does it. `make` returns a fresh,
 * empty store reading time from `clock` (the suite moves it to test expiry).
 */
export type MakeVersionStore = (clock: FixedClock) => VersionStore | Promise<VersionStore>;

const ENV = 'test';
const FLOW = 'flow:Main IVR';
const HOUR = 3_600_000;
const START = '2026-11-21T10:00:00.000Z';

/** A realistic draft whose hashes follow its content. */
export function draftOf(content: string, overrides: Partial<VersionDraft> = {}): VersionDraft {
  const text = JSON.stringify({
    Version: '2019-10-30',
    StartAction: 'a1',
    Actions: [],
    Metadata: { note: content },
  });
  const original = `${text}\n`;
  return {
    env: ENV,
    flowKey: FLOW,
    name: 'Main IVR',
    type: 'CONTACT_FLOW',
    format: 'flow-language',
    contentHash: sha256(text),
    sourceHash: sha256(original),
    source: { channel: 'cli', ref: 'main-ivr.json' },
    author: 'U0ALICE',
    createdAt: START,
    restores: null,
    diagnostics: [
      {
        severity: 'warning',
        code: 'unresolved-reference',
        action: 'a1',
        block: 'Set working queue',
        message: 'Queue "Sales" was not found in test.',
        hint: 'Create the queue "Sales" in test or pick a replacement.',
      },
    ],
    references: [
      {
        kind: 'queue',
        action: 'a1',
        actionType: 'UpdateContactTargetQueue',
        path: ['Parameters', 'QueueId'],
        value: 'arn:aws:connect:eu-west-2:111122223333:instance/aaaa/queue/bbbb',
        name: 'Sales',
        valueKind: 'arn',
        required: true,
        flowType: null,
        copies: [['Metadata', 'ActionMetadata', 'a1', 'queue', 'id']],
        nameCopies: [['Metadata', 'ActionMetadata', 'a1', 'queue', 'text']],
      },
    ],
    resolutions: [{ by: 'unresolved', target: null, inherited: false }],
    content: text,
    original,
    ...overrides,
  };
}

/** A pending request for version 1, expiring in 24 hours. */
export function requestOf(id: string, overrides: Partial<PublishRequest> = {}): PublishRequest {
  return {
    id,
    env: ENV,
    flowKey: FLOW,
    version: 1,
    contentHash: sha256('content'),
    resolutionHash: sha256('resolutions'),
    driftHash: null,
    requester: 'U0ALICE',
    requestedAt: START,
    expiresAt: '2026-11-22T10:00:00.000Z',
    state: 'pending',
    decidedBy: null,
    decidedAt: null,
    reason: null,
    ...overrides,
  };
}

function summaryOf(version: FlowVersion) {
  const { content: _c, original: _o, references: _r, resolutions: _s, ...summary } = version;
  return summary;
}

/** Registers the contract suite for one VersionStore implementation. */
export function describeVersionStoreContract(name: string, make: MakeVersionStore): void {
  const setup = async () => {
    const clock = new FixedClock(START);
    return { clock, store: await make(clock) };
  };

  describe(`${name}: VersionStore contract`, () => {
    describe('appendVersion', () => {
      it('creates version 1 when the flow has none', async () => {
        const { store } = await setup();
        const draft = draftOf('one');

        const result = await store.appendVersion(draft);

        expect(result).toEqual({ version: { ...draft, number: 1 }, created: true });
      });

      it('numbers versions consecutively when contents differ', async () => {
        const { store } = await setup();

        const numbers = [];
        for (const text of ['one', 'two', 'three'])
          numbers.push((await store.appendVersion(draftOf(text))).version.number);

        expect(numbers).toEqual([1, 2, 3]);
      });

      it('returns the latest version and appends nothing when its content hash is the draft`s', async () => {
        const { store } = await setup();
        const first = await store.appendVersion(draftOf('one'));

        const again = await store.appendVersion(
          draftOf('one', { author: 'U0BOB', source: { channel: 'slack', ref: 'F1' } }),
        );

        expect(again).toEqual({ version: first.version, created: false });
        expect(await store.listVersions(ENV, FLOW)).toHaveLength(1);
      });

      it('appends when the draft matches an older version but not the latest', async () => {
        const { store } = await setup();
        await store.appendVersion(draftOf('one'));
        await store.appendVersion(draftOf('two'));

        const result = await store.appendVersion(draftOf('one'));

        expect(result.created).toBe(true);
        expect(result.version.number).toBe(3);
      });

      it('numbers each flow and environment on its own', async () => {
        const { store } = await setup();
        await store.appendVersion(draftOf('one'));

        const other = await store.appendVersion(
          draftOf('one', { flowKey: 'module:Auth', name: 'Auth', type: 'MODULE' }),
        );
        const elsewhere = await store.appendVersion(draftOf('one', { env: 'prod' }));

        expect([other.version.number, elsewhere.version.number]).toEqual([1, 1]);
      });

      it('gives every concurrent append of different content its own number', async () => {
        const { store } = await setup();
        const drafts = Array.from({ length: 12 }, (_, i) => draftOf(`concurrent ${i}`));

        const results = await Promise.all(drafts.map((d) => store.appendVersion(d)));

        expect(results.map((r) => r.version.number).sort((a, b) => a - b)).toEqual(
          Array.from({ length: 12 }, (_, i) => i + 1),
        );
        const stored = await store.listVersions(ENV, FLOW);
        expect(new Set(stored.map((v) => v.contentHash))).toEqual(new Set(drafts.map((d) => d.contentHash)));
      });

      it('creates one version when the same draft is appended concurrently', async () => {
        const { store } = await setup();

        const results = await Promise.all([1, 2, 3].map(() => store.appendVersion(draftOf('same'))));

        expect(results.filter((r) => r.created)).toHaveLength(1);
        expect(new Set(results.map((r) => r.version.number))).toEqual(new Set([1]));
      });

      it('moves the head to the new version and keeps what was published', async () => {
        const { store } = await setup();
        await store.appendVersion(draftOf('one'));
        const target = {
          arn: 'arn:aws:connect:eu-west-2:111122223333:instance/aaaa/contact-flow/cccc',
          id: 'cccc',
        };
        await store.markPublished(ENV, FLOW, 1, target);

        await store.appendVersion(
          draftOf('two', { name: 'Main IVR v2', createdAt: '2026-11-21T11:00:00.000Z' }),
        );

        expect(await store.getHead(ENV, FLOW)).toEqual({
          env: ENV,
          flowKey: FLOW,
          name: 'Main IVR v2',
          type: 'CONTACT_FLOW',
          latest: 2,
          published: 1,
          target,
          updatedAt: '2026-11-21T11:00:00.000Z',
        });
      });
    });

    describe('getVersion', () => {
      it('returns the whole version when it exists', async () => {
        const { store } = await setup();
        const { version } = await store.appendVersion(draftOf('one'));

        expect(await store.getVersion(ENV, FLOW, 1)).toEqual(version);
      });

      it('returns null when the number or the flow is unknown', async () => {
        const { store } = await setup();
        await store.appendVersion(draftOf('one'));

        expect([await store.getVersion(ENV, FLOW, 2), await store.getVersion(ENV, 'flow:Other', 1)]).toEqual([
          null,
          null,
        ]);
      });

      it('returns the texts exactly when they hold non-ASCII characters and CRLF line ends', async () => {
        const { store } = await setup();
        const original = '{\r\n\t"Metadata": {"name": "Café ☎ 電話 \u{1F600}"}\r\n}\r\n';
        await store.appendVersion(draftOf('unicode', { original, sourceHash: sha256(original) }));

        expect((await store.getVersion(ENV, FLOW, 1))?.original).toBe(original);
      });
    });

    describe('listVersions', () => {
      it('lists summaries newest first when there are several', async () => {
        const { store } = await setup();
        const one = await store.appendVersion(draftOf('one'));
        const two = await store.appendVersion(draftOf('two'));

        expect(await store.listVersions(ENV, FLOW)).toEqual([summaryOf(two.version), summaryOf(one.version)]);
      });

      it('returns an empty list when the flow has no versions', async () => {
        const { store } = await setup();

        expect(await store.listVersions(ENV, FLOW)).toEqual([]);
      });
    });

    describe('getHead', () => {
      it('returns null when the flow has no versions', async () => {
        const { store } = await setup();

        expect(await store.getHead(ENV, FLOW)).toBeNull();
      });
    });

    describe('listHeads', () => {
      it('lists the environment`s heads by name when several flows exist', async () => {
        const { store } = await setup();
        await store.appendVersion(draftOf('z', { flowKey: 'flow:Zeta', name: 'Zeta' }));
        await store.appendVersion(draftOf('a', { flowKey: 'module:Alpha', name: 'Alpha', type: 'MODULE' }));
        await store.appendVersion(draftOf('p', { env: 'prod', flowKey: 'flow:Beta', name: 'Beta' }));

        const heads = await store.listHeads(ENV);

        expect(heads.map((h) => [h.flowKey, h.latest])).toEqual([
          ['module:Alpha', 1],
          ['flow:Zeta', 1],
        ]);
      });
    });

    describe('markPublished', () => {
      it('records the published version, target and time when the flow exists', async () => {
        const { store, clock } = await setup();
        await store.appendVersion(draftOf('one'));
        clock.advance(HOUR);
        const target = {
          arn: 'arn:aws:connect:eu-west-2:111122223333:instance/aaaa/contact-flow/dddd',
          id: 'dddd',
        };

        await store.markPublished(ENV, FLOW, 1, target);

        expect(await store.getHead(ENV, FLOW)).toMatchObject({
          published: 1,
          target,
          updatedAt: '2026-11-21T11:00:00.000Z',
        });
      });

      it('rejects when the flow has no head', async () => {
        const { store } = await setup();

        await expect(store.markPublished(ENV, FLOW, 1, null)).rejects.toThrow(FLOW);
      });
    });

    describe('createRequest', () => {
      it('stores the request as given', async () => {
        const { store } = await setup();
        const request = requestOf('req-1', { driftHash: sha256('target') });

        await store.createRequest(request);

        expect(await store.getRequest('req-1')).toEqual(request);
      });

      it('rejects when the id exists, even for another flow', async () => {
        const { store } = await setup();
        await store.createRequest(requestOf('req-1'));

        await expect(store.createRequest(requestOf('req-1', { flowKey: 'flow:Other' }))).rejects.toThrow(
          'req-1',
        );
        expect((await store.getRequest('req-1'))?.flowKey).toBe(FLOW);
      });
    });

    describe('getRequest', () => {
      it('returns null when the id is unknown', async () => {
        const { store } = await setup();

        expect(await store.getRequest('nope')).toBeNull();
      });

      it.each([
        ['reads as expired when a pending request reaches its expiry', 'pending', 24, 'expired'],
        ['stays pending just before its expiry', 'pending', 23.9, 'pending'],
        ['keeps a decided state after the expiry', 'approved', 48, 'approved'],
      ] as const)('%s', async (_title, state, hours, expected) => {
        const { store, clock } = await setup();
        await store.createRequest(requestOf('req-1', { state }));
        clock.advance(hours * HOUR);

        expect((await store.getRequest('req-1'))?.state).toBe(expected);
      });
    });

    describe('listRequests', () => {
      it('lists the environment`s requests newest first when there are several', async () => {
        const { store } = await setup();
        await store.createRequest(requestOf('req-1'));
        await store.createRequest(
          requestOf('req-2', { flowKey: 'flow:Other', requestedAt: '2026-11-21T10:05:00.000Z' }),
        );
        await store.createRequest(requestOf('req-3', { env: 'prod' }));

        expect((await store.listRequests(ENV)).map((r) => r.id)).toEqual(['req-2', 'req-1']);
      });

      it('filters by the state as read now when a state is given', async () => {
        const { store, clock } = await setup();
        await store.createRequest(requestOf('old', { expiresAt: '2026-11-21T10:30:00.000Z' }));
        await store.createRequest(requestOf('fresh', { requestedAt: '2026-11-21T10:01:00.000Z' }));
        await store.createRequest(requestOf('done', { state: 'approved' }));
        clock.advance(HOUR);

        const [pending, expired] = [
          await store.listRequests(ENV, 'pending'),
          await store.listRequests(ENV, 'expired'),
        ];

        expect([pending.map((r) => r.id), expired.map((r) => r.id)]).toEqual([['fresh'], ['old']]);
      });
    });

    describe('transitionRequest', () => {
      const decision = { decidedBy: 'U0BOB', decidedAt: '2026-11-21T10:10:00.000Z' };

      it('moves a pending request and applies the patch when it is still pending', async () => {
        const { store } = await setup();
        await store.createRequest(requestOf('req-1'));

        const moved = await store.transitionRequest('req-1', 'pending', 'approved', decision);

        expect(moved).toEqual({ ...requestOf('req-1'), ...decision, state: 'approved' });
        expect(await store.getRequest('req-1')).toEqual(moved);
      });

      it('returns null and changes nothing when the request is no longer in `from`', async () => {
        const { store } = await setup();
        await store.createRequest(requestOf('req-1'));
        await store.transitionRequest('req-1', 'pending', 'rejected', { ...decision, reason: 'wrong queue' });

        const second = await store.transitionRequest('req-1', 'pending', 'approved', {
          decidedBy: 'U0CAROL',
        });

        expect(second).toBeNull();
        expect(await store.getRequest('req-1')).toMatchObject({ state: 'rejected', decidedBy: 'U0BOB' });
      });

      it('lets exactly one of two concurrent approvals win', async () => {
        const { store } = await setup();
        await store.createRequest(requestOf('req-1'));

        const results = await Promise.all([
          store.transitionRequest('req-1', 'pending', 'approved', { decidedBy: 'U0BOB' }),
          store.transitionRequest('req-1', 'pending', 'approved', { decidedBy: 'U0CAROL' }),
        ]);

        const winners = results.filter((r) => r !== null);
        expect(winners).toHaveLength(1);
        expect((await store.getRequest('req-1'))?.decidedBy).toBe(winners[0]?.decidedBy);
      });

      it('refuses to approve a pending request past its expiry', async () => {
        const { store, clock } = await setup();
        await store.createRequest(requestOf('req-1'));
        clock.advance(25 * HOUR);

        expect(await store.transitionRequest('req-1', 'pending', 'approved', decision)).toBeNull();
      });

      it('records the expiry of a request that expired while pending', async () => {
        const { store, clock } = await setup();
        await store.createRequest(requestOf('req-1'));
        clock.advance(25 * HOUR);

        const moved = await store.transitionRequest('req-1', 'expired', 'expired', {
          decidedAt: '2026-11-22T11:00:00.000Z',
        });

        expect(moved).toMatchObject({ state: 'expired', decidedAt: '2026-11-22T11:00:00.000Z' });
      });

      it('moves an approved request on to published', async () => {
        const { store } = await setup();
        await store.createRequest(requestOf('req-1', { state: 'approved', ...decision }));

        const moved = await store.transitionRequest('req-1', 'approved', 'published', {});

        expect(moved).toEqual({ ...requestOf('req-1'), ...decision, state: 'published' });
      });

      it('returns null when the id is unknown', async () => {
        const { store } = await setup();

        expect(await store.transitionRequest('nope', 'pending', 'approved', decision)).toBeNull();
      });
    });

    describe('putMapping', () => {
      const mapping: RememberedMapping = {
        env: ENV,
        kind: 'queue',
        source: 'arn:aws:connect:eu-west-2:111122223333:instance/aaaa/queue/bbbb',
        target: 'arn:aws:connect:eu-west-2:444455556666:instance/eeee/queue/ffff',
        chosenBy: 'U0ALICE',
        chosenAt: START,
      };

      it('replaces the earlier choice when kind and source are the same', async () => {
        const { store } = await setup();
        await store.putMapping(mapping);
        const changed = {
          ...mapping,
          target: 'arn:aws:connect:eu-west-2:444455556666:instance/eeee/queue/9999',
        };

        await store.putMapping(changed);

        expect(await store.listMappings(ENV)).toEqual([changed]);
      });

      it('lists only the environment`s mappings', async () => {
        const { store } = await setup();
        const prompt = { ...mapping, kind: 'prompt' as const, source: 'Welcome.wav', target: 'pppp' };
        await store.putMapping(mapping);
        await store.putMapping(prompt);
        await store.putMapping({ ...mapping, env: 'prod' });

        const listed = await store.listMappings(ENV);

        expect([...listed].sort((a, b) => a.kind.localeCompare(b.kind))).toEqual([prompt, mapping]);
      });
    });

    describe('appendAudit', () => {
      const event = (id: string, at: string, env = ENV): AuditEvent => ({
        id,
        env,
        at,
        actor: 'U0ALICE',
        action: 'import',
        flowKey: FLOW,
        detail: { version: 1, created: true, source: 'main-ivr.json', restores: null },
      });

      it('lists events newest first across months when no `since` is given', async () => {
        const { store } = await setup();
        const events = [
          event('e1', '2026-09-30T23:59:59.000Z'),
          event('e3', '2026-11-21T10:00:00.000Z'),
          event('e2', '2026-10-01T00:00:00.000Z'),
          event('e4', '2026-11-21T10:00:00.000Z', 'prod'),
        ];
        for (const e of events) await store.appendAudit(e);

        expect(await store.listAudit(ENV)).toEqual([events[1], events[2], events[0]]);
      });

      it('lists only events at or after `since` when it is given', async () => {
        const { store } = await setup();
        for (const e of [
          event('e1', '2026-10-31T12:00:00.000Z'),
          event('e2', '2026-11-01T00:00:00.000Z'),
          event('e3', '2026-11-02T00:00:00.000Z'),
        ])
          await store.appendAudit(e);

        const listed = await store.listAudit(ENV, '2026-11-01T00:00:00.000Z');

        expect(listed.map((e) => e.id)).toEqual(['e3', 'e2']);
      });
    });

    describe('claimOnce', () => {
      const later = '2026-11-21T11:00:00.000Z';

      it('claims a key once and refuses it again before it expires', async () => {
        const { store } = await setup();

        expect([
          await store.claimOnce('slack:Ev1', later),
          await store.claimOnce('slack:Ev1', later),
        ]).toEqual([true, false]);
      });

      it('frees a key when its expiry has passed', async () => {
        const { store, clock } = await setup();
        await store.claimOnce('slack:Ev1', later);
        clock.advance(HOUR);

        expect(await store.claimOnce('slack:Ev1', '2026-11-21T12:00:00.000Z')).toBe(true);
      });

      it('says whether a key is claimed, until its claim expires', async () => {
        const { store, clock } = await setup();
        await store.claimOnce('job-done:file:F1', later);

        const claimed = [await store.hasClaim('job-done:file:F1'), await store.hasClaim('job-done:file:F2')];
        clock.advance(HOUR);

        expect([...claimed, await store.hasClaim('job-done:file:F1')]).toEqual([true, false, false]);
      });

      it('frees a released key at once', async () => {
        const { store } = await setup();
        await store.claimOnce('publish:r1', later);

        await store.releaseClaim('publish:r1');

        expect(await store.claimOnce('publish:r1', later)).toBe(true);
      });

      it('lets exactly one of concurrent claims win', async () => {
        const { store } = await setup();

        const results = await Promise.all(
          [1, 2, 3, 4].map(() => store.claimOnce('s3:incoming/a.json#v1', later)),
        );

        expect(results.filter(Boolean)).toHaveLength(1);
      });
    });
  });
}
