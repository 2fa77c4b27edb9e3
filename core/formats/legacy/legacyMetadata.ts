import { isJsonObject, type Json, type JsonObject, type JsonPath } from '../../json.js';
import type { LegacyDocument, LegacyModule } from './legacySchema.js';
import type { DisplayName } from './moduleContext.js';
import { copyJson, setOwn } from './ownKeys.js';

type MutableObject = { [key: string]: Json };

/** Legacy flow `metadata` keys the Flow Language designer writes under the same names (1.3). */
const FLOW_KEYS = [
  'entryPointPosition',
  'snapToGrid',
  'name',
  'description',
  'type',
  'status',
  'hash',
] as const;

/**
 * `Metadata.ActionMetadata[id]` for one module: its legacy `metadata` kept whole (position and
 * display info such as `queue`, `ContactFlow`, `audio`, `conditionMetadata` are the keys the
 * designer uses too), plus each resource display name at `parameters.<path>.displayName`.
 */
export function actionMetadata(module: LegacyModule, displayNames: readonly DisplayName[]): JsonObject {
  const out: MutableObject = module.metadata ? (copyJson(module.metadata) as MutableObject) : {};
  if (displayNames.length === 0) return out;
  // `out` is already a deep copy, so its `parameters` may be extended in place.
  const parameters: MutableObject = isJsonObject(out.parameters) ? (out.parameters as MutableObject) : {};
  for (const { path, name } of displayNames) setDisplayName(parameters, path, name);
  out.parameters = parameters;
  return out;
}

/**
 * Writes `{displayName}` at `path` inside `root`, creating objects (or arrays, for numeric
 * steps such as `Messages[1]`) on the way and keeping whatever is already there.
 */
function setDisplayName(root: MutableObject, path: JsonPath, name: string): void {
  let node: MutableObject | Json[] = root;
  for (const [i, step] of path.entries()) {
    const last = i === path.length - 1;
    const existing: Json | undefined = readStep(node, step);
    const nextIsIndex = typeof path[i + 1] === 'number';
    let child: MutableObject | Json[];
    if (last) child = isJsonObject(existing) ? { ...existing } : {};
    else if (nextIsIndex) child = Array.isArray(existing) ? [...existing] : [];
    else child = isJsonObject(existing) ? { ...existing } : {};
    if (last) (child as MutableObject).displayName = name;
    writeStep(node, step, child);
    node = child;
  }
}

function readStep(node: MutableObject | Json[], step: string | number): Json | undefined {
  if (Array.isArray(node)) return typeof step === 'number' ? node[step] : undefined;
  return typeof step === 'string' && Object.hasOwn(node, step) ? node[step] : undefined;
}

function writeStep(node: MutableObject | Json[], step: string | number, value: Json): void {
  if (Array.isArray(node)) {
    if (typeof step !== 'number') return;
    // Slots before the one written stay aligned with `Parameters.Messages` as empty objects.
    while (node.length < step) node.push({});
    node[step] = value;
  } else if (typeof step === 'string') {
    setOwn(node, step, value);
  }
}

/** The keys of legacy flow `metadata` that could not be placed (today: only `ActionMetadata`). */
export function collidingFlowMetadataKeys(document: LegacyDocument): readonly string[] {
  return document.metadata && Object.hasOwn(document.metadata, 'ActionMetadata') ? ['ActionMetadata'] : [];
}

/**
 * The Flow Language `Metadata`: `entryPointPosition`, `snapToGrid`, `ActionMetadata`, then
 * `name/description/type/status/hash` as the designer orders them. Other legacy keys are kept
 * too (the Flow Language `Metadata` is free-form). When the legacy metadata has no `type`, the
 * document's `type` stands in.
 */
export function flowMetadata(document: LegacyDocument, actions: JsonObject): JsonObject {
  const legacy: JsonObject = document.metadata ?? {};
  const out: MutableObject = {};
  const copy = (key: string): void => {
    const value = legacy[key];
    if (Object.hasOwn(legacy, key) && value !== undefined) setOwn(out, key, copyJson(value));
  };
  copy('entryPointPosition');
  copy('snapToGrid');
  out.ActionMetadata = actions;
  for (const key of FLOW_KEYS.slice(2)) copy(key);
  if ((out.type === undefined || out.type === null) && typeof document.type === 'string') {
    out.type = document.type;
  }
  for (const key of Object.keys(legacy)) {
    if (!(FLOW_KEYS as readonly string[]).includes(key) && key !== 'ActionMetadata') copy(key);
  }
  return out;
}
