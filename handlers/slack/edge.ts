import { parse as parseQuery } from 'node:querystring';
import { isValidSlackRequest } from '@slack/bolt';
import { z } from 'zod';

/**
 * The Slack endpoint's edge, in front of Bolt's AwsLambdaReceiver, because the receiver alone
 * falls short of Slack's rules in two ways (checked in @slack/bolt 5's AwsLambdaReceiver):
 *
 * - it refuses only timestamps more than five minutes old: a request signed for ten minutes
 *   from now passes. Slack's "Verifying requests from Slack" says to refuse a timestamp more
 *   than five minutes from local time either way (`abs(now - timestamp) > 60 * 5`);
 * - it parses the body before checking the signature and lets a parse error escape, so a body
 *   that is not JSON (or is `null`, or megabytes of noise) becomes HTTP 500, which Slack
 *   retries, instead of a 400; so does JSON of the wrong shape (`"event": null`, `"actions":
 *   null`, a view submission without its view), which Bolt reads without checking.
 *
 * It also hands Bolt the body decoded as UTF-8: the receiver decodes base64 bodies as ASCII.
 */

/** Requests whose timestamp is further than this from now, either way, are refused (Slack's five minutes). */
export const SLACK_TOLERANCE_SECONDS = 5 * 60;

/**
 * The largest body taken. Slack's largest requests are block actions carrying the whole message
 * (50 blocks of at most 3,000 characters each, with their state): a few hundred kB at most.
 */
export const SLACK_MAX_BODY_BYTES = 1024 * 1024;

/** The parts of an API Gateway (v1 or v2) event the edge reads. */
export interface SlackHttpEvent {
  readonly body?: string | null;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly isBase64Encoded?: boolean;
}

/** The edge's own answer to a request it refuses. */
export interface SlackEdgeResponse {
  readonly statusCode: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** What the edge guards: Bolt's `receiver.toHandler()`. */
export type SlackHttpHandler<E extends SlackHttpEvent, R> = (event: E, context: unknown) => Promise<R>;

/** What the edge needs. */
export interface SlackEdgeOptions {
  readonly signingSecret: string;
  /** Now; the system clock by default. */
  readonly now?: () => Date;
}

/**
 * `inner` behind the edge: unsigned, badly signed, or timed more than five minutes from now
 * (either way) → 401; signed but not a Slack payload (over {@link SLACK_MAX_BODY_BYTES}, not
 * JSON, JSON that is not an object, a form whose `payload` is not a JSON object) → 400 naming
 * what was wrong. Everything else goes to `inner` unchanged, with a base64 body decoded as UTF-8.
 */
export function guardSlackRequests<E extends SlackHttpEvent, R>(
  inner: SlackHttpHandler<E, R>,
  options: SlackEdgeOptions,
): SlackHttpHandler<E, R | SlackEdgeResponse> {
  const now = options.now ?? (() => new Date());
  return async (event, context) => {
    const raw = event.body ?? '';
    const body = event.isBase64Encoded === true ? Buffer.from(raw, 'base64').toString('utf8') : raw;
    if (Buffer.byteLength(body, 'utf8') > SLACK_MAX_BODY_BYTES)
      return refuse(400, 'the request body is too large for a Slack request');
    // Bolt answers Slack's SSL check before verifying (it does nothing but answer 200): kept so.
    if (isSslCheck(body, header(event, 'content-type')))
      return inner({ ...event, body, isBase64Encoded: false }, context);
    const timestamp = header(event, 'x-slack-request-timestamp');
    const signature = header(event, 'x-slack-signature');
    if (!isSigned(options.signingSecret, timestamp, signature, body, now()))
      return refuse(401, 'the request is not signed by Slack, or was signed more than five minutes from now');
    const problem = payloadProblem(body, header(event, 'content-type'));
    if (problem !== null) return refuse(400, problem);
    return inner({ ...event, body, isBase64Encoded: false }, context);
  };
}

function isSigned(
  secret: string,
  timestamp: string | undefined,
  signature: string | undefined,
  body: string,
  now: Date,
): boolean {
  if (timestamp === undefined || signature === undefined || !/^\d{1,12}$/.test(timestamp)) return false;
  // Bolt checks only that a timestamp is not too old; Slack's rule is five minutes either way.
  if (Math.abs(Math.floor(now.getTime() / 1000) - Number(timestamp)) > SLACK_TOLERANCE_SECONDS) return false;
  return isValidSlackRequest({
    signingSecret: secret,
    body,
    headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': Number(timestamp) },
    nowMilliseconds: now.getTime(),
  });
}

const record = z.looseObject({});
const user = z.looseObject({ id: z.string().min(1) });

/**
 * The envelope of each kind of request Slack sends, as far as Bolt reads it before any listener
 * runs (its routing dereferences `event`, `event.item`, `actions`, `view` unchecked). The
 * listeners check the rest of what they use.
 */
const ENVELOPES: Readonly<Record<string, z.ZodType>> = {
  url_verification: z.looseObject({ challenge: z.string() }),
  event_callback: z.looseObject({
    event: z.looseObject({ type: z.string().min(1), item: record.optional() }),
  }),
  app_rate_limited: record,
  block_actions: z.looseObject({
    user,
    actions: z.array(z.looseObject({ action_id: z.string().min(1) })).min(1),
    channel: record.optional(),
    container: record.optional(),
    message: record.optional(),
    view: record.optional(),
  }),
  block_suggestion: z.looseObject({ user, action_id: z.string().min(1), channel: record.optional() }),
  view_submission: z.looseObject({ user, view: z.looseObject({ callback_id: z.string() }) }),
  view_closed: z.looseObject({ user, view: z.looseObject({ callback_id: z.string() }) }),
  shortcut: z.looseObject({ user, callback_id: z.string() }),
  message_action: z.looseObject({ user, callback_id: z.string(), channel: record.optional() }),
};

/** A slash command's form fields (an `ssl_check` carries only that and a token). */
const slashCommand = z.union([
  z.looseObject({ ssl_check: z.string() }),
  z.looseObject({ command: z.string().min(1), user_id: z.string().min(1), channel_id: z.string() }),
]);

/**
 * Why `body` is not something Slack sends, or null. Slack sends JSON objects (events) and forms:
 * slash commands as plain fields, interactions as a `payload` field holding a JSON object.
 */
function payloadProblem(body: string, contentType: string | undefined): string | null {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  if (type === 'application/x-www-form-urlencoded') {
    const form = parseQuery(body);
    const payload = form.payload;
    if (payload === undefined)
      return slashCommand.safeParse(form).success
        ? null
        : 'the form is neither a slash command nor a payload';
    if (typeof payload !== 'string') return 'the form has more than one payload field';
    return envelopeProblem(payload, 'the form field payload');
  }
  return envelopeProblem(body, 'the request body');
}

function envelopeProblem(text: string, what: string): string | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return `${what} is not JSON`;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return `${what} is not a JSON object`;
  const type = 'type' in value && typeof value.type === 'string' ? value.type : null;
  const envelope = type === null ? undefined : ENVELOPES[type];
  if (envelope === undefined) return `${what} is not a kind of request Slack sends to apps`;
  const parsed = envelope.safeParse(value);
  if (parsed.success) return null;
  const issue = parsed.error.issues[0];
  return `${what} is a Slack ${type} request without a valid ${issue?.path.join('.') || 'shape'}`;
}

function isSslCheck(body: string, contentType: string | undefined): boolean {
  if (!(contentType ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded')) return false;
  const form = parseQuery(body);
  return typeof form.ssl_check === 'string' && form.payload === undefined && form.command === undefined;
}

function header(event: SlackHttpEvent, name: string): string | undefined {
  const key = Object.keys(event.headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : event.headers[key];
}

function refuse(statusCode: number, reason: string): SlackEdgeResponse {
  return { statusCode, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: `${reason}\n` };
}
