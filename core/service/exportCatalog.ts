import { environmentOf, requireRole } from '../access.js';
import type { Actor } from '../config.js';
import type { ServiceDeps } from '../deps.js';
import type { Catalog } from '../resolve/catalog.js';
import type { CatalogData } from '../resolve/types.js';
import { loadTarget } from './loadTarget.js';

/** Input of {@link exportCatalog}. */
export interface ExportCatalogInput {
  readonly env: string;
  readonly actor: Actor;
}

/** One environment's layer of a catalog: what it holds itself, and which environment it inherits from. */
export interface CatalogLayer {
  readonly env: string;
  /** The environment's inventory read live, with its remembered mappings ahead of the inventory's. */
  readonly data: CatalogData;
  /** The environment this one inherits from (the next layer), or null for the last. */
  readonly parent: string | null;
}

/**
 * The catalog an environment resolves against, read live from its contact center (and from its
 * parents' contact centers, as a child tenant inherits their resources), with its remembered
 * mappings: exactly what importing into it would resolve against, so planning against this data
 * offline gives the same resolutions as planning against the environment. The environment's own
 * layer comes first, then its parent's, and so on.
 *
 * @throws ServiceError `forbidden` (viewers may read it), ConfigError for an unknown environment.
 */
export async function exportCatalog(deps: ServiceDeps, input: ExportCatalogInput): Promise<CatalogLayer[]> {
  requireRole(deps.config, input.actor, 'viewer', `read the catalog of ${input.env}`);
  environmentOf(deps.config, input.env);
  const layers: CatalogLayer[] = [];
  // loadTarget layers the catalog as the config chains parents: walk both together.
  let catalog: Catalog | null = await loadTarget(deps, input.env);
  let env: string | null = input.env;
  while (catalog !== null && env !== null) {
    const parent: string | null = environmentOf(deps.config, env).parent;
    layers.push({ env, data: catalog.data, parent });
    catalog = catalog.parent;
    env = parent;
  }
  return layers;
}
