import { z } from 'zod';
import type { Diagnostic } from '../../core/diagnostics.js';
import { FlowgateError } from '../../core/errors.js';
import type { FlowFormat } from '../../core/flow.js';
import { FLOW_TYPES, type FlowKind } from '../../core/flowTypes.js';
import { RESOURCE_KINDS, type Reference } from '../../core/references/types.js';
import type { Resolution, ResolutionStep } from '../../core/resolve/types.js';
import type { AuditAction, RequestState, VersionSource } from '../../core/versions/types.js';

/**
 * zod schemas of the items the DynamoDB adapters read back: every item is checked here before it
 * becomes a domain value, so a corrupt or foreign item fails loudly, naming its key.
 */

const FORMATS: Record<FlowFormat, true> = {
  'flow-language': true,
  legacy: true,
  'describe-contact-flow': true,
  'describe-contact-flow-module': true,
  wrapper: true,
};

const STEPS: Record<ResolutionStep, true> = {
  dynamic: true,
  arn: true,
  mapping: true,
  id: true,
  bundle: true,
  name: true,
  rule: true,
  unresolved: true,
};

const STATES: Record<RequestState, true> = {
  pending: true,
  approved: true,
  rejected: true,
  expired: true,
  published: true,
  failed: true,
};

const AUDIT_ACTIONS: Record<AuditAction, true> = {
  import: true,
  resolve: true,
  request: true,
  approve: true,
  reject: true,
  expire: true,
  publish: true,
  'publish-failed': true,
  associate: true,
  rollback: true,
};

const CHANNELS: Record<VersionSource['channel'], true> = {
  cli: true,
  slack: true,
  s3: true,
  webhook: true,
  pull: true,
  promote: true,
  rollback: true,
  snapshot: true,
};

/** `z.enum` over the keys of an exhaustive record, so a new member of the union fails to compile here. */
function enumOf<T extends string>(members: Record<T, true>) {
  return z.enum(Object.keys(members) as [T, ...T[]]);
}

const flowTypeSchema = z.enum(FLOW_TYPES);
const flowKindSchema = z.union([flowTypeSchema, z.literal('MODULE')]) satisfies z.ZodType<FlowKind>;
const jsonPathSchema = z.array(z.union([z.string(), z.number()]));

/** A diagnostic as stored with a version. */
export const diagnosticSchema = z.object({
  severity: z.enum(['error', 'warning']),
  code: z.string(),
  action: z.string().nullable(),
  block: z.string().nullable(),
  message: z.string(),
  hint: z.string(),
}) satisfies z.ZodType<Diagnostic>;

/** A reference as stored in a version's body. */
export const referenceSchema = z.object({
  kind: z.enum(RESOURCE_KINDS),
  action: z.string(),
  actionType: z.string(),
  path: jsonPathSchema,
  value: z.string(),
  name: z.string().nullable(),
  valueKind: z.enum(['arn', 'id', 'dynamic', 'placeholder', 'name']),
  required: z.boolean(),
  flowType: flowTypeSchema.nullable(),
  copies: z.array(jsonPathSchema),
  nameCopies: z.array(jsonPathSchema),
}) satisfies z.ZodType<Reference>;

/** A resolution as stored in a version's body. */
export const resolutionSchema = z.object({
  by: enumOf(STEPS),
  target: z.object({ arn: z.string().nullable(), id: z.string().nullable(), name: z.string() }).nullable(),
  inherited: z.boolean(),
  rule: z.object({ from: z.string(), to: z.string() }).exactOptional(),
}) satisfies z.ZodType<Resolution>;

/** A version item: the summary fields, and its body inline (gzip) or in the file store. */
export const versionItemSchema = z.object({
  env: z.string(),
  flowKey: z.string(),
  number: z.number().int().positive(),
  name: z.string(),
  type: flowKindSchema.nullable(),
  format: enumOf(FORMATS),
  contentHash: z.string(),
  sourceHash: z.string(),
  source: z.object({ channel: enumOf(CHANNELS), ref: z.string(), env: z.string().exactOptional() }),
  author: z.string(),
  createdAt: z.string(),
  restores: z.number().int().nullable(),
  diagnostics: z.array(diagnosticSchema),
  /** True when the diagnostics were too large for the item and live in the body. */
  diagnosticsInBody: z.boolean(),
  bodyGzip: z.instanceof(Uint8Array).optional(),
  bodyKey: z.string().optional(),
});

/** A version item, checked. */
export type VersionItem = z.infer<typeof versionItemSchema>;

/** What an append compares with: the latest version's number and content hash. */
export const latestVersionSchema = z.object({ number: z.number().int().positive(), contentHash: z.string() });

/** The latest version's number and content hash. */
export type LatestVersion = z.infer<typeof latestVersionSchema>;

/** A version's body: the large fields, kept together inline or in one file. */
export const versionBodySchema = z.object({
  content: z.string(),
  original: z.string(),
  references: z.array(referenceSchema),
  resolutions: z.array(resolutionSchema),
  diagnostics: z.array(diagnosticSchema).nullable(),
});

/** A flow head item. */
export const headItemSchema = z.object({
  env: z.string(),
  flowKey: z.string(),
  name: z.string(),
  type: flowKindSchema.nullable(),
  latest: z.number().int().positive(),
  published: z.number().int().positive().nullable(),
  target: z.object({ arn: z.string(), id: z.string() }).nullable(),
  updatedAt: z.string(),
});

/** A publish request item. Its expiry is `requestExpiresAt`: `expiresAt` is the table's TTL attribute. */
export const requestItemSchema = z.object({
  id: z.string(),
  env: z.string(),
  flowKey: z.string(),
  version: z.number().int().positive(),
  contentHash: z.string(),
  resolutionHash: z.string(),
  driftHash: z.string().nullable(),
  requester: z.string(),
  requestedAt: z.string(),
  requestExpiresAt: z.string(),
  state: enumOf(STATES),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  reason: z.string().nullable(),
  batch: z.string().optional(),
});

/** A publish request item, checked. */
export type RequestItem = z.infer<typeof requestItemSchema>;

/** The pointer from a request id to its flow. */
export const requestRefItemSchema = z.object({ env: z.string(), flowKey: z.string() });

/** The marker of a version's open request: which request holds it, and since when. */
export const openRequestItemSchema = z.object({ request: z.string(), claimedAt: z.string() });

/** An entry of an environment's flow or request index: the sort key is all it needs. */
export const indexItemSchema = z.object({ sk: z.string(), flowKey: z.string() });

/** A remembered mapping item. */
export const mappingItemSchema = z.object({
  env: z.string(),
  kind: z.enum(RESOURCE_KINDS),
  source: z.string(),
  sourceName: z.string().optional(),
  target: z.string(),
  chosenBy: z.string(),
  chosenAt: z.string(),
});

/** An audit event item. */
export const auditItemSchema = z.object({
  id: z.string(),
  env: z.string(),
  at: z.string(),
  actor: z.string(),
  action: enumOf(AUDIT_ACTIONS),
  flowKey: z.string().nullable(),
  detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});

/** The months of an environment that hold audit events. */
export const auditMonthsItemSchema = z.object({ months: z.set(z.string()) });

/**
 * Checks an item read from the table. Throws `FlowgateError` `corrupt-item` naming the item's key
 * and every field that is wrong.
 */
export function parseItem<T>(schema: z.ZodType<T>, item: Record<string, unknown>, what: string): T {
  const result = schema.safeParse(item);
  if (result.success) return result.data;
  const problems = result.error.issues
    .map((issue) => `${issue.path.map(String).join('.') || '(item)'}: ${issue.message}`)
    .join('; ');
  throw new FlowgateError(
    'corrupt-item',
    `DynamoDB item ${describeKey(item)} is not a valid ${what}: ${problems}`,
    { cause: result.error },
  );
}

/** `pk / sk` of an item, for messages. */
export function describeKey(item: Record<string, unknown>): string {
  return `${String(item.pk)} / ${String(item.sk)}`;
}
