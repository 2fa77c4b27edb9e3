import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedInstance } from '../../../adapters/local/seedInstance.js';
import { CatalogError } from '../../../core/errors.js';

const CHILD = 'arn:aws:connect:eu-west-2:111122223333:instance/aaaaaaaa-0000-4000-8000-000000000001';
const PARENT = 'arn:aws:connect:eu-west-2:111122223333:instance/bbbbbbbb-0000-4000-8000-000000000002';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'flowgate-seed-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function writeCatalog(file: string, catalog: object): string {
  const path = join(dir, file);
  writeFileSync(path, JSON.stringify(catalog));
  return path;
}

function queue(instance: string, id: string, name: string) {
  return { kind: 'queue', id, arn: `${instance}/queue/${id}`, name };
}

function flow(instance: string, id: string, name: string) {
  return { kind: 'flow', id, arn: `${instance}/contact-flow/${id}`, name, flowType: 'CONTACT_FLOW' };
}

describe('seedInstance', () => {
  it('includes parent resources the child does not override, the child winning on the same id', () => {
    writeCatalog('parent.json', {
      name: 'parent',
      instanceArn: PARENT,
      resources: [queue(PARENT, 'q-shared', 'Shared'), queue(PARENT, 'q-same', 'Parent name')],
    });
    const seed = writeCatalog('child.json', {
      name: 'child',
      instanceArn: CHILD,
      parent: 'parent.json',
      resources: [{ ...queue(CHILD, 'q-same', 'Child name'), arn: `${CHILD}/queue/q-same` }],
    });

    const { instance } = seedInstance(seed);

    expect(instance.instanceArn).toBe(CHILD);
    expect(instance.resources.map((r) => `${r.id}:${r.name}`)).toEqual([
      'q-same:Child name',
      'q-shared:Shared',
    ]);
  });

  it("turns the seed's own flows into stored flows and keeps the parent's flows as resources", () => {
    writeCatalog('parent.json', {
      name: 'parent',
      instanceArn: PARENT,
      resources: [flow(PARENT, 'f-parent', 'Shared flow')],
    });
    const seed = writeCatalog('child.json', {
      name: 'child',
      instanceArn: CHILD,
      parent: 'parent.json',
      resources: [flow(CHILD, 'f-own', 'Own flow')],
    });

    const { instance, flows } = seedInstance(seed);

    expect(flows.map((f) => [f.id, f.type, f.status])).toEqual([['f-own', 'CONTACT_FLOW', 'PUBLISHED']]);
    expect(instance.resources.map((r) => r.id)).toEqual(['f-parent']);
  });

  it('gives seeded flows content whose start action is one of its actions', () => {
    const seed = writeCatalog('child.json', {
      name: 'child',
      instanceArn: CHILD,
      resources: [flow(CHILD, 'f-own', 'Own')],
    });

    const [seeded] = seedInstance(seed).flows;
    const doc = JSON.parse(seeded?.content ?? '');

    expect(doc.Actions.map((a: { Identifier: string }) => a.Identifier)).toContain(doc.StartAction);
  });

  it('refuses a parent chain that loops', () => {
    writeCatalog('a.json', { name: 'a', instanceArn: CHILD, parent: 'b.json', resources: [] });
    writeCatalog('b.json', { name: 'b', instanceArn: PARENT, parent: 'a.json', resources: [] });

    expect(() => seedInstance(join(dir, 'a.json'))).toThrow(CatalogError);
  });

  it('names the file when the seed is missing', () => {
    expect(() => seedInstance(join(dir, 'missing.json'))).toThrow(/missing\.json/);
  });
});
