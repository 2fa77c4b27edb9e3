import { blockName } from '../actions.js';
import { describeControlCharacter, escapeControlCharacters } from '../controlCharacters.js';
import type { Diagnostic } from '../diagnostics.js';
import type { FlowContent } from '../flow.js';

/**
 * Amazon Connect's limit on a flow or module name, in characters. The CreateContactFlow API
 * reference states only a minimum length of 1; the CloudFormation reference for
 * AWS::Connect::ContactFlow and AWS::Connect::ContactFlowModule gives Maximum: 127.
 */
export const MAX_FLOW_NAME_CHARS = 127;

/**
 * Codes of findings that stop a file from being stored at all (not only from being published):
 * the name becomes the flow's key in the store, and it is shown everywhere the flow is.
 */
export const REFUSED_AT_IMPORT: ReadonlySet<string> = new Set([
  'flow-name-control-character',
  'flow-name-too-long',
  'identifier-control-character',
]);

/** Where a flow's name was taken from, for the hint that says how to change it. */
export type NameSource =
  | { readonly kind: 'field'; readonly field: string }
  | { readonly kind: 'file'; readonly file: string };

/** Errors for a flow name Amazon Connect would refuse or that holds control characters. */
export function flowNameFindings(name: string, source: NameSource): Diagnostic[] {
  const found: Diagnostic[] = [];
  const control = describeControlCharacter(name);
  const fix =
    source.kind === 'field'
      ? `Change ${source.field} in the file`
      : `The name is the file's name (${escapeControlCharacters(source.file)}): rename the file or set Metadata.name`;
  if (control !== null) {
    found.push({
      severity: 'error',
      code: 'flow-name-control-character',
      action: null,
      block: null,
      message: `The flow name ${quoted(shorten(name))} holds the control character ${control}; flowgate does not store names that would rewrite what a terminal or a message shows.`,
      hint: `${fix}: use letters, digits, spaces and punctuation only.`,
    });
  }
  const chars = [...name].length;
  if (chars > MAX_FLOW_NAME_CHARS) {
    found.push({
      severity: 'error',
      code: 'flow-name-too-long',
      action: null,
      block: null,
      message: `The flow name is ${chars.toLocaleString('en-US')} characters long (${quoted(shorten(name))}); Amazon Connect accepts flow and module names of at most ${MAX_FLOW_NAME_CHARS} characters.`,
      hint: `${fix}: at most ${MAX_FLOW_NAME_CHARS} characters.`,
    });
  }
  return found;
}

/** Errors for block identifiers with control characters (identifiers are shown wherever the block is). */
export function identifierFindings(content: FlowContent): Diagnostic[] {
  const found: Diagnostic[] = [];
  for (const action of content.Actions) {
    const control = describeControlCharacter(action.Identifier);
    if (control === null) continue;
    const block = blockName(action.Type);
    found.push({
      severity: 'error',
      code: 'identifier-control-character',
      action: action.Identifier,
      block,
      message: `The ${block} block ${quoted(action.Identifier)} has the control character ${control} in its Identifier; flowgate does not store identifiers that would rewrite what a terminal or a message shows.`,
      hint: 'Give the block an identifier without control characters (the designer uses ids like 3b0c6f1e-8d2a-…), and change the transitions that lead to it.',
    });
  }
  return found;
}

function shorten(name: string): string {
  const chars = [...name];
  return chars.length <= 40 ? name : `${chars.slice(0, 40).join('')}…`;
}

/** A name in quotes with every control character escaped (JSON.stringify leaves DEL and C1 as they are). */
function quoted(name: string): string {
  return escapeControlCharacters(JSON.stringify(name));
}
