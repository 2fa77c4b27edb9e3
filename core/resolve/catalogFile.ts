import { z } from 'zod';
import { CatalogError } from '../errors.js';
import { FLOW_TYPES, parseFlowType } from '../flowTypes.js';
import type { JsonPath } from '../json.js';
import { type Problem, summarizeProblems } from '../problems.js';
import { RESOURCE_KINDS, type ResourceKind } from '../references/types.js';
import { parseArn, resourceKindOfArn } from './arn.js';
import type { CatalogData, CatalogMapping, CatalogResource } from './types.js';

/** Kinds that flows name without an ARN, so a catalog may leave `arn` empty for them. */
const KINDS_WITHOUT_ARN: ReadonlySet<ResourceKind> = new Set(['security-key', 'lex-v1-bot']);

/** How many problems one error message lists before it says "and N more". */

const nonEmpty = z.string().min(1);

/** Flow types are accepted as the API enum or the designer's camelCase (`customerQueue`). */
const flowTypeSchema = z.preprocess((value) => parseFlowType(value) ?? value, z.enum(FLOW_TYPES));

// Entries are strict: a misspelt `flowtype` silently dropped would make the flow match every type.
const resourceSchema = z.strictObject({
  kind: z.enum(RESOURCE_KINDS),
  id: nonEmpty,
  arn: z.string(),
  name: nonEmpty,
  flowType: flowTypeSchema.optional(),
});

const mappingSchema = z.strictObject({
  kind: z.enum(RESOURCE_KINDS),
  source: nonEmpty,
  target: nonEmpty,
});

const catalogSchema = z.object({
  name: nonEmpty,
  instanceArn: nonEmpty,
  parent: nonEmpty.optional(),
  resources: z.array(resourceSchema),
  mappings: z.array(mappingSchema).optional(),
});

type CatalogFile = z.infer<typeof catalogSchema>;

/**
 * Parses a catalog file's JSON (`{"name","instanceArn","parent"?,"resources":[…],"mappings"?:[…]}`).
 * Throws `CatalogError` whose `key` names the first offending field (`resources[3].kind`) and whose
 * message lists the problems. `parent` is returned as the path the file gave, for the caller to load.
 */
export function parseCatalogFile(
  json: unknown,
  source: string,
): { data: CatalogData; parent: string | null } {
  const parsed = catalogSchema.safeParse(json, { reportInput: true });
  if (!parsed.success) throw catalogError(source, parsed.error.issues.map(describeIssue));
  const file = parsed.data;
  const problems = checkContent(file);
  if (problems.length > 0) throw catalogError(source, problems);
  return { data: toCatalogData(file), parent: file.parent ?? null };
}

function toCatalogData(file: CatalogFile): CatalogData {
  const resources = file.resources.map(
    (r): CatalogResource => ({
      kind: r.kind,
      id: r.id,
      arn: r.arn,
      name: r.name,
      ...(r.flowType === undefined ? {} : { flowType: r.flowType }),
    }),
  );
  const mappings = (file.mappings ?? []).map((m): CatalogMapping => ({ ...m }));
  return { name: file.name, instanceArn: file.instanceArn, resources, mappings };
}

/** What the schema cannot say: ARNs that parse and agree with the kind, unique ids, types on flows only. */
function checkContent(file: CatalogFile): Problem[] {
  const problems: Problem[] = [];
  const instance = parseArn(file.instanceArn);
  if (instance === null || instance.service !== 'connect' || instance.resourceType !== 'instance') {
    problems.push({
      path: ['instanceArn'],
      message: `expected an Amazon Connect instance ARN (arn:aws:connect:REGION:ACCOUNT:instance/ID), got '${file.instanceArn}'`,
    });
  }
  const seen = new Map<string, number>();
  file.resources.forEach((resource, index) => {
    problems.push(...checkResource(resource, index));
    const key = `${resource.kind}\u0000${resource.id}`;
    const first = seen.get(key);
    if (first === undefined) seen.set(key, index);
    else {
      problems.push({
        path: ['resources', index, 'id'],
        message: `duplicate ${resource.kind} id '${resource.id}' (also resources[${first}])`,
      });
    }
  });
  return problems;
}

function checkResource(resource: CatalogFile['resources'][number], index: number): Problem[] {
  const problems: Problem[] = [];
  if (resource.flowType !== undefined && resource.kind !== 'flow') {
    problems.push({
      path: ['resources', index, 'flowType'],
      message: `only flows have a type, not ${resource.kind}`,
    });
  }
  if (resource.arn === '') {
    if (!KINDS_WITHOUT_ARN.has(resource.kind)) {
      problems.push({ path: ['resources', index, 'arn'], message: `a ${resource.kind} needs its ARN` });
    }
    return problems;
  }
  const arn = parseArn(resource.arn);
  const arnKind = arn === null ? null : resourceKindOfArn(arn);
  if (arn === null) {
    problems.push({ path: ['resources', index, 'arn'], message: `not an ARN: '${resource.arn}'` });
  } else if (arnKind !== null && arnKind !== resource.kind) {
    problems.push({
      path: ['resources', index, 'arn'],
      message: `is the ARN of a ${arnKind}, but kind is ${resource.kind}`,
    });
  }
  return problems;
}

/** A zod issue in words people can act on, at the key it is about. */
function describeIssue(issue: z.core.$ZodIssue): Problem {
  const path = issue.path.filter((step): step is string | number => typeof step !== 'symbol');
  const missing = !('input' in issue) || issue.input === undefined;
  switch (issue.code) {
    case 'invalid_value':
      return {
        path,
        message: `${missing ? 'required, ' : ''}expected one of ${issue.values.map(String).join(', ')}${
          missing ? '' : ` (got ${JSON.stringify(issue.input)})`
        }`,
      };
    case 'invalid_type':
      return {
        path,
        message: missing ? 'required' : `expected ${issue.expected}, got ${typeName(issue.input)}`,
      };
    case 'too_small':
      return { path, message: 'must not be empty' };
    case 'unrecognized_keys':
      return {
        path: [...path, issue.keys[0] ?? ''],
        message: `unknown key (expected keys: ${expectedKeys(path)})`,
      };
    default:
      return { path, message: issue.message };
  }
}

function expectedKeys(path: JsonPath): string {
  const shape = path[0] === 'mappings' ? mappingSchema.shape : resourceSchema.shape;
  return Object.keys(shape).join(', ');
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : typeof value;
}

function catalogError(source: string, problems: readonly Problem[]): CatalogError {
  const { key, message } = summarizeProblems(source, problems);
  return new CatalogError(source, key, message);
}

/**
 * A catalog as the file format above holds it, so `parseCatalogFile` reads back the same data:
 * `parent` is the path (relative to this file) of the parent's catalog file, or null. Throws
 * `CatalogError` when the data would not read back (an inventory the format cannot hold), naming
 * `source` and the first offending resource, rather than writing a file `plan` then refuses.
 */
export function formatCatalogFile(data: CatalogData, parent: string | null, source: string): unknown {
  const file = {
    name: data.name,
    instanceArn: data.instanceArn,
    ...(parent === null ? {} : { parent }),
    resources: data.resources.map((r) => ({
      kind: r.kind,
      id: r.id,
      arn: r.arn,
      name: r.name,
      ...(r.flowType === undefined ? {} : { flowType: r.flowType }),
    })),
    mappings: data.mappings.map((m) => ({ kind: m.kind, source: m.source, target: m.target })),
  };
  parseCatalogFile(file, source);
  return file;
}
