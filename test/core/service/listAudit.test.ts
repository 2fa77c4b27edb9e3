import { describe, expect, it } from 'vitest';
import { importFlows } from '../../../core/service/importFlows.js';
import { listAudit } from '../../../core/service/listAudit.js';
import { jsonFile, makeDeps, users } from '../../fakes/serviceKit.js';
import { loadFixture } from '../../fixtures.js';

function greeting(text: string) {
  const flow = loadFixture<{ Actions: { Parameters?: unknown }[] }>('versions/support-line.json');
  const first = flow.Actions[0];
  if (first !== undefined) first.Parameters = { Text: text };
  return jsonFile('support-line.json', flow);
}

/** Imports on 21, 22 and 23 November. */
async function threeDays() {
  const kit = makeDeps();
  for (const text of ['One.', 'Two.', 'Three.']) {
    await importFlows(kit.deps, { env: 'test', files: [greeting(text)], actor: users.alice, channel: 'cli' });
    kit.clock.advance(24 * 3600_000);
  }
  return kit;
}

describe('listAudit', () => {
  it('lists the events newest first', async () => {
    const { deps } = await threeDays();
    const events = await listAudit(deps, { env: 'test', actor: users.victor });
    expect(events.map((e) => e.detail.version)).toEqual([3, 2, 1]);
  });

  it('keeps events from `since` on when a date is given', async () => {
    const { deps } = await threeDays();
    const events = await listAudit(deps, { env: 'test', since: '2026-11-22', actor: users.victor });
    expect(events.map((e) => e.detail.version)).toEqual([3, 2]);
  });

  it('rejects a `since` that is not a date', async () => {
    const { deps } = await threeDays();
    await expect(
      listAudit(deps, { env: 'test', since: 'last week', actor: users.victor }),
    ).rejects.toMatchObject({
      code: 'invalid-input',
    });
  });

  it('refuses someone with no role', async () => {
    const { deps } = await threeDays();
    await expect(listAudit(deps, { env: 'test', actor: users.mallory })).rejects.toMatchObject({
      code: 'forbidden',
    });
  });
});
