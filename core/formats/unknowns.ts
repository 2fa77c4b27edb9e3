import { blockName, isKnownActionType } from '../actions.js';
import type { Diagnostic } from '../diagnostics.js';
import type { FlowAction, FlowContent } from '../flow.js';

/** Keys the Flow Language defines at the top of a document. */
export const DOCUMENT_FIELDS: ReadonlySet<string> = new Set([
  'Version',
  'StartAction',
  'Metadata',
  'Actions',
  'Settings',
]);
/** Keys the Flow Language defines on an action. */
export const ACTION_FIELDS: ReadonlySet<string> = new Set([
  'Identifier',
  'Type',
  'Parameters',
  'Transitions',
]);
/** Keys the Flow Language defines in an action's `Transitions`. */
export const TRANSITION_FIELDS: ReadonlySet<string> = new Set(['NextAction', 'Conditions', 'Errors']);

const KEPT_HINT =
  'flowgate keeps it unchanged. Remove it if it is a typo or left over from editing: Amazon Connect may reject fields it does not know.';

/**
 * Warnings for what flowgate does not know but keeps as it is: action types missing from
 * `core/actions.ts`, and unknown fields at document, action and `Transitions` level.
 */
export function findUnknowns(content: FlowContent): Diagnostic[] {
  const found = unknownFields(content, DOCUMENT_FIELDS).map((field) => documentField(field));
  for (const action of content.Actions) {
    if (!isKnownActionType(action.Type)) found.push(unknownType(action));
    for (const field of unknownFields(action, ACTION_FIELDS)) found.push(actionField(action, field, ''));
    const transitions = action.Transitions;
    if (transitions === undefined) continue;
    for (const field of unknownFields(transitions, TRANSITION_FIELDS)) {
      found.push(actionField(action, field, 'Transitions.'));
    }
  }
  return found;
}

function unknownFields(value: object, known: ReadonlySet<string>): string[] {
  return Object.keys(value).filter((key) => !known.has(key));
}

function documentField(field: string): Diagnostic {
  return {
    severity: 'warning',
    code: 'unknown-field',
    action: null,
    block: null,
    message: `The flow has a top-level field "${field}" that is not part of the Flow Language.`,
    hint: KEPT_HINT,
  };
}

function actionField(action: FlowAction, field: string, prefix: string): Diagnostic {
  const block = blockName(action.Type);
  return {
    severity: 'warning',
    code: 'unknown-field',
    action: action.Identifier,
    block,
    message: `The ${block} block "${action.Identifier}" has a field "${prefix}${field}" that is not part of the Flow Language.`,
    hint: KEPT_HINT,
  };
}

function unknownType(action: FlowAction): Diagnostic {
  return {
    severity: 'warning',
    code: 'unknown-action-type',
    action: action.Identifier,
    block: blockName(action.Type),
    message: `Action "${action.Identifier}" has type "${action.Type}", which flowgate does not know; it is kept byte-for-byte and its resource references are not re-targeted.`,
    hint: `Check "${action.Type}" is spelled as Amazon Connect names it; if it is a new block, check its parameters by hand in the target instance.`,
  };
}
