import { describe, expect, it } from 'vitest';
import { diffVersions } from '../../../core/service/diffVersions.js';
import { importFlows } from '../../../core/service/importFlows.js';
import { jsonFile, makeDeps, users } from '../../fakes/serviceKit.js';
import { loadFixture } from '../../fixtures.js';

type Flow = {
  Metadata: { ActionMetadata: Record<string, unknown> };
  Actions: { Identifier: string; Parameters?: unknown }[];
};

function supportLine(edit: (flow: Flow) => void) {
  const flow = loadFixture<Flow>('versions/support-line.json');
  edit(flow);
  return jsonFile('support-line.json', flow);
}

async function importAll(files: ReturnType<typeof supportLine>[]) {
  const kit = makeDeps();
  for (const file of files) {
    await importFlows(kit.deps, { env: 'test', files: [file], actor: users.alice, channel: 'cli' });
  }
  return kit;
}

const unchanged = supportLine(() => {});
const newGreeting = supportLine((flow) => {
  const first = flow.Actions[0];
  if (first !== undefined) first.Parameters = { Text: 'Welcome.' };
});
const moved = supportLine((flow) => {
  flow.Metadata.ActionMetadata.greeting = { position: { x: 999, y: 999 } };
});

describe('diffVersions', () => {
  it('reports the changed block when the greeting changed between versions', async () => {
    const { deps } = await importAll([unchanged, newGreeting]);
    const result = await diffVersions(deps, {
      env: 'test',
      flow: 'Support line',
      from: 1,
      to: 2,
      actor: users.victor,
    });
    expect([result.from, result.to, result.diff.changed.map((c) => [c.action, c.fields])]).toEqual([
      1,
      2,
      [['greeting', ['parameters']]],
    ]);
  });

  it('lists layout moves only when includeLayout is set', async () => {
    const { deps } = await importAll([unchanged, moved]);
    const input = { env: 'test', flow: 'Support line', from: 1, to: 2, actor: users.victor };
    const quiet = await diffVersions(deps, input);
    const listed = await diffVersions(deps, { ...input, includeLayout: true });
    expect([quiet.diff.layoutMoves, quiet.diff.moves.length, listed.diff.moves.map((m) => m.action)]).toEqual(
      [1, 0, ['greeting']],
    );
  });

  it('refuses a version the flow does not have', async () => {
    const { deps } = await importAll([unchanged]);
    const diffing = diffVersions(deps, {
      env: 'test',
      flow: 'Support line',
      from: 1,
      to: 2,
      actor: users.victor,
    });
    await expect(diffing).rejects.toMatchObject({ code: 'not-found' });
  });

  it('refuses someone with no role', async () => {
    const { deps } = await importAll([unchanged, newGreeting]);
    const diffing = diffVersions(deps, {
      env: 'test',
      flow: 'Support line',
      from: 1,
      to: 2,
      actor: users.mallory,
    });
    await expect(diffing).rejects.toMatchObject({ code: 'forbidden' });
  });
});
