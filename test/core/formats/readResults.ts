import type { Diagnostic } from '../../../core/diagnostics.js';
import type { ParsedFlow, ReadResult } from '../../../core/flow.js';
import { readFlow } from '../../../core/formats/readFlow.js';

/** Reads a flow that must be readable; the failure names the diagnostics when it is not. */
export function readOk(file: string, input: Uint8Array | string | object): ParsedFlow {
  const result = read(file, input);
  if (!result.ok)
    throw new Error(`expected ${file} to read, got ${JSON.stringify(result.diagnostics, null, 2)}`);
  return result.flow;
}

/** Reads a flow that must fail; returns the failed result. */
export function readFailed(
  file: string,
  input: Uint8Array | string | object,
): Extract<ReadResult, { ok: false }> {
  const result = read(file, input);
  if (result.ok) throw new Error(`expected ${file} to fail, it read as ${result.flow.format}`);
  return result;
}

/** Diagnostics with a given code. */
export function withCode(diagnostics: readonly Diagnostic[], code: string): Diagnostic[] {
  return diagnostics.filter((d) => d.code === code);
}

function read(file: string, input: Uint8Array | string | object): ReadResult {
  const bytes =
    typeof input === 'string' || input instanceof Uint8Array ? input : JSON.stringify(input, null, 2);
  return readFlow(file, bytes);
}
