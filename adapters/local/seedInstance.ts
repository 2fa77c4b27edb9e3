import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { CatalogError } from '../../core/errors.js';
import { parseArn } from '../../core/resolve/arn.js';
import { parseCatalogFile } from '../../core/resolve/catalog.js';
import type { CatalogData, CatalogResource } from '../../core/resolve/types.js';
import { minimalContent } from '../../core/versions/minimalContent.js';
import type { InstanceFile, StoredFlow } from './localInstanceFiles.js';

/** A local instance as first seeded: its instance file and the flows and modules it starts with. */
export interface SeededInstance {
  readonly instance: InstanceFile;
  readonly flows: readonly StoredFlow[];
}

/** The one block of the content seeded flows get (the catalog knows their names, not their content). */
const SEEDED_ACTION = '00000000-0000-4000-8000-00000000005e';

/**
 * The instance a catalog file describes (format of `core/resolve/catalogFile.ts`). Resources of
 * the `parent` chain are included (the child's win on the same kind and id), as a child tenant
 * sees its parent's shared objects. The seed's own flows and modules become real flows with a
 * one-block content, so they can be described and updated like any other; the parent's stay
 * resources, as another instance's flows would.
 */
export function seedInstance(seedPath: string): SeededInstance {
  const chain = loadChain(resolve(seedPath), seedPath, []);
  const [own] = chain;
  if (own === undefined) throw new CatalogError(seedPath, null, `${seedPath}: nothing to seed from`);
  const resources = mergeResources(chain);
  const instanceId = parseArn(own.instanceArn)?.instanceId ?? null;
  const isOwnFlow = (r: CatalogResource) =>
    (r.kind === 'flow' || r.kind === 'module') &&
    instanceId !== null &&
    parseArn(r.arn)?.instanceId === instanceId;
  return {
    instance: {
      instanceArn: own.instanceArn,
      name: own.name,
      resources: resources.filter((r) => !isOwnFlow(r)),
      mappings: [...own.mappings],
    },
    flows: resources.filter(isOwnFlow).map(seededFlow),
  };
}

/** The seed and its parents, child first. */
function loadChain(absolute: string, shown: string, seen: readonly string[]): CatalogData[] {
  if (seen.includes(absolute)) {
    throw new CatalogError(
      shown,
      'parent',
      `${shown}: the parent chain loops back to this file (${[...seen, absolute].join(' → ')})`,
    );
  }
  const { data, parent } = parseCatalogFile(readJson(absolute, shown), shown);
  if (parent === null) return [data];
  return [data, ...loadChain(resolve(dirname(absolute), parent), parent, [...seen, absolute])];
}

function mergeResources(chain: readonly CatalogData[]): CatalogResource[] {
  const seen = new Set<string>();
  const merged: CatalogResource[] = [];
  for (const catalog of chain) {
    for (const resource of catalog.resources) {
      const key = `${resource.kind}\u0000${resource.id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      merged.push(resource);
    }
  }
  return merged;
}

function seededFlow(resource: CatalogResource): StoredFlow {
  const module = resource.kind === 'module';
  const content = minimalContent(module ? 'MODULE' : (resource.flowType ?? null), SEEDED_ACTION);
  return {
    kind: module ? 'module' : 'flow',
    id: resource.id,
    arn: resource.arn,
    name: resource.name,
    type: resource.flowType ?? null,
    description: 'Seeded from the example catalog',
    content: JSON.stringify(content),
    status: 'PUBLISHED',
    draft: null,
  };
}

function readJson(absolute: string, shown: string): unknown {
  let text: string;
  try {
    text = readFileSync(absolute, 'utf8');
  } catch (error) {
    throw new CatalogError(shown, null, `${shown}: catalog file not found or not readable`, { cause: error });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CatalogError(shown, null, `${shown}: not valid JSON (${String(error)})`, { cause: error });
  }
}
