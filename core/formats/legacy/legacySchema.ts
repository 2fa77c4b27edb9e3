import { z } from 'zod';
import { formatPath, isJsonObject, type Json, type JsonObject } from '../../json.js';

/*
 * The legacy export (top-level `modules` array), as real files hold it: parameter values may be
 * numbers, booleans or null, `namespace` and `resourceName` may be null or missing, branches may
 * have no `transition`, `metadata` may be null. Objects are loose so that unknown keys survive
 * parsing and the converter can keep or report them (never drop them unseen).
 */

// Input comes from JSON.parse, so every value is already JSON: checking that again (z.json()
// walks every nested value and copies records) cost a fifth of a legacy import for nothing.
const json = z.custom<Json>((value) => value !== undefined);
const jsonObject = z.custom<JsonObject>(isJsonObject, { message: 'expected an object' });

const parameterSchema = z.looseObject({
  name: z.string(),
  value: json.optional(),
  key: z.union([z.string(), z.number()]).nullish(),
  namespace: z.string().nullish(),
  resourceName: z.string().nullish(),
});

const branchSchema = z.looseObject({
  condition: z.string(),
  conditionType: z.string().nullish(),
  conditionValue: json.optional(),
  transition: z.string().nullish(),
});

const moduleSchema = z.looseObject({
  id: z.string().min(1),
  type: z.string().min(1),
  target: z.string().nullish(),
  branches: z.array(branchSchema).nullish(),
  parameters: z.array(parameterSchema).nullish(),
  metadata: jsonObject.nullish(),
});

/** Zod schema of a whole legacy export. */
export const legacyDocumentSchema = z.looseObject({
  modules: z.array(moduleSchema),
  version: z.union([z.string(), z.number()]).nullish(),
  type: z.string().nullish(),
  start: z.string().min(1),
  metadata: jsonObject.nullish(),
});

/** One `parameters[]` entry of a legacy module. */
export type LegacyParameter = z.infer<typeof parameterSchema>;
/** One `branches[]` entry of a legacy module. */
export type LegacyBranch = z.infer<typeof branchSchema>;
/** One legacy module (a block). */
export type LegacyModule = z.infer<typeof moduleSchema>;
/** A parsed legacy export. */
export type LegacyDocument = z.infer<typeof legacyDocumentSchema>;

/** Keys each legacy object is known to have; anything else is reported, never silently dropped. */
export const KNOWN_KEYS = {
  document: ['modules', 'version', 'type', 'start', 'metadata'],
  module: ['id', 'type', 'target', 'branches', 'parameters', 'metadata'],
  parameter: ['name', 'value', 'key', 'namespace', 'resourceName'],
  branch: ['condition', 'conditionType', 'conditionValue', 'transition'],
} as const;

/** `type` or `type/target`, the way people name a legacy block in messages. */
export function legacyLabel(module: LegacyModule): string {
  const target = module.target ?? '';
  return target === '' ? module.type : `${module.type}/${target}`;
}

/** A parse result: the document, or one readable line per schema problem. */
export type LegacyParseResult =
  | { readonly ok: true; readonly document: LegacyDocument }
  | { readonly ok: false; readonly problems: readonly string[] };

/** Parses a legacy export with {@link legacyDocumentSchema}, naming the path of each problem. */
export function safeParseLegacyDocument(input: unknown): LegacyParseResult {
  const parsed = legacyDocumentSchema.safeParse(input);
  if (parsed.success) return { ok: true, document: parsed.data };
  const problems = parsed.error.issues.map((issue) => {
    const where = formatPath(issue.path.filter((step) => typeof step !== 'symbol'));
    return `${where === '' ? '(document)' : where}: ${issue.message}`;
  });
  return { ok: false, problems };
}
