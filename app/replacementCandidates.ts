import type { PickerBlock } from '../blocks/actionIds.js';
import { candidatesFor } from '../blocks/candidates.js';
import type { CandidateOption } from '../blocks/types.js';
import type { ServiceDeps } from '../core/deps.js';
import { loadTarget, type TargetDeps } from '../core/service/loadTarget.js';

/** Replacements for one picker's reference whose name contains `query` (type-ahead). */
export type CandidateSearch = (picker: PickerBlock, query: string) => Promise<CandidateOption[]>;

/** At most this many options are shown (Slack's limit for one options response). */
const MAX_OPTIONS = 100;

/** What type-ahead reads: the picker's version, and the target it resolves against. */
export type CandidateDeps = TargetDeps & Pick<ServiceDeps, 'versions'>;

/**
 * Type-ahead for references with more than 100 possible replacements: the resources of the
 * reference's kind in the environment's target whose name contains the typed text (any case).
 */
export function searchCandidates(deps: CandidateDeps): CandidateSearch {
  return async (picker, query) => {
    const version = await deps.versions.getVersion(picker.env, picker.flow, picker.version);
    const reference = version?.references[picker.ref];
    if (reference === undefined) return [];
    const catalog = await loadTarget(deps, picker.env);
    const needle = query.trim().toLowerCase();
    return candidatesFor(catalog, reference)
      .filter((option) => option.text.toLowerCase().includes(needle))
      .slice(0, MAX_OPTIONS);
  };
}
