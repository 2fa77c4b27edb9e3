import type { FlowContent } from '../flow.js';
import { getAt, type JsonPath } from '../json.js';
import { extractReferences } from './extractReferences.js';
import { ruleAt } from './referenceTable.js';
import type { Reference } from './types.js';

/** Action identifiers and the indexes in `Actions` that carry them (duplicates are possible in bad files). */
export type ActionIndex = ReadonlyMap<string, readonly number[]>;

/** Indexes a flow's actions by `Identifier`, once per document rather than once per reference. */
export function indexActions(content: FlowContent): ActionIndex {
  const index = new Map<string, number[]>();
  content.Actions.forEach((action, i) => {
    const list = index.get(action.Identifier);
    if (list === undefined) index.set(action.Identifier, [i]);
    else list.push(i);
  });
  return index;
}

/**
 * Where a reference's value sits, from the document root (`['Actions', 3, 'Parameters', 'QueueId']`):
 * the first action with the reference's identifier that holds the reference's value at its path,
 * or `null` when none does (the reference was taken from another document).
 */
export function parameterSite(
  content: FlowContent,
  index: ActionIndex,
  reference: Reference,
): JsonPath | null {
  for (const i of index.get(reference.action) ?? []) {
    const site: JsonPath = ['Actions', i, ...reference.path];
    if (getAt(content, site) === reference.value) return site;
  }
  return null;
}

/** Sibling values a re-target may also write (a Lex V1 bot's `Region` and `Alias`), from the root, when present. */
export function companionSites(content: FlowContent, parameter: JsonPath, reference: Reference): JsonPath[] {
  const rule = ruleAt(reference.actionType, reference.path);
  if (rule === null) return [];
  const parent = parameter.slice(0, -1);
  return rule.companions
    .map((key): JsonPath => [...parent, key])
    .filter((site) => typeof getAt(content, site) === 'string');
}

/**
 * Every place a re-target of these references may write, from the document root: each parameter,
 * its companions, its metadata id copies and its name copies. Anything outside this list must
 * come out of `retarget` unchanged. Defaults to all references of the flow.
 */
export function referenceSites(
  content: FlowContent,
  references: readonly Reference[] = extractReferences(content),
): JsonPath[] {
  const index = indexActions(content);
  const sites: JsonPath[] = [];
  for (const reference of references) {
    const parameter = parameterSite(content, index, reference);
    if (parameter === null) continue;
    sites.push(parameter, ...companionSites(content, parameter, reference));
    sites.push(...reference.copies, ...reference.nameCopies);
  }
  return sites;
}
