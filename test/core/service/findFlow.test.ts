import { describe, expect, it } from 'vitest';
import { findFlow, lookupVersion } from '../../../core/service/findFlow.js';
import { importFlows } from '../../../core/service/importFlows.js';
import { exampleFlowFiles, jsonFile, makeDeps, users } from '../../fakes/serviceKit.js';
import { loadFixture } from '../../fixtures.js';

async function importedExamples() {
  const kit = makeDeps();
  await importFlows(kit.deps, { env: 'prod', files: exampleFlowFiles(), actor: users.alice, channel: 'cli' });
  return kit;
}

describe('findFlow', () => {
  it.each([
    ['Main IVR', 'flow:Main IVR'],
    ['flow:Main IVR', 'flow:Main IVR'],
    ['module:Authenticate caller', 'module:Authenticate caller'],
    ['Authenticate caller', 'module:Authenticate caller'],
  ])('finds %j as %s', async (flow, key) => {
    const { deps } = await importedExamples();
    const head = await findFlow(deps, { env: 'prod', flow, actor: users.victor });
    expect(head.flowKey).toBe(key);
  });

  it('suggests close names when no flow has the name', async () => {
    const { deps } = await importedExamples();
    const finding = findFlow(deps, { env: 'prod', flow: 'main ivr', actor: users.victor });
    await expect(finding).rejects.toMatchObject({
      code: 'not-found',
      message: "There is no flow 'main ivr' in prod. Did you mean 'Main IVR'?",
    });
  });

  it('asks for the key when a flow and a module share the name', async () => {
    const { deps } = await importedExamples();
    const flow = loadFixture<{ Metadata: Record<string, unknown> }>('versions/support-line.json');
    flow.Metadata.name = 'Authenticate caller';
    await importFlows(deps, {
      env: 'prod',
      files: [jsonFile('auth.json', flow)],
      actor: users.alice,
      channel: 'cli',
    });
    const finding = findFlow(deps, { env: 'prod', flow: 'Authenticate caller', actor: users.victor });
    await expect(finding).rejects.toMatchObject({ code: 'conflict' });
  });

  it('refuses someone with no role', async () => {
    const { deps } = await importedExamples();
    await expect(
      findFlow(deps, { env: 'prod', flow: 'Main IVR', actor: users.mallory }),
    ).rejects.toMatchObject({
      code: 'forbidden',
    });
  });
});

describe('lookupVersion', () => {
  it('says which versions exist when the number is not one of them', async () => {
    const { deps, versions } = await importedExamples();
    const head = await findFlow(deps, { env: 'prod', flow: 'Billing', actor: users.victor });
    await expect(lookupVersion(versions, head, 3)).rejects.toMatchObject({
      code: 'not-found',
      message: "'Billing' in prod has no version 3; it has version 1.",
    });
  });
});
