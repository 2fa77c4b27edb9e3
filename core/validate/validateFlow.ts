// CONTRACT STUB — replaced by the validation work. Signature is fixed.
import type { Diagnostic } from '../diagnostics.js';
import type { FlowContent } from '../flow.js';
import type { FlowKind } from '../flowTypes.js';

/** Structure and flow-type rules for one flow. `type` null skips the type-specific rules. */
export function validateFlow(_content: FlowContent, _type: FlowKind | null): Diagnostic[] {
  throw new Error('not implemented');
}
