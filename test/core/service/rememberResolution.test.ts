import { describe, expect, it } from 'vitest';
import type { CatalogData } from '../../../core/resolve/types.js';
import { importFlows } from '../../../core/service/importFlows.js';
import { rememberResolution } from '../../../core/service/rememberResolution.js';
import { MemoryContactCenter } from '../../fakes/memoryContactCenter.js';
import { exampleFlowFiles, exampleInstance, jsonFile, makeDeps, users } from '../../fakes/serviceKit.js';
import { loadFixture } from '../../fixtures.js';

const PROD = 'arn:aws:connect:us-west-2:444455556666:instance/5e2d7c1b-9a4f-4f3e-8b6d-2c1a0f9e8d77';
const PROD_BILLING_QUEUE = `${PROD}/queue/537e3d26-3043-48f5-b44e-79fb143289d2`;
const GREETING_PROMPT = `${PROD}/prompt/3f0c1d2e-0000-4000-8000-000000000041`;

function supportLine() {
  return jsonFile('support-line.json', loadFixture('versions/support-line.json'));
}

/** prod without its parent: the support line's queue 'Support' is unresolved there. */
async function importedSupportLine() {
  const kit = makeDeps({ prodParent: false });
  await importFlows(kit.deps, { env: 'prod', files: [supportLine()], actor: users.alice, channel: 'slack' });
  return kit;
}

const resolveSupport = {
  env: 'prod',
  flow: 'Support line',
  ref: { kind: 'queue', source: 'Support' },
} as const;

describe('rememberResolution', () => {
  it('stores the mapping to the target ARN when `to` names a resource', async () => {
    const { deps, mappings } = await importedSupportLine();
    const { mapping } = await rememberResolution(deps, {
      ...resolveSupport,
      to: 'Billing',
      actor: users.alice,
    });
    expect(mapping).toEqual({
      env: 'prod',
      kind: 'queue',
      source: 'Support',
      target: PROD_BILLING_QUEUE,
      chosenBy: 'alice',
      chosenAt: '2026-11-21T10:00:00.000Z',
    });
    expect(await mappings.listMappings('prod')).toEqual([mapping]);
  });

  it('keeps the name the flow gives the source when the choice is remembered by its raw value', async () => {
    const { deps, versions } = await importedSupportLine();
    const latest = await versions.getVersion('prod', 'flow:Support line', 1);
    const ref = latest?.references.find((r) => r.kind === 'queue' && r.name === 'Support');
    const { mapping } = await rememberResolution(deps, {
      ...resolveSupport,
      ref: { kind: 'queue', source: ref?.value ?? '' },
      to: 'Billing',
      actor: users.alice,
    });
    expect(ref?.value).toMatch(/^arn:aws:connect:/);
    expect([mapping.source, mapping.sourceName]).toEqual([ref?.value, 'Support']);
  });

  it('stores version 2 resolved by the mapping, with the same source and the actor as author', async () => {
    const { deps } = await importedSupportLine();
    const { version, created } = await rememberResolution(deps, {
      ...resolveSupport,
      to: 'Billing',
      actor: users.bob,
    });
    expect([created, version.number, version.author, version.source]).toEqual([
      true,
      2,
      'bob',
      { channel: 'slack', ref: 'support-line.json' },
    ]);
    expect(version.resolutions.map((r) => r.by)).toEqual(['mapping']);
    expect(version.content).toContain(PROD_BILLING_QUEUE);
  });

  it('accepts the target by ARN', async () => {
    const { deps } = await importedSupportLine();
    const { mapping } = await rememberResolution(deps, {
      ...resolveSupport,
      to: PROD_BILLING_QUEUE,
      actor: users.alice,
    });
    expect(mapping.target).toBe(PROD_BILLING_QUEUE);
  });

  it('is reused by the next import of the same file, which then stores nothing new', async () => {
    const { deps } = await importedSupportLine();
    await rememberResolution(deps, { ...resolveSupport, to: 'Billing', actor: users.alice });
    const again = await importFlows(deps, {
      env: 'prod',
      files: [supportLine()],
      actor: users.alice,
      channel: 'slack',
    });
    const [flow] = again.flows;
    expect([flow?.created, flow?.version?.number, flow?.analysis.resolutions.map((r) => r.by)]).toEqual([
      false,
      2,
      ['mapping'],
    ]);
  });

  it('names close matches when the target does not exist', async () => {
    const { deps, mappings } = await importedSupportLine();
    const resolving = rememberResolution(deps, { ...resolveSupport, to: 'Biling', actor: users.alice });
    await expect(resolving).rejects.toMatchObject({
      code: 'not-found',
      message: expect.stringContaining("'Billing'"),
    });
    expect(await mappings.listMappings('prod')).toEqual([]);
  });

  it('refuses a reference the flow does not have', async () => {
    const { deps } = await importedSupportLine();
    const resolving = rememberResolution(deps, {
      ...resolveSupport,
      ref: { kind: 'queue', source: 'Sales' },
      to: 'Billing',
      actor: users.alice,
    });
    await expect(resolving).rejects.toMatchObject({
      code: 'not-found',
      message: expect.stringContaining("'Support'"),
    });
  });

  it('refuses a viewer', async () => {
    const { deps } = await importedSupportLine();
    const resolving = rememberResolution(deps, { ...resolveSupport, to: 'Billing', actor: users.victor });
    await expect(resolving).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('audits the choice', async () => {
    const { deps, audit, clock } = await importedSupportLine();
    // Events of one millisecond have no order: the choice comes a moment after the import.
    clock.advance(1000);
    await rememberResolution(deps, { ...resolveSupport, to: 'Billing', actor: users.alice });
    const [latest] = await audit.listAudit('prod');
    expect([latest?.action, latest?.flowKey, latest?.detail.target, latest?.detail.version]).toEqual([
      'resolve',
      'flow:Support line',
      PROD_BILLING_QUEUE,
      2,
    ]);
  });

  it('keeps references to flows of the same import batch resolved when re-planning', async () => {
    const prod: CatalogData = exampleInstance('prod.json');
    const withGreeting: CatalogData = {
      ...prod,
      resources: [
        ...prod.resources,
        {
          kind: 'prompt',
          id: '3f0c1d2e-0000-4000-8000-000000000041',
          arn: GREETING_PROMPT,
          name: 'Greeting.wav',
        },
      ],
    };
    const { deps } = makeDeps({
      prodParent: false,
      centers: { prod: new MemoryContactCenter(withGreeting) },
    });
    await importFlows(deps, { env: 'prod', files: exampleFlowFiles(), actor: users.alice, channel: 'cli' });
    const { version } = await rememberResolution(deps, {
      env: 'prod',
      flow: 'Main IVR',
      ref: { kind: 'prompt', source: 'Welcome.wav' },
      to: 'Greeting.wav',
      actor: users.alice,
    });
    const byKind = version.references.map((r, i) => `${r.kind}:${version.resolutions[i]?.by}`);
    expect(
      byKind.filter((k) => k.startsWith('flow') || k.startsWith('module') || k.startsWith('prompt')),
    ).toEqual(['prompt:mapping', 'module:bundle', 'flow:bundle', 'flow:bundle', 'prompt:unresolved']);
  });
});
