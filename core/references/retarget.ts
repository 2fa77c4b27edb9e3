// CONTRACT STUB — replaced by the references work. Signature is fixed.
import type { FlowContent } from '../flow.js';
import type { Reference } from './types.js';

/** What one reference should point at in the target. */
export interface Rewrite {
  readonly reference: Reference;
  readonly target: { readonly arn: string | null; readonly id: string | null; readonly name: string };
}

/** A new document with each reference and its metadata copies pointed at its target; the input is not changed. */
export function retarget(_content: FlowContent, _rewrites: readonly Rewrite[]): FlowContent {
  throw new Error('not implemented');
}
