// CONTRACT STUB — replaced by the resolve work. Signatures are fixed.
import type { FlowType } from '../flowTypes.js';
import type { ResourceKind } from '../references/types.js';
import type { CatalogData, CatalogResource } from './types.js';

/** A found resource and whether it came from a parent catalog. */
export interface CatalogHit {
  readonly resource: CatalogResource;
  readonly inherited: boolean;
}

/**
 * A target's inventory, indexed for the resolution ladder, optionally layered on the parent it
 * inherits from (lookups fall through to the parent; the child's own resources win).
 */
export class Catalog {
  readonly data: CatalogData;
  readonly parent: Catalog | null;
  constructor(data: CatalogData, parent: Catalog | null = null) {
    this.data = data;
    this.parent = parent;
  }
  findByArn(_kind: ResourceKind, _arn: string): CatalogHit | null {
    throw new Error('not implemented');
  }
  findById(_kind: ResourceKind, _id: string): CatalogHit | null {
    throw new Error('not implemented');
  }
  findByName(_kind: ResourceKind, _name: string, _flowType: FlowType | null): CatalogHit | null {
    throw new Error('not implemented');
  }
  /** The remembered target for a source ARN, id or name (own mappings only: a choice is per environment). */
  findMapping(_kind: ResourceKind, _source: string): CatalogHit | null {
    throw new Error('not implemented');
  }
}

/** Parses a catalog file's JSON with zod (`parent` is returned as the path the file gave). */
export function parseCatalogFile(
  _json: unknown,
  _source: string,
): { data: CatalogData; parent: string | null } {
  throw new Error('not implemented');
}
