import { type Diagnostic, hasErrors, sortDiagnostics } from '../../diagnostics.js';
import type { FlowAction, FlowContent } from '../../flow.js';
import { type FlowType, parseFlowType } from '../../flowTypes.js';
import type { Json, JsonObject } from '../../json.js';
import { RESAVE_HINT } from './converterTypes.js';
import { convertModule, extraKeys } from './convertModule.js';
import { collidingFlowMetadataKeys, flowMetadata } from './legacyMetadata.js';
import { KNOWN_KEYS, type LegacyDocument, safeParseLegacyDocument } from './legacySchema.js';
import { setOwn } from './ownKeys.js';

/** Result of converting a legacy `modules` export to the Flow Language. */
export type LegacyConversion =
  | {
      readonly ok: true;
      readonly content: FlowContent;
      readonly type: FlowType | null;
      readonly name: string | null;
      readonly description: string | null;
      readonly diagnostics: readonly Diagnostic[];
    }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/** The only Flow Language version there is. */
const FLOW_LANGUAGE_VERSION = '2019-10-30';

/** True when a parsed JSON document is a legacy export (top-level `modules` array). */
export function isLegacyDocument(json: unknown): json is JsonObject {
  return typeof json === 'object' && json !== null && Array.isArray((json as { modules?: unknown }).modules);
}

/**
 * Converts a legacy export; `file` is used in messages only. Every module becomes one action
 * with the same `Identifier`, or the whole conversion fails with a reason per module: no block
 * is ever dropped. Findings that do not stop the conversion come back as warnings.
 */
export function convertLegacy(doc: JsonObject, file: string): LegacyConversion {
  const parsed = safeParseLegacyDocument(doc);
  if (!parsed.ok) return { ok: false, diagnostics: parsed.problems.map((p) => invalidDocument(file, p)) };
  const legacy = parsed.document;
  const diagnostics: Diagnostic[] = documentFindings(legacy, file);
  const moduleIds = new Set(legacy.modules.map((m) => m.id));
  const actions: FlowAction[] = [];
  const metadata: Record<string, Json> = {};
  for (const module of legacy.modules) {
    const outcome = convertModule(module, moduleIds);
    diagnostics.push(...outcome.diagnostics);
    if (!outcome.ok) continue;
    actions.push(outcome.action);
    setOwn(metadata, module.id, outcome.metadata);
  }
  if (hasErrors(diagnostics)) return { ok: false, diagnostics: sortDiagnostics(diagnostics) };
  return {
    ok: true,
    content: {
      Version: FLOW_LANGUAGE_VERSION,
      StartAction: legacy.start,
      Metadata: flowMetadata(legacy, metadata),
      Actions: actions,
    },
    type: parseFlowType(legacy.type) ?? parseFlowType(legacy.metadata?.type),
    name: stringOrNull(legacy.metadata?.name),
    description: stringOrNull(legacy.metadata?.description),
    diagnostics: sortDiagnostics(diagnostics),
  };
}

function stringOrNull(value: Json | undefined): string | null {
  return typeof value === 'string' ? value : null;
}

/** Problems with the document as a whole: unknown top-level keys, duplicate ids, a missing start. */
function documentFindings(legacy: LegacyDocument, file: string): Diagnostic[] {
  const found: Diagnostic[] = [];
  for (const key of extraKeys(legacy, KNOWN_KEYS.document)) {
    found.push(
      flowWarning(`${file}: top-level key "${key}" has no place in the Flow Language and was dropped.`),
    );
  }
  for (const key of collidingFlowMetadataKeys(legacy)) {
    found.push(
      flowWarning(`${file}: metadata key "${key}" clashes with the Flow Language's own and was dropped.`),
    );
  }
  const seen = new Set<string>();
  for (const module of legacy.modules) {
    if (seen.has(module.id)) found.push(duplicateId(file, module.id));
    seen.add(module.id);
  }
  if (!seen.has(legacy.start)) found.push(missingStart(file, legacy.start));
  return found;
}

function flowWarning(message: string): Diagnostic {
  return {
    severity: 'warning',
    code: 'legacy-field-dropped',
    action: null,
    block: null,
    message,
    hint: 'Check the converted flow in the flow designer; re-create the setting there if it matters.',
  };
}

function invalidDocument(file: string, problem: string): Diagnostic {
  return {
    severity: 'error',
    code: 'legacy-invalid-document',
    action: null,
    block: null,
    message: `${file} is not a legacy flow export flowgate can read: ${problem}.`,
    hint: RESAVE_HINT,
  };
}

function duplicateId(file: string, id: string): Diagnostic {
  return {
    severity: 'error',
    code: 'legacy-duplicate-id',
    action: id,
    block: null,
    message: `${file}: more than one module has the id "${id}"; Flow Language action identifiers must be unique.`,
    hint: RESAVE_HINT,
  };
}

function missingStart(file: string, start: string): Diagnostic {
  return {
    severity: 'error',
    code: 'legacy-start-missing',
    action: null,
    block: null,
    message: `${file}: the start module "${start}" is not one of the flow's modules.`,
    hint: 'Connect the entry point to a block in the flow designer, then export the flow again.',
  };
}
