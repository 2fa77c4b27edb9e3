import { describe, expect, it } from 'vitest';
import type { Mappings } from '../../core/ports.js';
import type { RememberedMapping } from '../../core/versions/types.js';
import { ENV, freshPort, type MakePort, START } from './storeFixtures.js';

/** Registers the {@link Mappings} contract suite for one implementation; `make` returns a fresh, empty one. */
export function describeMappingsContract(name: string, make: MakePort<Mappings>): void {
  const setup = async () => {
    const { clock, port } = await freshPort(make);
    return { clock, mappings: port };
  };

  describe(`${name}: Mappings contract`, () => {
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
        const { mappings } = await setup();
        await mappings.putMapping(mapping);
        const changed = {
          ...mapping,
          target: 'arn:aws:connect:eu-west-2:444455556666:instance/eeee/queue/9999',
        };

        await mappings.putMapping(changed);

        expect(await mappings.listMappings(ENV)).toEqual([changed]);
      });

      it('lists only the environment`s mappings', async () => {
        const { mappings } = await setup();
        const prompt = { ...mapping, kind: 'prompt' as const, source: 'Welcome.wav', target: 'pppp' };
        await mappings.putMapping(mapping);
        await mappings.putMapping(prompt);
        await mappings.putMapping({ ...mapping, env: 'prod' });

        const listed = await mappings.listMappings(ENV);

        expect([...listed].sort((a, b) => a.kind.localeCompare(b.kind))).toEqual([prompt, mapping]);
      });
    });
  });
}
