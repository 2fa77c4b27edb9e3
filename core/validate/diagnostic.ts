import type { Diagnostic, Severity } from '../diagnostics.js';
import type { FlowNode } from './flowModel.js';

/** A finding about one block. */
export function blockDiagnostic(
  node: FlowNode,
  severity: Severity,
  code: string,
  message: string,
  hint: string,
): Diagnostic {
  return { severity, code, action: node.hasId ? node.id : null, block: node.block || null, message, hint };
}

/** A finding about the whole flow. */
export function flowDiagnostic(severity: Severity, code: string, message: string, hint: string): Diagnostic {
  return { severity, code, action: null, block: null, message, hint };
}

/** How messages name a block: `"Transfer to queue" block "a1b2"`. */
export function describeBlock(node: FlowNode): string {
  const id = node.hasId ? JSON.stringify(node.id) : '(no Identifier)';
  return `"${node.block || 'unknown'}" block ${id}`;
}
