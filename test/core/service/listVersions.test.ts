import { describe, expect, it } from 'vitest';
import { importFlows } from '../../../core/service/importFlows.js';
import { listVersions } from '../../../core/service/listVersions.js';
import { jsonFile, makeDeps, users } from '../../fakes/serviceKit.js';
import { loadFixture } from '../../fixtures.js';

function greeting(text: string) {
  const flow = loadFixture<{ Actions: { Parameters?: unknown }[] }>('versions/support-line.json');
  const first = flow.Actions[0];
  if (first !== undefined) first.Parameters = { Text: text };
  return jsonFile('support-line.json', flow);
}

async function twoVersions() {
  const kit = makeDeps();
  for (const text of ['Hello.', 'Welcome.']) {
    await importFlows(kit.deps, { env: 'test', files: [greeting(text)], actor: users.alice, channel: 'cli' });
    kit.clock.advance(60_000);
  }
  return kit;
}

describe('listVersions', () => {
  it('lists the versions newest first with the head when the flow has two', async () => {
    const { deps } = await twoVersions();
    const list = await listVersions(deps, { env: 'test', flow: 'Support line', actor: users.victor });
    expect([list.head.latest, list.versions.map((v) => [v.number, v.createdAt])]).toEqual([
      2,
      [
        [2, '2026-11-21T10:01:00.000Z'],
        [1, '2026-11-21T10:00:00.000Z'],
      ],
    ]);
  });

  it('leaves the texts out of the listing', async () => {
    const { deps } = await twoVersions();
    const list = await listVersions(deps, { env: 'test', flow: 'Support line', actor: users.victor });
    expect(Object.keys(list.versions[0] ?? {})).not.toContain('content');
  });

  it('refuses someone with no role', async () => {
    const { deps } = await twoVersions();
    const listing = listVersions(deps, { env: 'test', flow: 'Support line', actor: users.mallory });
    await expect(listing).rejects.toMatchObject({ code: 'forbidden' });
  });
});
