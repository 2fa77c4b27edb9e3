import { isLexV2AliasName } from '../references/lexV2Names.js';
import type { Reference } from '../references/types.js';
import { type ParsedArn, parseArn } from './arn.js';
import type { BundleIndex, BundleMember } from './bundleIndex.js';
import type { Catalog, CatalogHit } from './catalog.js';
import { type RenameRule, renamesOf } from './renameRules.js';
import type { CatalogResource, Resolution, ResolutionStep } from './types.js';

/**
 * A resolution with what it found: the target resource, or the batch member, so callers can
 * check more than the `Resolution` carries (a flow's type, which batch file it is).
 */
export interface ResolutionDetail {
  readonly resolution: Resolution;
  readonly resource: CatalogResource | null;
  readonly member: BundleMember | null;
}

const DYNAMIC: ResolutionDetail = {
  resolution: { by: 'dynamic', target: null, inherited: false },
  resource: null,
  member: null,
};

const UNRESOLVED: ResolutionDetail = {
  resolution: { by: 'unresolved', target: null, inherited: false },
  resource: null,
  member: null,
};

/**
 * Where `ref` points in the target: the resolution ladder of DESIGN.md, first hit wins —
 * dynamic → exact ARN → remembered mapping → id (here or in a parent) → the same batch → name →
 * renamed by rule → unresolved. `bundle` is the batch being planned, or `null` for a single flow;
 * `renames` are the rename rules of the source → target pair (none when the source is unknown).
 */
export function resolveReference(
  ref: Reference,
  catalog: Catalog,
  bundle: BundleIndex | null,
  renames: readonly RenameRule[] = [],
): Resolution {
  return resolveReferenceDetail(ref, catalog, bundle, renames).resolution;
}

/** `resolveReference`, also returning the catalog resource or batch member it found. */
export function resolveReferenceDetail(
  ref: Reference,
  catalog: Catalog,
  bundle: BundleIndex | null,
  renames: readonly RenameRule[] = [],
): ResolutionDetail {
  if (ref.valueKind === 'dynamic' || ref.valueKind === 'placeholder') return DYNAMIC;
  const arn = ref.value === '' ? null : parseArn(ref.value);
  if (arn !== null) {
    const hit = catalog.findByArn(ref.kind, ref.value);
    if (hit !== null) return fromCatalog('arn', hit);
  }
  const mapped = findMapped(ref, catalog);
  if (mapped !== null) return fromCatalog('mapping', mapped);
  const id = idCandidate(ref, arn);
  const byId = id === null ? null : catalog.findById(ref.kind, id);
  if (byId !== null) return fromCatalog('id', byId);
  const member = bundle?.find(ref) ?? null;
  if (member !== null) return fromBundle(member);
  const name = nameCandidate(ref, arn);
  if (name === null || !identifiesByName(ref, name)) return UNRESOLVED;
  const byName = findNamed(ref, catalog, name);
  if (byName !== null) return fromCatalog('name', byName);
  return findRenamed(ref, catalog, name, renames) ?? UNRESOLVED;
}

function findNamed(ref: Reference, catalog: Catalog, name: string): CatalogHit | null {
  return catalog.findByName(ref.kind, name, ref.kind === 'flow' ? ref.flowType : null);
}

/** The name step again with each rule's renaming of the name, first hit wins (rules in config order). */
function findRenamed(
  ref: Reference,
  catalog: Catalog,
  name: string,
  renames: readonly RenameRule[],
): ResolutionDetail | null {
  for (const renamed of renamesOf(renames, ref.kind, name)) {
    if (!identifiesByName(ref, renamed.name)) continue;
    const hit = findNamed(ref, catalog, renamed.name);
    if (hit === null) continue;
    const detail = fromCatalog('rule', hit);
    const rule = { from: renamed.rule.from, to: renamed.rule.to };
    return { ...detail, resolution: { ...detail.resolution, rule } };
  }
  return null;
}

function findMapped(ref: Reference, catalog: Catalog): CatalogHit | null {
  const byValue = ref.value === '' ? null : catalog.findMapping(ref.kind, ref.value);
  if (byValue !== null || ref.name === null || !identifiesByName(ref, ref.name)) return byValue;
  return catalog.findMapping(ref.kind, ref.name);
}

/**
 * False for a name that cannot tell resources apart: a Lex V2 alias name without its bot
 * (`prod` is an alias of many bots). Such a reference is matched by `BOT/ALIAS` or not by name.
 */
function identifiesByName(ref: Reference, name: string): boolean {
  return ref.kind !== 'lex-bot' || isLexV2AliasName(name);
}

/**
 * The id to look up: a bare id as written, or the id inside a Connect ARN. Ids inside Lambda and
 * Lex ARNs are not compared alone: a function name or an alias id (`TSTALIASID`) is the same in
 * every account, so matching it is a name match, not an identity.
 */
function idCandidate(ref: Reference, arn: ParsedArn | null): string | null {
  if (arn !== null) return arn.service === 'connect' ? arn.resourceId : null;
  return ref.valueKind === 'id' && ref.value !== '' ? ref.value : null;
}

/**
 * The name to match: a Lambda ARN's function name first (the ARN's name is the function's identity;
 * a designer label such as "SELECT LAMBDA FUNCTION HERE" is only display, so it is never matched
 * when the ARN names the function), else the display name, else the value when it is only a name.
 */
function nameCandidate(ref: Reference, arn: ParsedArn | null): string | null {
  if (arn?.service === 'lambda' && arn.resourceId !== '') return arn.resourceId;
  if (ref.name !== null && ref.name !== '') return ref.name;
  return ref.valueKind === 'name' && ref.value !== '' ? ref.value : null;
}

function fromCatalog(by: ResolutionStep, hit: CatalogHit): ResolutionDetail {
  const { resource } = hit;
  return {
    resolution: {
      by,
      target: { arn: resource.arn === '' ? null : resource.arn, id: resource.id, name: resource.name },
      inherited: hit.inherited,
    },
    resource,
    member: null,
  };
}

function fromBundle(member: BundleMember): ResolutionDetail {
  const target = member.target ?? null;
  return {
    resolution: {
      by: 'bundle',
      target: { arn: target?.arn ?? null, id: target?.id ?? null, name: member.name },
      inherited: false,
    },
    resource: null,
    member,
  };
}
