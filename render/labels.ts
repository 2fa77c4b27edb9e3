import type { FlowAction } from '../core/flow.js';
import { isJsonObject, type Json, type JsonObject } from '../core/json.js';
import { lambdaFunctionName } from '../core/references/arnKind.js';
import type { Reference } from '../core/references/types.js';

/** One outgoing branch of a block, in the order the designer lists them. */
export interface Branch {
  /** What the designer writes beside the branch: `Success`, `Error`, `Timeout`, `= 1`… */
  readonly label: string;
  /** The `Identifier` the branch leads to. */
  readonly target: string;
  readonly kind: 'condition' | 'next' | 'error';
}

const OPERATORS: Readonly<Record<string, string>> = {
  Equals: '=',
  NumberGreaterThan: '>',
  NumberGreaterOrEqualTo: '≥',
  NumberLessThan: '<',
  NumberLessOrEqualTo: '≤',
  TextContains: 'contains',
  TextStartsWith: 'starts with',
  TextEndsWith: 'ends with',
};

const ERRORS: Readonly<Record<string, string>> = {
  NoMatchingError: 'Error',
  NoMatchingCondition: 'No match',
  InputTimeLimitExceeded: 'Timeout',
  TimeLimitExceeded: 'Timeout',
  QueueAtCapacity: 'At capacity',
};

// Blocks that take input call their fall-through branch "Default" rather than "No match".
const DEFAULT_BRANCH_TYPES = new Set(['GetParticipantInput', 'ConnectParticipantWithLexBot', 'ShowView']);

/**
 * The branches of an action as the designer shows them: conditions first, then the default
 * successor (`Success`), then the error branches.
 */
export function actionBranches(action: FlowAction): Branch[] {
  const transitions = action.Transitions ?? {};
  const branches: Branch[] = [];
  for (const condition of transitions.Conditions ?? []) {
    branches.push({
      label: conditionLabel(action.Type, condition.Condition.Operator, condition.Condition.Operands),
      target: condition.NextAction,
      kind: 'condition',
    });
  }
  if (transitions.NextAction !== undefined) {
    branches.push({ label: 'Success', target: transitions.NextAction, kind: 'next' });
  }
  for (const error of transitions.Errors ?? []) {
    branches.push({
      label: errorLabel(action.Type, error.ErrorType),
      target: error.NextAction,
      kind: 'error',
    });
  }
  return branches;
}

function conditionLabel(type: string, operator: string, operands: readonly Json[]): string {
  const values = operands.map(operandText).join(', ');
  if (type === 'CheckHoursOfOperation' && operator === 'Equals') {
    if (/^true$/i.test(values)) return 'In hours';
    if (/^false$/i.test(values)) return 'Out of hours';
  }
  return `${OPERATORS[operator] ?? operator} ${values}`;
}

function operandText(operand: Json): string {
  if (typeof operand === 'string') return operand;
  if (typeof operand === 'number' || typeof operand === 'boolean') return String(operand);
  // Nested conditions: the designer shows a summary too, not the tree.
  return '…';
}

function errorLabel(type: string, errorType: string): string {
  if (errorType === 'NoMatchingCondition' && DEFAULT_BRANCH_TYPES.has(type)) return 'Default';
  return ERRORS[errorType] ?? sentenceCase(errorType);
}

/** `InvalidPhoneNumber` → `Invalid phone number`. */
function sentenceCase(name: string): string {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

// Ids the designer generates; anything else someone typed, so it says what the block does.
const GENERATED_ID = /^[0-9a-f]{8,}(-[0-9a-f]+)*$/i;

/**
 * The short line under a block's name: the action id when a person chose it, else what the
 * block works with: its prompt text, the display name of the resource it points at (or the
 * attribute that holds it), the value it compares, the attributes it sets, or its first setting.
 * `null` when there is nothing worth showing. Not clipped.
 */
export function blockLabel(
  action: FlowAction,
  metadata: JsonObject | undefined,
  references: readonly Reference[],
): string | null {
  if (metadata?.isFriendlyName === true || !GENERATED_ID.test(action.Identifier)) return action.Identifier;
  const parameters = action.Parameters ?? {};
  return (
    promptText(parameters) ??
    referenceText(references) ??
    stringAt(parameters, 'ComparisonValue') ??
    attributeNames(parameters) ??
    firstSetting(parameters)
  );
}

function promptText(parameters: JsonObject): string | null {
  const text = stringAt(parameters, 'Text');
  if (text !== null) return text;
  const ssml = stringAt(parameters, 'SSML');
  if (ssml !== null) return ssml.replace(/<[^>]*>/g, ' ');
  const messages = parameters.Messages;
  if (!Array.isArray(messages)) return null;
  for (const message of messages) {
    if (isJsonObject(message)) {
      const inner = promptText(message);
      if (inner !== null) return inner;
    }
  }
  return null;
}

function referenceText(references: readonly Reference[]): string | null {
  for (const reference of references) {
    if (reference.name !== null && reference.name.trim() !== '') return reference.name;
  }
  for (const reference of references) {
    if (reference.valueKind === 'dynamic' || reference.valueKind === 'name') return reference.value || null;
    const fn = lambdaFunctionName(reference.value);
    if (fn !== null) return fn;
  }
  // An ARN with no name beside it: its last segment is the resource id, the part people compare.
  const value = references[0]?.value ?? '';
  const tail = value.split(/[/:]/).pop() ?? '';
  return tail === '' ? null : tail;
}

function attributeNames(parameters: JsonObject): string | null {
  const attributes = parameters.Attributes;
  if (!isJsonObject(attributes)) return null;
  const names = Object.keys(attributes);
  return names.length > 0 ? names.join(', ') : null;
}

function firstSetting(parameters: JsonObject): string | null {
  for (const [key, value] of Object.entries(parameters)) {
    if (typeof value === 'string' && value.trim() !== '') return `${key}: ${value}`;
    if (typeof value === 'number' || typeof value === 'boolean') return `${key}: ${value}`;
  }
  return null;
}

function stringAt(parameters: JsonObject, key: string): string | null {
  const value = parameters[key];
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}
