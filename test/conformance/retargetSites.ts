import type { FlowContent } from '../../core/flow.js';
import { formatPath, getAt, isJsonObject, type Json, type JsonPath } from '../../core/json.js';
import type { Reference } from '../../core/references/types.js';

/** Every path (from the document root) a re-target may write: parameters, id copies, name copies. */
export function referenceSites(content: FlowContent, references: readonly Reference[]): Set<string> {
  const index = new Map(content.Actions.map((a, i) => [a.Identifier, i]));
  const sites = new Set<string>();
  for (const ref of references) {
    const i = index.get(ref.action);
    if (i !== undefined) sites.add(formatPath(['Actions', i, ...ref.path]));
    for (const copy of [...ref.copies, ...ref.nameCopies]) sites.add(formatPath(copy));
  }
  return sites;
}

/** Paths of the leaves where two JSON documents differ (added, removed or changed). */
export function differingLeaves(a: unknown, b: unknown, path: JsonPath = []): string[] {
  if (Object.is(a, b)) return [];
  if (Array.isArray(a) && Array.isArray(b)) {
    const out: string[] = [];
    for (let i = 0; i < Math.max(a.length, b.length); i++)
      out.push(...differingLeaves(a[i], b[i], [...path, i]));
    return out;
  }
  if (isJsonObject(a) && isJsonObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    const out: string[] = [];
    for (const key of keys) out.push(...differingLeaves(a[key], b[key], [...path, key]));
    return out;
  }
  return [formatPath(path)];
}

/** The value at a rendered-path site, for assertions. */
export function valueAt(root: unknown, path: JsonPath): Json | undefined {
  return getAt(root, path);
}
