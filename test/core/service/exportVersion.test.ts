import { describe, expect, it } from 'vitest';
import { parseFlowContent } from '../../../core/formats/parseFlowContent.js';
import { exportVersion } from '../../../core/service/exportVersion.js';
import { importFlows } from '../../../core/service/importFlows.js';
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
  }
  return kit;
}

describe('exportVersion', () => {
  it('names the file after the flow and the time of export', async () => {
    const { deps, clock } = await twoVersions();
    clock.advance(90_000);
    const exported = await exportVersion(deps, { env: 'test', flow: 'Support line', actor: users.victor });
    expect(exported.fileName).toBe('Support line_2026-11-21T10-01-30Z.json');
  });

  it('exports the latest version as a Flow Language document when no version is given', async () => {
    const { deps, versions } = await twoVersions();
    const exported = await exportVersion(deps, { env: 'test', flow: 'Support line', actor: users.victor });
    const latest = await versions.getVersion('test', 'flow:Support line', 2);
    expect([exported.version, exported.body]).toEqual([2, latest?.content]);
    expect(parseFlowContent(JSON.parse(exported.body)).ok).toBe(true);
  });

  it('exports an older version when asked for it', async () => {
    const { deps } = await twoVersions();
    const exported = await exportVersion(deps, {
      env: 'test',
      flow: 'Support line',
      version: 1,
      actor: users.victor,
    });
    expect([exported.version, exported.body.includes('Hello.')]).toEqual([1, true]);
  });

  it('refuses a version the flow does not have', async () => {
    const { deps } = await twoVersions();
    const exporting = exportVersion(deps, {
      env: 'test',
      flow: 'Support line',
      version: 7,
      actor: users.victor,
    });
    await expect(exporting).rejects.toMatchObject({
      code: 'not-found',
      message: expect.stringContaining('versions 1 to 2'),
    });
  });

  it('refuses someone with no role', async () => {
    const { deps } = await twoVersions();
    const exporting = exportVersion(deps, { env: 'test', flow: 'Support line', actor: users.mallory });
    await expect(exporting).rejects.toMatchObject({ code: 'forbidden' });
  });
});
