import { z } from 'zod';
import { ContactCenterError } from '../../core/errors.js';
import { formatPath, type JsonPath } from '../../core/json.js';

/**
 * The parts of Amazon Connect's responses flowgate depends on, checked at the boundary: a field
 * the SDK types as optional but we cannot do without is required here, so a surprise is an error
 * that names the API and the field instead of an `undefined` deep in a use case.
 */

const text = z.string().min(1);

/** Queues, prompts, hours, quick connects, flows, views, task templates: `{Id, Arn, Name}`. */
export const namedSummary = z.object({ Id: text, Arn: text, Name: text });

export const queueSummary = namedSummary.extend({ QueueType: z.string().optional() });

export const userSummary = z.object({ Id: text, Arn: text, Username: text });

export const flowSummary = namedSummary.extend({
  ContactFlowType: z.string().optional(),
  ContactFlowState: z.string().optional(),
});

export const moduleSummary = namedSummary.extend({ State: z.string().optional() });

export const lambdaArn = text;

export const botConfig = z.object({
  LexBot: z.object({ Name: text, LexRegion: text }).optional(),
  LexV2Bot: z.object({ AliasArn: text }).optional(),
});

export const securityKey = z.object({ AssociationId: text });

const status = z.enum(['PUBLISHED', 'SAVED']).optional();

export const describeFlowResponse = z.object({
  ContactFlow: z.object({
    Arn: text,
    Name: text,
    Type: z.string().optional(),
    Content: text,
    Status: status,
  }),
});

export const describeModuleResponse = z.object({
  ContactFlowModule: z.object({ Arn: text, Name: text, Content: text, Status: status }),
});

export const createFlowResponse = z.object({ ContactFlowId: text, ContactFlowArn: text });

export const createModuleResponse = z.object({ Id: text, Arn: text });

/** One page of a List API: its items (not yet checked) and the token of the next page. */
export interface RawPage {
  readonly items: readonly unknown[];
  readonly next: string | null;
}

const pageEnvelope = z.object({ NextToken: z.string().nullish() }).catchall(z.unknown());

/** Splits a List response into its items under `key` and the next token (`null` on the last page). */
export function parsePage(api: string, key: string, response: unknown): RawPage {
  const envelope = parseResponse(api, pageEnvelope, response);
  const items = envelope[key];
  if (items !== undefined && items !== null && !Array.isArray(items)) {
    throw unexpected(api, `${key}: expected an array`);
  }
  const next = envelope.NextToken;
  return { items: items ?? [], next: next === undefined || next === null || next === '' ? null : next };
}

/** `response` checked against `schema`; a `ContactCenterError` naming the API and the field otherwise. */
export function parseResponse<T>(api: string, schema: z.ZodType<T>, response: unknown, at: JsonPath = []): T {
  const parsed = schema.safeParse(response);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = formatPath([...at, ...(issue === undefined ? [] : issuePath(issue))]);
  throw unexpected(api, `${where === '' ? '(response)' : where}: ${issue?.message ?? 'unexpected shape'}`);
}

function issuePath(issue: z.core.$ZodIssue): (string | number)[] {
  return issue.path.filter((step): step is string | number => typeof step !== 'symbol');
}

function unexpected(api: string, detail: string): ContactCenterError {
  return new ContactCenterError(
    'unexpected-response',
    `Amazon Connect ${api} returned a response flowgate does not understand (${detail}).`,
  );
}
