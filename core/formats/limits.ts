import type { Diagnostic } from '../diagnostics.js';
import type { FlowContent } from '../flow.js';
import { compactJsonLengthBounds } from './jsonLength.js';

/** Amazon Connect rejects flows with more actions than this. */
export const MAX_ACTIONS = 250;
/** The flow designer cannot export flows with this many blocks or more. */
export const DESIGNER_BLOCK_LIMIT = 100;
/** Amazon Connect's limit on a flow's `Content`, in characters. */
export const MAX_CONTENT_CHARS = 256_000;

const SPLIT_HINT =
  'Split the flow: move self-contained parts into flow modules (Invoke module) or separate flows (Transfer to flow).';

/**
 * Errors for flows Amazon Connect would reject for their size, and a warning for flows the
 * designer cannot export (the warning is left out when the flow is over the hard limit anyway).
 * `sourceChars` is the length of the JSON text `content` was parsed from, when there was one:
 * serialising never makes JSON more than six times longer (`\uXXXX` for one character, or
 * `1e20` written out), so short sources need no measuring at all.
 */
export function checkLimits(content: FlowContent, sourceChars?: number): Diagnostic[] {
  const found: Diagnostic[] = [];
  const count = content.Actions.length;
  if (count > MAX_ACTIONS)
    found.push(flowDiagnostic('error', 'too-many-actions', tooMany(count), SPLIT_HINT));
  else if (count >= DESIGNER_BLOCK_LIMIT) {
    found.push(flowDiagnostic('warning', 'designer-block-limit', designerMessage(count), SPLIT_HINT));
  }
  const size =
    sourceChars !== undefined && sourceChars * 6 <= MAX_CONTENT_CHARS ? null : contentSize(content);
  if (size !== null)
    found.push(flowDiagnostic('error', 'content-too-large', contentMessage(size), contentHint()));
  return found;
}

/**
 * `JSON.stringify(content).length` when it is over the limit (a lower bound, marked not exact,
 * when the bounds alone prove it), or `null` when it is not. Bounds decide most flows without
 * serialising; only flows near the limit are serialised to measure.
 */
function contentSize(content: FlowContent): { readonly chars: number; readonly exact: boolean } | null {
  // Stopping once the limit is proven keeps a 1 MB flow from being walked to the end just to
  // say by how much it is over; the message then says "at least".
  const bounds = compactJsonLengthBounds(content, MAX_CONTENT_CHARS);
  if (bounds.max <= MAX_CONTENT_CHARS) return null;
  if (bounds.min > MAX_CONTENT_CHARS) return { chars: bounds.min, exact: false };
  const chars = JSON.stringify(content).length;
  return chars > MAX_CONTENT_CHARS ? { chars, exact: true } : null;
}

function flowDiagnostic(
  severity: Diagnostic['severity'],
  code: string,
  message: string,
  hint: string,
): Diagnostic {
  return { severity, code, action: null, block: null, message, hint };
}

function tooMany(count: number): string {
  return `The flow has ${count} actions; Amazon Connect accepts at most ${MAX_ACTIONS} in one flow.`;
}

function designerMessage(count: number): string {
  return `The flow has ${count} blocks; the flow designer cannot export flows with ${DESIGNER_BLOCK_LIMIT} blocks or more, so it can only be managed as a file.`;
}

function contentMessage(size: { readonly chars: number; readonly exact: boolean }): string {
  const chars = `${size.exact ? '' : 'at least '}${size.chars.toLocaleString('en-US')}`;
  return `The flow's content is ${chars} characters as compact JSON; Amazon Connect accepts at most ${MAX_CONTENT_CHARS.toLocaleString('en-US')}.`;
}

function contentHint(): string {
  return `${SPLIT_HINT} Long prompt texts and designer notes (Metadata.Annotations) also count.`;
}
