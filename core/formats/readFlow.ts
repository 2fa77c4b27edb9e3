// CONTRACT STUB — replaced by the formats work. Signatures are fixed.
import type { FlowContent, ParsedFlow, ReadResult } from '../flow.js';

/** Files larger than this are refused before parsing. */
export const MAX_INPUT_BYTES = 5 * 1024 * 1024;

/** Detects the container, parses with zod, converts legacy, and reports format-level findings. */
export function readFlow(_file: string, _bytes: Uint8Array | string): ReadResult {
  throw new Error('not implemented');
}

/** Writes `content` back in the container `flow` came in (legacy files come out as Flow Language). */
export function serializeFlow(_flow: ParsedFlow, _content: FlowContent): string {
  throw new Error('not implemented');
}
