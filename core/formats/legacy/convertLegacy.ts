// CONTRACT STUB — replaced by the legacy-conversion work. Signature is fixed.
import type { Diagnostic } from '../../diagnostics.js';
import type { FlowContent } from '../../flow.js';
import type { FlowType } from '../../flowTypes.js';
import type { JsonObject } from '../../json.js';

/** Result of converting a legacy `modules` export to the Flow Language. */
export type LegacyConversion =
  | {
      readonly ok: true;
      readonly content: FlowContent;
      readonly type: FlowType | null;
      readonly name: string | null;
      readonly description: string | null;
      readonly diagnostics: readonly Diagnostic[];
    }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/** True when a parsed JSON document is a legacy export (top-level `modules` array). */
export function isLegacyDocument(json: unknown): json is JsonObject {
  return typeof json === 'object' && json !== null && Array.isArray((json as { modules?: unknown }).modules);
}

/** Converts a legacy export; `file` is used in messages only. */
export function convertLegacy(_doc: JsonObject, _file: string): LegacyConversion {
  throw new Error('not implemented');
}
