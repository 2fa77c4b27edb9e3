import { describe, expect, it } from 'vitest';
import type { Versions } from '../../core/ports.js';
import { sha256 } from '../../core/versions/hash.js';
import type { FlowVersion } from '../../core/versions/types.js';
import { draftOf, ENV, FLOW, freshPort, HOUR, type MakePort } from './storeFixtures.js';

/** A version without its body, as a listing returns it. */
function summaryOf(version: FlowVersion) {
  const { content: _c, original: _o, references: _r, resolutions: _s, ...summary } = version;
  return summary;
}

/** Registers the {@link Versions} contract suite for one implementation; `make` returns a fresh, empty one. */
export function describeVersionsContract(name: string, make: MakePort<Versions>): void {
  const setup = async () => {
    const { clock, port } = await freshPort(make);
    return { clock, versions: port };
  };

  describe(`${name}: Versions contract`, () => {
    describe('appendVersion', () => {
      it('creates version 1 when the flow has none', async () => {
        const { versions } = await setup();
        const draft = draftOf('one');

        const result = await versions.appendVersion(draft);

        expect(result).toEqual({ version: { ...draft, number: 1 }, created: true });
      });

      it('numbers versions consecutively when contents differ', async () => {
        const { versions } = await setup();

        const numbers = [];
        for (const text of ['one', 'two', 'three'])
          numbers.push((await versions.appendVersion(draftOf(text))).version.number);

        expect(numbers).toEqual([1, 2, 3]);
      });

      it('returns the latest version and appends nothing when its content hash is the draft`s', async () => {
        const { versions } = await setup();
        const first = await versions.appendVersion(draftOf('one'));

        const again = await versions.appendVersion(
          draftOf('one', { author: 'U0BOB', source: { channel: 'slack', ref: 'F1' } }),
        );

        expect(again).toEqual({ version: first.version, created: false });
        expect(await versions.listVersions(ENV, FLOW)).toHaveLength(1);
      });

      it('appends when the draft matches an older version but not the latest', async () => {
        const { versions } = await setup();
        await versions.appendVersion(draftOf('one'));
        await versions.appendVersion(draftOf('two'));

        const result = await versions.appendVersion(draftOf('one'));

        expect(result.created).toBe(true);
        expect(result.version.number).toBe(3);
      });

      it('numbers each flow and environment on its own', async () => {
        const { versions } = await setup();
        await versions.appendVersion(draftOf('one'));

        const other = await versions.appendVersion(
          draftOf('one', { flowKey: 'module:Auth', name: 'Auth', type: 'MODULE' }),
        );
        const elsewhere = await versions.appendVersion(draftOf('one', { env: 'prod' }));

        expect([other.version.number, elsewhere.version.number]).toEqual([1, 1]);
      });

      it('gives every concurrent append of different content its own number', async () => {
        const { versions } = await setup();
        const drafts = Array.from({ length: 12 }, (_, i) => draftOf(`concurrent ${i}`));

        const results = await Promise.all(drafts.map((d) => versions.appendVersion(d)));

        expect(results.map((r) => r.version.number).sort((a, b) => a - b)).toEqual(
          Array.from({ length: 12 }, (_, i) => i + 1),
        );
        const stored = await versions.listVersions(ENV, FLOW);
        expect(new Set(stored.map((v) => v.contentHash))).toEqual(new Set(drafts.map((d) => d.contentHash)));
      });

      it('creates one version when the same draft is appended concurrently', async () => {
        const { versions } = await setup();

        const results = await Promise.all([1, 2, 3].map(() => versions.appendVersion(draftOf('same'))));

        expect(results.filter((r) => r.created)).toHaveLength(1);
        expect(new Set(results.map((r) => r.version.number))).toEqual(new Set([1]));
      });

      it('moves the head to the new version and keeps what was published', async () => {
        const { versions } = await setup();
        await versions.appendVersion(draftOf('one'));
        const target = {
          arn: 'arn:aws:connect:eu-west-2:111122223333:instance/aaaa/contact-flow/cccc',
          id: 'cccc',
        };
        await versions.markPublished(ENV, FLOW, 1, target);

        await versions.appendVersion(
          draftOf('two', { name: 'Main IVR v2', createdAt: '2026-11-21T11:00:00.000Z' }),
        );

        expect(await versions.getHead(ENV, FLOW)).toEqual({
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
        const { versions } = await setup();
        const { version } = await versions.appendVersion(draftOf('one'));

        expect(await versions.getVersion(ENV, FLOW, 1)).toEqual(version);
      });

      it('keeps the source environment of a promoted version and its rename-rule resolutions', async () => {
        const { versions } = await setup();
        const draft = draftOf('promoted', {
          source: { channel: 'cli', ref: 'main-ivr.json', env: 'test' },
          resolutions: [
            {
              by: 'rule',
              target: {
                arn: 'arn:aws:connect:eu-west-2:111122223333:instance/aaaa/queue/cccc',
                id: 'cccc',
                name: 'Sales (prod)',
              },
              inherited: false,
              rule: { from: '*', to: '* (prod)' },
            },
          ],
        });
        await versions.appendVersion(draft);

        const read = await versions.getVersion(ENV, FLOW, 1);

        expect([read?.source, read?.resolutions]).toEqual([draft.source, draft.resolutions]);
      });

      it('returns null when the number or the flow is unknown', async () => {
        const { versions } = await setup();
        await versions.appendVersion(draftOf('one'));

        expect([
          await versions.getVersion(ENV, FLOW, 2),
          await versions.getVersion(ENV, 'flow:Other', 1),
        ]).toEqual([null, null]);
      });

      it('returns the texts exactly when they hold non-ASCII characters and CRLF line ends', async () => {
        const { versions } = await setup();
        const original = '{\r\n\t"Metadata": {"name": "Café ☎ 電話 \u{1F600}"}\r\n}\r\n';
        await versions.appendVersion(draftOf('unicode', { original, sourceHash: sha256(original) }));

        expect((await versions.getVersion(ENV, FLOW, 1))?.original).toBe(original);
      });
    });

    describe('listVersions', () => {
      it('lists summaries newest first when there are several', async () => {
        const { versions } = await setup();
        const one = await versions.appendVersion(draftOf('one'));
        const two = await versions.appendVersion(draftOf('two'));

        expect(await versions.listVersions(ENV, FLOW)).toEqual([
          summaryOf(two.version),
          summaryOf(one.version),
        ]);
      });

      it('returns an empty list when the flow has no versions', async () => {
        const { versions } = await setup();

        expect(await versions.listVersions(ENV, FLOW)).toEqual([]);
      });
    });

    describe('getHead', () => {
      it('returns null when the flow has no versions', async () => {
        const { versions } = await setup();

        expect(await versions.getHead(ENV, FLOW)).toBeNull();
      });
    });

    describe('listHeads', () => {
      it('lists the environment`s heads by name when several flows exist', async () => {
        const { versions } = await setup();
        await versions.appendVersion(draftOf('z', { flowKey: 'flow:Zeta', name: 'Zeta' }));
        await versions.appendVersion(
          draftOf('a', { flowKey: 'module:Alpha', name: 'Alpha', type: 'MODULE' }),
        );
        await versions.appendVersion(draftOf('p', { env: 'prod', flowKey: 'flow:Beta', name: 'Beta' }));

        const heads = await versions.listHeads(ENV);

        expect(heads.map((h) => [h.flowKey, h.latest])).toEqual([
          ['module:Alpha', 1],
          ['flow:Zeta', 1],
        ]);
      });
    });

    describe('markPublished', () => {
      it('records the published version, target and time when the flow exists', async () => {
        const { versions, clock } = await setup();
        await versions.appendVersion(draftOf('one'));
        clock.advance(HOUR);
        const target = {
          arn: 'arn:aws:connect:eu-west-2:111122223333:instance/aaaa/contact-flow/dddd',
          id: 'dddd',
        };

        await versions.markPublished(ENV, FLOW, 1, target);

        expect(await versions.getHead(ENV, FLOW)).toMatchObject({
          published: 1,
          target,
          updatedAt: '2026-11-21T11:00:00.000Z',
        });
      });

      it('rejects when the flow has no head', async () => {
        const { versions } = await setup();

        await expect(versions.markPublished(ENV, FLOW, 1, null)).rejects.toThrow(FLOW);
      });
    });
  });
}
