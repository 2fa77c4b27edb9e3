import { blockName } from '../actions.js';
import type { FlowAction, FlowContent } from '../flow.js';
import { isJsonObject, type Json, type JsonPath } from '../json.js';
import { extractReferences } from '../references/extractReferences.js';
import type { Reference, ResourceKind } from '../references/types.js';

/** A block as the diff names it: its `Identifier`, its action type and the designer's block name. */
export interface DiffBlock {
  readonly action: string;
  readonly type: string;
  readonly block: string;
}

/** What about a block changed. Layout and display metadata are not part of a block. */
export type BlockField = 'type' | 'parameters' | 'transitions';

/** A block present in both versions whose type, parameters (beyond re-pointed references) or branches differ. */
export interface ChangedBlock extends DiffBlock {
  /** The type before, when it changed. */
  readonly fromType: string | null;
  /** In the order type, parameters, transitions. */
  readonly fields: readonly BlockField[];
}

/** A reference at the same block and parameter that points somewhere else. */
export interface RepointedReference {
  readonly kind: ResourceKind;
  readonly action: string;
  readonly block: string;
  /** From the action object: `['Parameters', 'QueueId']`. */
  readonly path: JsonPath;
  readonly from: string;
  readonly to: string;
  /** Display names the flow records for the old and new target, when it records them. */
  readonly fromName: string | null;
  readonly toName: string | null;
}

/** A canvas position. */
export interface Point {
  readonly x: number;
  readonly y: number;
}

/** A block (or, with `action: null`, the entry point) that only moved on the canvas. */
export interface LayoutMove {
  readonly action: string | null;
  readonly from: Point | null;
  readonly to: Point | null;
}

/** The structural difference between two versions of a flow. Every list is in a stable order. */
export interface FlowDiff {
  /** In the order of the newer version. */
  readonly added: readonly DiffBlock[];
  /** In the order of the older version. */
  readonly removed: readonly DiffBlock[];
  /** In the order of the newer version. */
  readonly changed: readonly ChangedBlock[];
  /** In block order of the newer version, then reference order within a block. */
  readonly repointed: readonly RepointedReference[];
  /** The first block changed (`StartAction`), or null. */
  readonly start: { readonly from: string; readonly to: string } | null;
  /** A module's `Settings` (inputs, outputs, events) changed. */
  readonly settingsChanged: boolean;
  /** How many blocks (and the entry point) moved on the canvas and changed in no other way. */
  readonly layoutMoves: number;
  /** Those moves, listed only when asked for (`includeLayout`); otherwise empty. */
  readonly moves: readonly LayoutMove[];
}

/** Options of {@link diffFlows}. */
export interface DiffOptions {
  /** List layout-only moves (they are always counted). */
  readonly includeLayout?: boolean;
}

/**
 * Compares two Flow Language documents block by block (by `Identifier`). A reference whose value
 * changed at the same block and parameter is reported as re-pointed, not as a parameter change,
 * so re-targeting a flow shows as re-pointed references alone. Positions and display metadata
 * are layout: moves are counted, and listed only with `includeLayout`.
 */
export function diffFlows(before: FlowContent, after: FlowContent, options: DiffOptions = {}): FlowDiff {
  const beforeById = new Map(before.Actions.map((a) => [a.Identifier, a]));
  const afterIds = new Set(after.Actions.map((a) => a.Identifier));
  const repointed = repointedReferences(before, after);
  const repointedPaths = pathsByAction(repointed);
  const added: DiffBlock[] = [];
  const changed: ChangedBlock[] = [];
  const unchanged: string[] = [];
  for (const action of after.Actions) {
    const old = beforeById.get(action.Identifier);
    if (old === undefined) {
      added.push(describe(action));
      continue;
    }
    const fields = changedFields(old, action, repointedPaths.get(action.Identifier));
    if (fields.length > 0) changed.push({ ...describe(action), fromType: typeChange(old, action), fields });
    else if (!repointedPaths.has(action.Identifier)) unchanged.push(action.Identifier);
  }
  const removed = before.Actions.filter((a) => !afterIds.has(a.Identifier)).map(describe);
  const moves = layoutMoves(before, after, unchanged);
  return {
    added,
    removed,
    changed,
    repointed,
    start:
      before.StartAction === after.StartAction ? null : { from: before.StartAction, to: after.StartAction },
    settingsChanged: !equalJson(before.Settings, after.Settings),
    layoutMoves: moves.length,
    moves: options.includeLayout === true ? moves : [],
  };
}

/** True when the two versions differ in layout at most. */
export function isLayoutOnly(diff: FlowDiff): boolean {
  return (
    diff.added.length === 0 &&
    diff.removed.length === 0 &&
    diff.changed.length === 0 &&
    diff.repointed.length === 0 &&
    diff.start === null &&
    !diff.settingsChanged
  );
}

function describe(action: FlowAction): DiffBlock {
  return { action: action.Identifier, type: action.Type, block: blockName(action.Type) };
}

function typeChange(before: FlowAction, after: FlowAction): string | null {
  return before.Type === after.Type ? null : before.Type;
}

function changedFields(
  before: FlowAction,
  after: FlowAction,
  ignoredParameters: ReadonlySet<string> | undefined,
): BlockField[] {
  const fields: BlockField[] = [];
  if (before.Type !== after.Type) fields.push('type');
  if (!equalJson(before.Parameters ?? {}, after.Parameters ?? {}, ignoredParameters))
    fields.push('parameters');
  if (!equalJson(transitionsOf(before), transitionsOf(after))) fields.push('transitions');
  return fields;
}

function transitionsOf(action: FlowAction): Json {
  return (action.Transitions ?? {}) as Json;
}

/** References at the same block and path in both versions whose values differ. */
function repointedReferences(before: FlowContent, after: FlowContent): RepointedReference[] {
  const old = new Map(extractReferences(before).map((r) => [siteKey(r.action, r.path), r]));
  const out: RepointedReference[] = [];
  for (const ref of extractReferences(after)) {
    const previous = old.get(siteKey(ref.action, ref.path));
    if (previous === undefined || previous.kind !== ref.kind || previous.value === ref.value) continue;
    out.push(repoint(previous, ref));
  }
  return out;
}

function repoint(before: Reference, after: Reference): RepointedReference {
  return {
    kind: after.kind,
    action: after.action,
    block: blockName(after.actionType),
    path: after.path,
    from: before.value,
    to: after.value,
    fromName: before.name,
    toName: after.name,
  };
}

/** Re-pointed parameter paths per block, relative to `Parameters`, so the parameter comparison skips them. */
function pathsByAction(repointed: readonly RepointedReference[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const r of repointed) {
    if (r.path[0] !== 'Parameters') continue;
    const set = out.get(r.action) ?? new Set<string>();
    set.add(pathKey(r.path.slice(1)));
    out.set(r.action, set);
  }
  return out;
}

function siteKey(action: string, path: JsonPath): string {
  return `${action}\u0001${pathKey(path)}`;
}

function pathKey(path: JsonPath): string {
  return path.join('\u0000');
}

/**
 * Deep equality of JSON values; object key order does not count, array order does. Paths in
 * `ignore` (keys of {@link pathKey}) compare equal whatever they hold.
 */
function equalJson(a: unknown, b: unknown, ignore?: ReadonlySet<string>, path = ''): boolean {
  if (ignore?.has(path)) return true;
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const step = (key: string | number): string | undefined =>
    ignore === undefined ? undefined : path === '' ? String(key) : `${path}\u0000${key}`;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => equalJson(item, b[i], ignore, step(i)));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  if (keys.length !== Object.keys(right).length) return false;
  return keys.every((k) => Object.hasOwn(right, k) && equalJson(left[k], right[k], ignore, step(k)));
}

/** Unchanged blocks whose position changed, then the entry point when it moved. */
function layoutMoves(before: FlowContent, after: FlowContent, unchanged: readonly string[]): LayoutMove[] {
  const moves: LayoutMove[] = [];
  for (const id of unchanged) {
    const from = positionOf(before, id);
    const to = positionOf(after, id);
    if (!samePoint(from, to)) moves.push({ action: id, from, to });
  }
  const entryFrom = entryPointOf(before);
  const entryTo = entryPointOf(after);
  if (!samePoint(entryFrom, entryTo)) moves.push({ action: null, from: entryFrom, to: entryTo });
  return moves;
}

function positionOf(content: FlowContent, id: string): Point | null {
  const actions = content.Metadata?.ActionMetadata;
  const entry = isJsonObject(actions) ? actions[id] : undefined;
  if (!isJsonObject(entry)) return null;
  return pointOf(entry.position ?? entry.Position);
}

function entryPointOf(content: FlowContent): Point | null {
  const metadata = content.Metadata;
  return metadata === undefined ? null : pointOf(metadata.entryPointPosition ?? metadata.EntryPointPosition);
}

function pointOf(value: Json | undefined): Point | null {
  if (!isJsonObject(value) || typeof value.x !== 'number' || typeof value.y !== 'number') return null;
  return { x: value.x, y: value.y };
}

function samePoint(a: Point | null, b: Point | null): boolean {
  return a === null || b === null ? a === b : a.x === b.x && a.y === b.y;
}
