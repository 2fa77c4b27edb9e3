import { describe, expect, it } from 'vitest';
import { CatalogError } from '../../../core/errors.js';
import { parseCatalogFile } from '../../../core/resolve/catalog.js';
import { loadFixture } from '../../fixtures.js';

interface CatalogJson {
  name?: unknown;
  instanceArn?: unknown;
  resources: Record<string, unknown>[];
  mappings?: Record<string, unknown>[];
}

function goodCatalog(): CatalogJson {
  return loadFixture<CatalogJson>('resolve/catalog.json');
}

/** The CatalogError thrown for `json`, or a failure when none is. */
function errorFor(json: unknown): CatalogError {
  try {
    parseCatalogFile(json, 'tenant-a.json');
  } catch (error) {
    if (error instanceof CatalogError) return error;
    throw error;
  }
  throw new Error('expected a CatalogError');
}

function breakResource(index: number, change: Record<string, unknown>): CatalogJson {
  const json = goodCatalog();
  const resource = json.resources[index];
  if (resource === undefined) throw new Error(`fixture has no resources[${index}]`);
  json.resources[index] = { ...resource, ...change };
  return json;
}

describe('parseCatalogFile', () => {
  it('returns the resources, mappings and parent path when given a valid file', () => {
    const { data, parent } = parseCatalogFile(goodCatalog(), 'tenant-a.json');

    expect(parent).toBe('shared.json');
    expect(data.name).toBe('tenant-a');
    expect(data.resources.map((r) => r.kind)).toEqual(['queue', 'flow', 'lambda', 'security-key']);
    expect(data.mappings).toHaveLength(1);
  });

  it('reads a camelCase flow type as the API enum', () => {
    const { data } = parseCatalogFile(goodCatalog(), 'tenant-a.json');

    expect(data.resources[1]?.flowType).toBe('CUSTOMER_QUEUE');
  });

  it('returns no mappings and no parent when the file has neither', () => {
    const json: Record<string, unknown> = { ...goodCatalog() };
    delete json.mappings;
    delete json.parent;

    const { data, parent } = parseCatalogFile(json, 'tenant-a.json');

    expect(data.mappings).toEqual([]);
    expect(parent).toBeNull();
  });

  it.each([
    {
      label: 'a kind is unknown',
      json: () => breakResource(3, { kind: 'queues' }),
      key: 'resources[3].kind',
      message: 'resources[3].kind: expected one of queue, user, prompt',
    },
    {
      label: 'a name is missing',
      json: () => breakResource(0, { name: undefined }),
      key: 'resources[0].name',
      message: 'resources[0].name: required',
    },
    {
      label: 'an id is empty',
      json: () => breakResource(0, { id: '' }),
      key: 'resources[0].id',
      message: 'must not be empty',
    },
    {
      label: 'a flow type is unknown',
      json: () => breakResource(1, { flowType: 'IVR' }),
      key: 'resources[1].flowType',
      message: 'expected one of CONTACT_FLOW',
    },
    {
      label: 'a key is misspelt',
      json: () => breakResource(1, { flowtype: 'CONTACT_FLOW' }),
      key: 'resources[1].flowtype',
      message: 'unknown key',
    },
    {
      label: 'an ARN does not parse',
      json: () => breakResource(0, { arn: 'queue/3f0c9a1e' }),
      key: 'resources[0].arn',
      message: "not an ARN: 'queue/3f0c9a1e'",
    },
    {
      label: "an ARN is another kind's",
      json: () => breakResource(0, { kind: 'prompt' }),
      key: 'resources[0].arn',
      message: 'is the ARN of a queue, but kind is prompt',
    },
    {
      label: 'a queue has no ARN',
      json: () => breakResource(0, { arn: '' }),
      key: 'resources[0].arn',
      message: 'a queue needs its ARN',
    },
    {
      label: 'a type is given to something other than a flow',
      json: () => breakResource(0, { flowType: 'CONTACT_FLOW' }),
      key: 'resources[0].flowType',
      message: 'only flows have a type',
    },
    {
      label: 'two resources of a kind share an id',
      json: () => {
        const json = goodCatalog();
        const first = json.resources[0];
        if (first) json.resources.push({ ...first, name: 'Sales copy' });
        return json;
      },
      key: 'resources[4].id',
      message: 'also resources[0]',
    },
    {
      label: 'the instance ARN is not an instance',
      json: () => ({ ...goodCatalog(), instanceArn: 'arn:aws:lambda:eu-west-2:111122223333:function:f' }),
      key: 'instanceArn',
      message: 'expected an Amazon Connect instance ARN',
    },
    {
      label: 'a mapping has no target',
      json: () => {
        const json = goodCatalog();
        json.mappings = [{ kind: 'queue', source: 'Sales' }];
        return json;
      },
      key: 'mappings[0].target',
      message: 'mappings[0].target: required',
    },
    {
      label: 'resources is not a list',
      json: () => ({ ...goodCatalog(), resources: {} }),
      key: 'resources',
      message: 'resources: expected array, got object',
    },
  ])('throws CatalogError naming the key when $label', ({ json, key, message }) => {
    const error = errorFor(json());

    expect(error.key).toBe(key);
    expect(error.message).toContain(message);
    expect(error.source).toBe('tenant-a.json');
  });

  it('names the file in the message when the document is not an object', () => {
    const error = errorFor(42);

    expect(error.message).toBe('tenant-a.json: (root): expected object, got number');
  });
});
