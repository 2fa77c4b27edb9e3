import { describe, expect, it } from 'vitest';
import type { Claims } from '../../core/ports.js';
import { freshPort, HOUR, type MakePort } from './storeFixtures.js';

/** Registers the {@link Claims} contract suite for one implementation; `make` returns a fresh, empty one. */
export function describeClaimsContract(name: string, make: MakePort<Claims>): void {
  const setup = async () => {
    const { clock, port } = await freshPort(make);
    return { clock, claims: port };
  };

  describe(`${name}: Claims contract`, () => {
    describe('claimOnce', () => {
      const later = '2026-11-21T11:00:00.000Z';

      it('claims a key once and refuses it again before it expires', async () => {
        const { claims } = await setup();

        expect([
          await claims.claimOnce('slack:Ev1', later),
          await claims.claimOnce('slack:Ev1', later),
        ]).toEqual([true, false]);
      });

      it('frees a key when its expiry has passed', async () => {
        const { claims, clock } = await setup();
        await claims.claimOnce('slack:Ev1', later);
        clock.advance(HOUR);

        expect(await claims.claimOnce('slack:Ev1', '2026-11-21T12:00:00.000Z')).toBe(true);
      });

      it('says whether a key is claimed, until its claim expires', async () => {
        const { claims, clock } = await setup();
        await claims.claimOnce('job-done:file:F1', later);

        const claimed = [
          await claims.hasClaim('job-done:file:F1'),
          await claims.hasClaim('job-done:file:F2'),
        ];
        clock.advance(HOUR);

        expect([...claimed, await claims.hasClaim('job-done:file:F1')]).toEqual([true, false, false]);
      });

      it('frees a released key at once', async () => {
        const { claims } = await setup();
        await claims.claimOnce('publish:r1', later);

        await claims.releaseClaim('publish:r1');

        expect(await claims.claimOnce('publish:r1', later)).toBe(true);
      });

      it('lets exactly one of concurrent claims win', async () => {
        const { claims } = await setup();

        const results = await Promise.all(
          [1, 2, 3, 4].map(() => claims.claimOnce('s3:incoming/a.json#v1', later)),
        );

        expect(results.filter(Boolean)).toHaveLength(1);
      });
    });
  });
}
