import type { FlowType } from '../flowTypes.js';
import type { ResourceKind } from '../references/types.js';
import { idOf, parseArn, unqualifiedArn } from './arn.js';
import type { CatalogData, CatalogMapping, CatalogResource } from './types.js';

export { parseCatalogFile } from './catalogFile.js';

/** A found resource and whether it came from a parent catalog. */
export interface CatalogHit {
  readonly resource: CatalogResource;
  readonly inherited: boolean;
}

/**
 * The outcome of a name lookup: one resource, several (ambiguous: the user must choose, so the
 * ladder treats it as no hit), or none.
 */
export type NameLookup =
  | { readonly found: 'one'; readonly hit: CatalogHit }
  | { readonly found: 'many'; readonly count: number; readonly inherited: boolean }
  | { readonly found: 'none' };

const NONE: NameLookup = { found: 'none' };

/**
 * A target's inventory, indexed for the resolution ladder, optionally layered on the parent it
 * inherits from (lookups fall through to the parent; the child's own resources win).
 *
 * Matching rules: ARNs match exactly, except that a Connect ARN's qualifier (`:$SAVED`, a flow
 * or view version) is ignored on both sides; a Lambda ARN with an alias or version matches only
 * that exact ARN. Names match exactly (case and spaces count). A Lambda is found by name under
 * its catalog `name` and under the function name in its ARN (what the flow designer shows), so
 * `function:billing` and `function:billing:prod` both answer to `billing`, and the name is then
 * ambiguous: the user picks, rather than flowgate guessing an alias.
 */
export class Catalog {
  readonly data: CatalogData;
  readonly parent: Catalog | null;
  readonly #byArn = new KindIndex<CatalogResource>();
  readonly #byId = new KindIndex<CatalogResource>();
  readonly #byName = new KindIndex<CatalogResource[]>();
  readonly #mappingBySource = new KindIndex<CatalogMapping>();
  readonly #mappingBySourceId = new KindIndex<CatalogMapping>();

  constructor(data: CatalogData, parent: Catalog | null = null) {
    this.data = data;
    this.parent = parent;
    for (const resource of data.resources) this.#index(resource);
    for (const mapping of data.mappings) this.#indexMapping(mapping);
  }

  /** The resource of `kind` with this ARN (qualifier of a Connect ARN ignored), here or in a parent. */
  findByArn(kind: ResourceKind, arn: string): CatalogHit | null {
    const own = this.#byArn.get(kind, unqualifiedArn(arn) ?? arn);
    if (own !== undefined) return { resource: own, inherited: false };
    return inherit(this.parent?.findByArn(kind, arn) ?? null);
  }

  /** The resource of `kind` with this id (or the trailing id of this ARN), here or in a parent. */
  findById(kind: ResourceKind, id: string): CatalogHit | null {
    const own = this.#byId.get(kind, id) ?? this.#byId.get(kind, idOf(id));
    if (own !== undefined) return { resource: own, inherited: false };
    return inherit(this.parent?.findById(kind, id) ?? null);
  }

  /**
   * The one resource of `kind` named `name`. For flows, a `flowType` keeps only flows of that type
   * or without one. Ambiguous names give `null`, and so does a name the child has twice even when
   * the parent has it once: the child wins, so its ambiguity is the answer.
   */
  findByName(kind: ResourceKind, name: string, flowType: FlowType | null): CatalogHit | null {
    const lookup = this.lookupName(kind, name, flowType);
    return lookup.found === 'one' ? lookup.hit : null;
  }

  /** `findByName` that also tells an ambiguous name from a missing one. */
  lookupName(kind: ResourceKind, name: string, flowType: FlowType | null): NameLookup {
    const candidates = (this.#byName.get(kind, name) ?? []).filter((r) => fitsType(r, flowType));
    const [only] = candidates;
    if (only !== undefined && candidates.length === 1)
      return { found: 'one', hit: { resource: only, inherited: false } };
    if (candidates.length > 1) return { found: 'many', count: candidates.length, inherited: false };
    const inherited = this.parent?.lookupName(kind, name, flowType) ?? NONE;
    if (inherited.found === 'one') return { found: 'one', hit: { ...inherited.hit, inherited: true } };
    return inherited.found === 'many' ? { ...inherited, inherited: true } : NONE;
  }

  /** Every resource of `kind` named `name`, whatever its type: this catalog's first, then the parent's. */
  resourcesNamed(kind: ResourceKind, name: string): CatalogHit[] {
    const own = (this.#byName.get(kind, name) ?? []).map((resource) => ({ resource, inherited: false }));
    const inherited = (this.parent?.resourcesNamed(kind, name) ?? []).map((hit) => ({
      ...hit,
      inherited: true,
    }));
    return [...own, ...inherited];
  }

  /**
   * The remembered target for a source ARN, id or name (own mappings only: a choice is per environment).
   * A mapping's source matches the exact value, or the id inside an ARN on either side. Its target
   * (an ARN or id) must exist in this catalog or its parent; a mapping to a missing resource gives `null`.
   */
  findMapping(kind: ResourceKind, source: string): CatalogHit | null {
    const mapping =
      this.#mappingBySource.get(kind, source) ?? this.#mappingBySourceId.get(kind, idOf(source));
    if (mapping === undefined) return null;
    return this.findByArn(kind, mapping.target) ?? this.findById(kind, mapping.target);
  }

  #index(resource: CatalogResource): void {
    if (resource.arn !== '')
      this.#byArn.setFirst(resource.kind, unqualifiedArn(resource.arn) ?? resource.arn, resource);
    this.#byId.setFirst(resource.kind, resource.id, resource);
    for (const name of namesOf(resource)) {
      const list = this.#byName.get(resource.kind, name);
      if (list === undefined) this.#byName.setFirst(resource.kind, name, [resource]);
      else list.push(resource);
    }
  }

  #indexMapping(mapping: CatalogMapping): void {
    this.#mappingBySource.setFirst(mapping.kind, mapping.source, mapping);
    this.#mappingBySourceId.setFirst(mapping.kind, idOf(mapping.source), mapping);
  }
}

/**
 * Values by kind, then by text. Two levels rather than one composite `kind + text` key: a lookup
 * then hashes the caller's own string (V8 caches a string's hash), instead of building and
 * hashing a new key for every step of the ladder.
 */
class KindIndex<V> {
  readonly #byKind = new Map<ResourceKind, Map<string, V>>();

  get(kind: ResourceKind, text: string): V | undefined {
    return this.#byKind.get(kind)?.get(text);
  }

  /** The first entry wins: a later duplicate must not silently replace what an earlier lookup saw. */
  setFirst(kind: ResourceKind, text: string, value: V): void {
    let map = this.#byKind.get(kind);
    if (map === undefined) {
      map = new Map();
      this.#byKind.set(kind, map);
    }
    if (!map.has(text)) map.set(text, value);
  }
}

/** The names a resource answers to: its own, and for a Lambda also the function name in its ARN. */
function namesOf(resource: CatalogResource): string[] {
  if (resource.kind !== 'lambda') return [resource.name];
  const functionName = parseArn(resource.arn)?.resourceId;
  return functionName === undefined || functionName === resource.name
    ? [resource.name]
    : [resource.name, functionName];
}

function fitsType(resource: CatalogResource, flowType: FlowType | null): boolean {
  return flowType === null || resource.flowType === undefined || resource.flowType === flowType;
}

function inherit(hit: CatalogHit | null): CatalogHit | null {
  return hit === null ? null : { resource: hit.resource, inherited: true };
}
