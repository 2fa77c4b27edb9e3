import type { z } from 'zod';
import { blockName } from '../actions.js';
import type { Diagnostic } from '../diagnostics.js';
import type { FlowContent } from '../flow.js';
import { isJsonObject, type JsonObject, type JsonPath } from '../json.js';
import { actionLayoutSchema, flowContentSchema, flowMetadataSchema } from './schemas.js';
import { describeIssue, describeValue, flowIssueDiagnostic, issuePath } from './zodIssues.js';

/** The only Flow Language version there is. */
export const FLOW_LANGUAGE_VERSION = '2019-10-30';

/** A Flow Language document checked: the original object, or why it cannot be used. */
export type FlowContentResult =
  | { readonly ok: true; readonly content: FlowContent; readonly diagnostics: readonly Diagnostic[] }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/**
 * Checks that a parsed value is a Flow Language document and returns that same object (not a
 * copy), so unknown keys and key order survive. Structural problems are `invalid-flow` errors;
 * an unexpected `Version` and a malformed designer layout in `Metadata` are warnings.
 */
export function parseFlowContent(doc: unknown): FlowContentResult {
  if (!isJsonObject(doc)) {
    return { ok: false, diagnostics: [notAnObject(doc)] };
  }
  if (!hasFlowShape(doc)) {
    const checked = flowContentSchema.safeParse(doc);
    if (!checked.success) {
      return { ok: false, diagnostics: checked.error.issues.map((issue) => flowIssueDiagnostic(issue, doc)) };
    }
  }
  // The schema has just shown `doc` has this shape; zod's own output is a copy we do not want.
  const content = doc as unknown as FlowContent;
  return { ok: true, content, diagnostics: [...versionFindings(content), ...metadataFindings(content)] };
}

/**
 * The common case, decided without zod: true only when `flowContentSchema` would accept `doc`
 * (the same checks, field by field), so zod runs just to word what is wrong. zod copies every
 * action and its branches on the way, which cost a tenth of reading a flow.
 */
function hasFlowShape(doc: JsonObject): boolean {
  if (typeof doc.Version !== 'string' || typeof doc.StartAction !== 'string') return false;
  if (!isObjectOrAbsent(doc.Metadata) || !isObjectOrAbsent(doc.Settings)) return false;
  const actions = doc.Actions;
  if (!Array.isArray(actions)) return false;
  for (const action of actions) if (!hasActionShape(action)) return false;
  return true;
}

function hasActionShape(action: unknown): boolean {
  if (!isJsonObject(action)) return false;
  if (typeof action.Identifier !== 'string' || typeof action.Type !== 'string') return false;
  if (!isObjectOrAbsent(action.Parameters)) return false;
  const transitions = action.Transitions;
  if (transitions === undefined) return true;
  if (!isJsonObject(transitions)) return false;
  if (transitions.NextAction !== undefined && typeof transitions.NextAction !== 'string') return false;
  return (
    isArrayOrAbsentOf(transitions.Conditions, hasConditionShape) &&
    isArrayOrAbsentOf(transitions.Errors, hasErrorShape)
  );
}

function hasConditionShape(branch: unknown): boolean {
  if (!isJsonObject(branch) || typeof branch.NextAction !== 'string') return false;
  const condition = branch.Condition;
  return (
    isJsonObject(condition) && typeof condition.Operator === 'string' && Array.isArray(condition.Operands)
  );
}

function hasErrorShape(branch: unknown): boolean {
  return (
    isJsonObject(branch) && typeof branch.NextAction === 'string' && typeof branch.ErrorType === 'string'
  );
}

function isObjectOrAbsent(value: unknown): boolean {
  return value === undefined || isJsonObject(value);
}

function isArrayOrAbsentOf(value: unknown, isItem: (item: unknown) => boolean): boolean {
  if (value === undefined) return true;
  if (!Array.isArray(value)) return false;
  for (const item of value) if (!isItem(item)) return false;
  return true;
}

function notAnObject(doc: unknown): Diagnostic {
  return {
    severity: 'error',
    code: 'invalid-flow',
    action: null,
    block: null,
    message: `The flow must be a JSON object with "Version", "StartAction" and "Actions", found ${describeValue(doc)}.`,
    hint: 'Export the flow again from the Amazon Connect designer, or save the Content of describe-contact-flow.',
  };
}

function versionFindings(content: FlowContent): Diagnostic[] {
  if (content.Version === FLOW_LANGUAGE_VERSION) return [];
  return [
    {
      severity: 'warning',
      code: 'unknown-version',
      action: null,
      block: null,
      message: `Version is ${JSON.stringify(content.Version)}; the only Flow Language version flowgate knows is "${FLOW_LANGUAGE_VERSION}".`,
      hint: `Set "Version" to "${FLOW_LANGUAGE_VERSION}" unless Amazon Connect has published a newer version.`,
    },
  ];
}

function metadataFindings(content: FlowContent): Diagnostic[] {
  const metadata = content.Metadata;
  if (metadata === undefined) return [];
  const found = issuesAt(flowMetadataSchema.safeParse(metadata), ['Metadata']);
  const layout = metadata.ActionMetadata;
  if (isJsonObject(layout)) {
    // Checked entry by entry rather than with z.record: zod would copy all of them.
    for (const [id, entry] of Object.entries(layout)) {
      if (hasValidLayout(entry)) continue;
      found.push(...issuesAt(actionLayoutSchema.safeParse(entry), ['Metadata', 'ActionMetadata', id]));
    }
  }
  return found.map((issue) => metadataDiagnostic(issue, content));
}

/** The common case, decided without zod: a layout entry whose positions are number pairs. */
function hasValidLayout(entry: unknown): boolean {
  return isJsonObject(entry) && isPointOrAbsent(entry.position) && isPointOrAbsent(entry.Position);
}

function isPointOrAbsent(value: unknown): boolean {
  return (
    value === undefined || (isJsonObject(value) && typeof value.x === 'number' && typeof value.y === 'number')
  );
}

function issuesAt(result: z.ZodSafeParseResult<unknown>, prefix: JsonPath): z.core.$ZodIssue[] {
  if (result.success) return [];
  return result.error.issues.map((issue) => ({ ...issue, path: [...prefix, ...issue.path] }));
}

function metadataDiagnostic(issue: z.core.$ZodIssue, content: FlowContent): Diagnostic {
  const path = issuePath(issue);
  const id = path[1] === 'ActionMetadata' && typeof path[2] === 'string' ? path[2] : null;
  const type = id === null ? undefined : content.Actions.find((a) => a.Identifier === id)?.Type;
  return {
    severity: 'warning',
    code: 'invalid-metadata',
    action: id,
    block: type === undefined ? null : blockName(type),
    message: `${describeIssue(issue, content)}: the designer may not be able to lay out this flow.`,
    hint: 'Give positions as numbers ({"x": 120, "y": 40}), or open and save the flow in the designer to rewrite its layout.',
  };
}
