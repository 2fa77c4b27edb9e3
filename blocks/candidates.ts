import type { Reference } from '../core/references/types.js';
import type { Catalog } from '../core/resolve/catalog.js';
import type { CandidateOption } from './types.js';

/**
 * The resources that could replace `ref`: of its kind (for a flow, of the type it needs or of
 * none), the environment's own first and then what it inherits, each id once, sorted by name.
 */
export function candidatesFor(catalog: Catalog, ref: Reference): CandidateOption[] {
  const seen = new Set<string>();
  const options: CandidateOption[] = [];
  for (let layer: Catalog | null = catalog; layer !== null; layer = layer.parent) {
    for (const resource of layer.data.resources) {
      if (resource.kind !== ref.kind || seen.has(resource.id)) continue;
      const type = resource.flowType;
      if (ref.flowType !== null && type !== undefined && type !== ref.flowType) continue;
      seen.add(resource.id);
      options.push({ text: resource.name, value: resource.id });
    }
  }
  return options.sort((a, b) => a.text.localeCompare(b.text));
}
