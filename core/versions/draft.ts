import type { PlannedFlow } from '../pipeline.js';
import { sha256 } from './hash.js';
import type { FlowKey, VersionDraft, VersionSource } from './types.js';

/** What a version records besides the planned flow itself. */
export interface DraftContext {
  readonly env: string;
  readonly flowKey: FlowKey;
  readonly author: string;
  readonly createdAt: string;
  readonly source: VersionSource;
  /** The text as delivered and the hash of its bytes. */
  readonly original: string;
  readonly sourceHash: string;
}

/**
 * A version of a planned, readable flow: its content is the re-targeted Flow Language document,
 * serialized compactly (as Connect's designer exports and `DescribeContactFlow` return it), so
 * equal documents give equal `contentHash`es. Null when the flow could not be read.
 */
export function draftOf(planned: PlannedFlow, context: DraftContext): VersionDraft | null {
  if (planned.flow === null || planned.retargeted === null || planned.format === null) return null;
  const content = JSON.stringify(planned.retargeted);
  return {
    env: context.env,
    flowKey: context.flowKey,
    name: planned.name,
    type: planned.type,
    format: planned.format,
    contentHash: sha256(content),
    sourceHash: context.sourceHash,
    source: context.source,
    author: context.author,
    createdAt: context.createdAt,
    restores: null,
    diagnostics: planned.diagnostics,
    references: planned.references,
    resolutions: planned.resolutions,
    content,
    original: context.original,
  };
}
