// CONTRACT STUB — replaced by the references work. Signature is fixed.
import type { FlowContent } from '../flow.js';
import type { Reference } from './types.js';

/** Every resource reference in a flow, parameters first, with their metadata display copies. */
export function extractReferences(_content: FlowContent): Reference[] {
  throw new Error('not implemented');
}
