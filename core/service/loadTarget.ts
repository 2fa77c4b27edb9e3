import { environmentOf } from '../access.js';
import type { ServiceDeps } from '../deps.js';
import { ConfigError } from '../errors.js';
import { Catalog } from '../resolve/catalog.js';
import type { CatalogData, CatalogMapping } from '../resolve/types.js';
import type { RememberedMapping } from '../versions/types.js';

/**
 * Catalogs already loaded during one use case call (one job), by environment: each contact
 * center's inventory is read once per job however many flows, parents or re-plans need it.
 * Make a new one per call; a long-lived cache would plan against a stale target.
 */
export type TargetCache = Map<string, Promise<Catalog>>;

/** What loading a target reads: the environments, their contact centers and remembered mappings. */
export type TargetDeps = Pick<ServiceDeps, 'config' | 'centers' | 'mappings'>;

/**
 * The catalog an environment resolves against: its contact center's inventory, with the
 * choices remembered for it (`RememberedMapping`s) as mappings ahead of any the inventory
 * brings, layered on its parent environment's catalog when it has one. The catalog is named
 * after the environment, so plan findings say "prod has no queue …".
 */
export async function loadTarget(
  deps: TargetDeps,
  env: string,
  cache: TargetCache = new Map(),
  scope: TargetScope = 'everything',
): Promise<Catalog> {
  return loadLayer(deps, env, cache, [], scope);
}

/**
 * `everything` for planning (every reference resolves against it); `flows` for publishing,
 * which only chooses create or update among flows and modules and need not list queues, prompts
 * and the rest (a dozen List calls on Connect).
 */
export type TargetScope = 'everything' | 'flows';

/** A remembered choice as the catalog's mapping. */
export function toCatalogMapping(mapping: RememberedMapping): CatalogMapping {
  return { kind: mapping.kind, source: mapping.source, target: mapping.target };
}

/** `catalog` with `mapping` remembered ahead of its other mappings (no new inventory read). */
export function withMapping(catalog: Catalog, mapping: RememberedMapping): Catalog {
  const data: CatalogData = {
    ...catalog.data,
    mappings: [toCatalogMapping(mapping), ...catalog.data.mappings],
  };
  return new Catalog(data, catalog.parent);
}

function loadLayer(
  deps: TargetDeps,
  env: string,
  cache: TargetCache,
  path: readonly string[],
  scope: TargetScope,
): Promise<Catalog> {
  const cached = cache.get(env);
  if (cached !== undefined) return cached;
  if (path.includes(env)) {
    const cycle = [...path, env].join(' → ');
    throw new ConfigError(`environments.${env}.parent`, `Environment parents form a cycle: ${cycle}.`);
  }
  const config = environmentOf(deps.config, env);
  const parent = config.parent === null ? null : loadLayer(deps, config.parent, cache, [...path, env], scope);
  const loaded = buildLayer(deps, env, parent, scope);
  cache.set(env, loaded);
  return loaded;
}

async function buildLayer(
  deps: TargetDeps,
  env: string,
  parent: Promise<Catalog> | null,
  scope: TargetScope,
): Promise<Catalog> {
  const center = deps.centers(env);
  const [inventory, remembered, parentCatalog] = await Promise.all([
    scope === 'flows' ? center.flowInventory() : center.inventory(),
    deps.mappings.listMappings(env),
    parent,
  ]);
  const data: CatalogData = {
    ...inventory,
    name: env,
    mappings: [...remembered.map(toCatalogMapping), ...inventory.mappings],
  };
  return new Catalog(data, parentCatalog);
}
