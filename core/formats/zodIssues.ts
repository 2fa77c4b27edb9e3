import type { z } from 'zod';
import { blockName } from '../actions.js';
import type { Diagnostic } from '../diagnostics.js';
import { formatPath, getAt, isJsonObject, type JsonPath } from '../json.js';

const ARTICLES: Readonly<Record<string, string>> = {
  string: 'a string',
  number: 'a number',
  boolean: 'true or false',
  object: 'an object',
  array: 'an array',
};

/** Where in the Flow Language each required field leads, for hints people can act on. */
const FIELD_HINTS: Readonly<Record<string, string>> = {
  Version: 'Set "Version" to "2019-10-30", the only Flow Language version.',
  StartAction: 'Set "StartAction" to the Identifier of the first action.',
  Actions: 'Put the flow\'s actions in an "Actions" array of objects.',
  Identifier: 'Give the action a unique "Identifier" string (the designer uses a UUID).',
  Type: 'Set "Type" to the action type, e.g. "MessageParticipant".',
  NextAction: 'Set "NextAction" to the Identifier of the action this branch leads to.',
  ErrorType: 'Set "ErrorType" to the error this branch handles, e.g. "NoMatchingError".',
  Operator: 'Set "Operator" to a condition operator, e.g. "Equals".',
  Operands: 'Put the values to compare in an "Operands" array, e.g. ["1"].',
  Condition: 'Give each condition branch a "Condition" with "Operator" and "Operands".',
  Parameters: 'Make "Parameters" an object of parameter names and values (or remove it).',
  Transitions: 'Make "Transitions" an object with "NextAction", "Conditions" and "Errors" (or {}).',
  Content: 'Put the Flow Language document in "Content", as a JSON string.',
};

const DEFAULT_HINT =
  'Correct the value to match the Amazon Connect Flow Language, or export the flow again from the designer.';

/** A zod issue path as a JSON path (zod allows symbol keys, which JSON never produces). */
export function issuePath(issue: z.core.$ZodIssue): JsonPath {
  return issue.path.filter((step): step is string | number => typeof step !== 'symbol');
}

/**
 * Says what is wrong at an issue's path in words: `Actions[3].Transitions.Errors[0].NextAction:
 * expected a string, found null`. `root` is the validated value, used to show what was there.
 */
export function describeIssue(issue: z.core.$ZodIssue, root: unknown): string {
  const path = issuePath(issue);
  const where = path.length === 0 ? 'The document' : formatPath(path);
  const expected =
    issue.code === 'invalid_type' ? `expected ${ARTICLES[issue.expected] ?? issue.expected}` : issue.message;
  const found = getAt(root, path);
  return found === undefined
    ? `${where}: missing (${expected})`
    : `${where}: ${expected}, found ${describeValue(found)}`;
}

/** A short description of a JSON value for messages. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (isJsonObject(value)) return 'an object';
  if (typeof value === 'string')
    return value.length > 40 ? `"${value.slice(0, 40)}…"` : JSON.stringify(value);
  return String(value);
}

/** The fix for an issue, chosen by the field it is about. */
export function hintForIssue(issue: z.core.$ZodIssue): string {
  const field = issuePath(issue).findLast((step): step is string => typeof step === 'string');
  return (field !== undefined ? FIELD_HINTS[field] : undefined) ?? DEFAULT_HINT;
}

/**
 * An `invalid-flow` error for a schema issue in a Flow Language document, naming the action and
 * its block when the issue is inside `Actions[i]`.
 */
export function flowIssueDiagnostic(issue: z.core.$ZodIssue, doc: unknown): Diagnostic {
  const path = issuePath(issue);
  const index = path[0] === 'Actions' && typeof path[1] === 'number' ? path[1] : null;
  const action = index === null ? undefined : getAt(doc, ['Actions', index]);
  const id = isJsonObject(action) && typeof action.Identifier === 'string' ? action.Identifier : null;
  const type = isJsonObject(action) && typeof action.Type === 'string' ? action.Type : null;
  const block = type === null ? null : blockName(type);
  const inBlock = block === null ? '' : ` (in the ${block} block${id === null ? '' : ` "${id}"`})`;
  return {
    severity: 'error',
    code: 'invalid-flow',
    action: id,
    block,
    message: `${describeIssue(issue, doc)}${inBlock}`,
    hint: hintForIssue(issue),
  };
}
