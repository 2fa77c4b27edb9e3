import type { z } from 'zod';
import { blockName } from '../actions.js';
import type { Diagnostic } from '../diagnostics.js';
import type { FlowContent } from '../flow.js';
import { isJsonObject, type JsonPath } from '../json.js';
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
  const checked = flowContentSchema.safeParse(doc);
  if (!checked.success) {
    return { ok: false, diagnostics: checked.error.issues.map((issue) => flowIssueDiagnostic(issue, doc)) };
  }
  // The schema has just shown `doc` has this shape; zod's own output is a copy we do not want.
  const content = doc as unknown as FlowContent;
  return { ok: true, content, diagnostics: [...versionFindings(content), ...metadataFindings(content)] };
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
