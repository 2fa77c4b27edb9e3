import type { Diagnostic } from '../diagnostics.js';
import { blockDiagnostic, describeBlock, flowDiagnostic } from './diagnostic.js';
import type { FlowModel, FlowNode } from './flowModel.js';

/** Flow Language limit on `Identifier` length. */
export const MAX_IDENTIFIER_LENGTH = 50;

const FORBIDDEN = /[%:()\\/=$,;[\]{}]/g;
/** The same set without `g`, for a test that allocates nothing (every identifier is checked). */
const HAS_FORBIDDEN = /[%:()\\/=$,;[\]{}]/;
const RESERVED = new Set([
  '__proto__',
  'constructor',
  '__defineGetter__',
  '__defineSetter__',
  'toString',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  'valueOf',
]);
/** Template placeholders (Handlebars, Terraform/CloudFormation, token replacement) a deploy step fills in. */
const PLACEHOLDER = /\{\{.*?\}\}|\$\{[^}]*\}|%%.*?%%/g;

/** `missing-start-action`: `StartAction` absent or naming no action. */
export function checkStartAction(model: FlowModel): Diagnostic[] {
  if (model.start !== null && model.byId.has(model.start)) return [];
  const what =
    model.start === null ? 'has no StartAction' : `starts at "${model.start}", which is not an action`;
  return [
    flowDiagnostic(
      'error',
      'missing-start-action',
      `The flow ${what}.`,
      'Set StartAction to the Identifier of the first action (export the flow again from the designer).',
    ),
  ];
}

/** `duplicate-identifier`, `invalid-identifier` and `placeholder-identifier`. */
export function checkIdentifiers(model: FlowModel): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const node of model.nodes) {
    if (node.hasId && seen.has(node.id)) out.push(duplicate(node));
    seen.add(node.id);
    out.push(...identifierFindings(node));
  }
  return out;
}

function duplicate(node: FlowNode): Diagnostic {
  return blockDiagnostic(
    node,
    'error',
    'duplicate-identifier',
    `Identifier "${node.id}" is used by more than one action; transitions to it are ambiguous.`,
    'Give each action its own Identifier and point the transitions at the one you mean.',
  );
}

/**
 * Identifiers holding a template placeholder come from repositories whose deploy step fills
 * them in (Terraform `templatefile`, Handlebars). Their final length and characters are only
 * known after rendering, so they get a warning; any forbidden character outside the
 * placeholders is still an error.
 */
function identifierFindings(node: FlowNode): Diagnostic[] {
  if (!node.hasId) return [invalid(node, 'The action has no string Identifier.')];
  const outside = node.id.replace(PLACEHOLDER, '');
  const templated = outside !== node.id;
  const problem = identifierProblem(node.id, outside, templated);
  if (problem !== null) return [invalid(node, problem)];
  if (!templated) return [];
  return [
    blockDiagnostic(
      node,
      'warning',
      'placeholder-identifier',
      `Identifier "${node.id}" contains a template placeholder; it can only be checked once rendered.`,
      'Render the template (fill the placeholders) before importing, or check the rendered ids are unique, at most 50 characters and free of % : ( \\ / ) = $ , ; [ ] { }.',
    ),
  ];
}

function identifierProblem(id: string, outside: string, templated: boolean): string | null {
  if (id === '') return 'The action has an empty Identifier.';
  if (RESERVED.has(id)) return `Identifier "${id}" is a reserved name.`;
  // UTF-16 length is never below the character count, so short ids need no counting.
  if (!templated && id.length > MAX_IDENTIFIER_LENGTH && [...id].length > MAX_IDENTIFIER_LENGTH) {
    return `Identifier "${id}" is ${[...id].length} characters long; the limit is ${MAX_IDENTIFIER_LENGTH}.`;
  }
  if (!HAS_FORBIDDEN.test(outside)) return null;
  const bad = [...new Set(outside.match(FORBIDDEN) ?? [])];
  return bad.length === 0 ? null : `Identifier "${id}" contains ${bad.map((c) => `"${c}"`).join(', ')}.`;
}

function invalid(node: FlowNode, message: string): Diagnostic {
  return blockDiagnostic(
    node,
    'error',
    'invalid-identifier',
    message,
    'Use an Identifier of 1 to 50 characters without % : ( \\ / ) = $ , ; [ ] { } and not a reserved name such as __proto__ or constructor; update the transitions that point to it.',
  );
}

/** `dangling-transition`: a NextAction, Conditions or Errors target that is not an action. */
export function checkTransitions(model: FlowModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const node of model.nodes) {
    for (const edge of node.edges) {
      if (model.byId.has(edge.target)) continue;
      const target =
        edge.target === '' ? 'has no target' : `points to "${edge.target}", which is not an action`;
      out.push(
        blockDiagnostic(
          node,
          'error',
          'dangling-transition',
          `${edge.where} of ${describeBlock(node)} ${target}.`,
          'Connect the branch to an existing block in the designer, or correct the NextAction to an existing Identifier.',
        ),
      );
    }
  }
  return out;
}
