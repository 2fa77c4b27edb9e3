import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalContactCenter } from '../../../adapters/local/LocalContactCenter.js';
import { ContactCenterError } from '../../../core/errors.js';
import type { FlowContent } from '../../../core/flow.js';
import type { CreateFlowInput } from '../../../core/ports.js';
import { extractReferences } from '../../../core/references/extractReferences.js';
import { Catalog } from '../../../core/resolve/catalog.js';
import { resolveReference } from '../../../core/resolve/resolveReference.js';
import { loadFixture, loadFixtureText } from '../../fixtures.js';

const here = dirname(fileURLToPath(import.meta.url));
const PROD_SEED = join(here, '..', '..', '..', 'examples', 'instances', 'prod.json');
const PROD = 'arn:aws:connect:us-west-2:444455556666:instance/5e2d7c1b-9a4f-4f3e-8b6d-2c1a0f9e8d77';
const SALES_QUEUE_MUSIC = 'bb8f5602-a5d4-4543-98a3-cf587899ddac';

const content = loadFixtureText('connect/flow.json');
const otherContent = JSON.stringify({
  Version: '2019-10-30',
  StartAction: 'end',
  Actions: [{ Identifier: 'end', Type: 'DisconnectParticipant', Parameters: {}, Transitions: {} }],
});

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'flowgate-local-cc-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** UUID-shaped ids 00000000-0000-4000-8000-000000000001, …002, …: predictable in assertions. */
function uuidCounter(): () => string {
  let n = 0;
  return () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
}

function center(seed: string | null = PROD_SEED): LocalContactCenter {
  return new LocalContactCenter({ dir, seed, newId: uuidCounter() });
}

function flowInput(overrides: Partial<CreateFlowInput> = {}): CreateFlowInput {
  return {
    kind: 'flow',
    name: 'Main IVR',
    type: 'CONTACT_FLOW',
    description: 'Greets callers',
    content,
    status: 'PUBLISHED',
    ...overrides,
  };
}

async function caught(promise: Promise<unknown>): Promise<ContactCenterError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ContactCenterError) return error;
    throw error;
  }
  throw new Error('expected a ContactCenterError');
}

describe('LocalContactCenter.inventory', () => {
  it('lists the seed resources and those of its parent catalog when first used', async () => {
    const data = await center().inventory();

    expect(data.instanceArn).toBe(PROD);
    const names = data.resources.map((r) => `${r.kind}:${r.name}`);
    expect(names).toEqual(
      expect.arrayContaining([
        'queue:Sales',
        'lambda:verify-pin',
        'prompt:Welcome.wav',
        'hours:Support hours',
      ]),
    );
    expect(data.resources.find((r) => r.id === SALES_QUEUE_MUSIC)).toMatchObject({
      kind: 'flow',
      flowType: 'CUSTOMER_QUEUE',
    });
  });

  it('holds only the AWS-managed views under the given instance ARN when there is no seed', async () => {
    const arn = 'arn:aws:connect:eu-west-1:000000000000:instance/11111111-2222-4333-8444-555555555555';
    const target = new LocalContactCenter({ dir, seed: null, instanceArn: arn });

    const data = await target.inventory();

    expect(target.instanceArn).toBe(arn);
    expect(data.resources.every((r) => r.kind === 'view' && r.arn.includes(':aws:view/'))).toBe(true);
    expect(data.resources.map((r) => r.arn)).toContain('arn:aws:connect:eu-west-1:aws:view/confirmation');
  });

  it('resolves the AWS-managed views a guide flow shows, by id or by ARN', async () => {
    const catalog = new Catalog(await center().inventory());
    const views = extractReferences(loadFixture<FlowContent>('references/agent-workspace-guide.json')).filter(
      (r) => r.kind === 'view',
    );

    const resolved = views.map((r) => resolveReference(r, catalog, null).target?.arn);

    expect(resolved).toEqual([
      'arn:aws:connect:us-west-2:aws:view/form',
      'arn:aws:connect:us-west-2:aws:view/confirmation',
    ]);
  });

  it("lists each AWS-managed view once, in the instance's Region", async () => {
    const data = await center().inventory();

    const ids = data.resources.filter((r) => r.kind === 'view').map((r) => r.id);

    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(['detail', 'confirmation', 'form', 'list', 'cards']));
  });
});

describe('LocalContactCenter.createFlow', () => {
  it('refuses content over 256,000 characters', async () => {
    const error = await caught(center().createFlow(flowInput({ content: `"${'x'.repeat(256_000)}"` })));

    expect(error.code).toBe('content-too-large');
  });

  it('refuses content that is not JSON, with a diagnostic on the flow', async () => {
    const error = await caught(center().createFlow(flowInput({ content: '{"Version":' })));

    expect(error.code).toBe('invalid-flow');
    expect(error.diagnostics).toEqual([expect.objectContaining({ action: null, severity: 'error' })]);
  });

  it('refuses to publish JSON that is not a Flow Language document', async () => {
    const error = await caught(center().createFlow(flowInput({ content: '{"hello":"world"}' })));

    expect(error.code).toBe('invalid-flow');
  });

  it('saves JSON that is not yet a Flow Language document when the status is SAVED', async () => {
    const created = await center().createFlow(flowInput({ content: '{"hello":"world"}', status: 'SAVED' }));

    expect(created.id).toBe('00000000-0000-4000-8000-000000000001');
  });

  it('refuses a flow without a type', async () => {
    const error = await caught(center().createFlow(flowInput({ type: null })));

    expect(error.code).toBe('invalid-request');
  });
});

describe('LocalContactCenter.describeFlow', () => {
  it('returns a seeded flow as published Flow Language content', async () => {
    const flow = await center().describeFlow('flow', SALES_QUEUE_MUSIC);

    expect(flow).toMatchObject({ name: 'Sales queue music', type: 'CUSTOMER_QUEUE', status: 'PUBLISHED' });
    expect(JSON.parse(flow?.content ?? '')).toMatchObject({ Actions: [{ Type: 'EndFlowExecution' }] });
  });

  it('returns null when the id is a path that would reach outside the flows folder', async () => {
    expect(await center().describeFlow('flow', '../instance')).toBeNull();
  });
});

describe('LocalContactCenter (restart)', () => {
  it('sees the same flows, content and status when a new instance opens the same directory', async () => {
    const first = center();
    const { id, arn } = await first.createFlow(flowInput());
    await first.updateFlow({ kind: 'flow', id, content: otherContent, status: 'PUBLISHED' });

    const second = new LocalContactCenter({ dir, seed: PROD_SEED });

    expect(second.instanceArn).toBe(PROD);
    expect(await second.describeFlow('flow', id)).toMatchObject({
      arn,
      content: otherContent,
      status: 'PUBLISHED',
    });
    expect((await second.inventory()).resources.filter((r) => r.name === 'Main IVR')).toHaveLength(1);
  });

  it('does not seed again over the state it finds', async () => {
    const first = center();
    await first.updateFlow({
      kind: 'flow',
      id: SALES_QUEUE_MUSIC,
      content: otherContent,
      status: 'PUBLISHED',
    });

    const second = new LocalContactCenter({ dir, seed: PROD_SEED });

    expect((await second.describeFlow('flow', SALES_QUEUE_MUSIC))?.content).toBe(otherContent);
  });

  it('leaves no temporary files behind after writes', async () => {
    const target = center();
    const { id } = await target.createFlow(flowInput());
    await target.updateFlow({ kind: 'flow', id, content: otherContent, status: 'SAVED' });

    const files = [...readdirSync(dir), ...readdirSync(join(dir, 'flows'))];

    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('removes the temporary file a writer killed before its rename left, at the next write', async () => {
    const target = center();
    const { id } = await target.createFlow(flowInput());
    // A process that has exited: its pid names no running writer.
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    writeFileSync(join(dir, 'flows', `${id}.json.${dead}.0badc0de.tmp`), '{"kind":');

    await target.updateFlow({ kind: 'flow', id, content: otherContent, status: 'PUBLISHED' });

    expect(readdirSync(join(dir, 'flows')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('names the damaged file when a stored flow is not valid', async () => {
    const target = center();
    const { id } = await target.createFlow(flowInput());
    writeFileSync(join(dir, 'flows', `${id}.json`), '{"kind":"flow"}');

    const error = await caught(target.describeFlow('flow', id));

    expect(error.code).toBe('local-state-corrupt');
    expect(error.message).toContain(`${id}.json`);
  });
});
