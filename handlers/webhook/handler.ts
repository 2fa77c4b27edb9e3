/**
 * `POST /webhooks/flows?env=<env>`: CI sends flows signed with the environment's secret and gets
 * back the plan report (`flowgate plan --json`) and the stored versions. Small inputs are
 * imported while the request waits; large ones are answered 202 with a status URL
 * (`GET /webhooks/flows/status/<id>`) and imported by the job queue.
 */
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { z } from 'zod';
import type { ReportLink } from '../../app/reportLinks.js';
import { fileNameOf, mediaTypeOf, readWebhookBody } from '../../app/requestBody.js';
import {
  errorAnswer,
  importAnswer,
  MAX_PENDING_MS,
  problem,
  settleOverdue,
  type WebhookAnswer,
  type WebhookImportJob,
  webhookImportJob,
} from '../../app/webhookImport.js';
import { inputKey, isStatusId, loadStatus, saveStatus, statusPath } from '../../app/webhookStatus.js';
import type { ServiceDeps } from '../../core/deps.js';
import type { JobQueue } from '../../core/ports.js';
import type { ImportFile } from '../../core/service/importFlows.js';
import { type SignatureProblem, verifyWebhookSignature, WEBHOOK_TOLERANCE_SECONDS } from './signature.js';

/** A Lambda handler of API Gateway HTTP API (payload v2) events. */
export type WebhookHttpHandler = (
  event: APIGatewayProxyEventV2,
) => Promise<APIGatewayProxyStructuredResultV2>;

/** How much the webhook takes, and how much it imports while the request waits. */
export interface WebhookLimits {
  /** Bodies larger than this (decoded bytes) are refused with 413. */
  readonly maxBodyBytes: number;
  /** Inputs larger than this (the body, or the flows a zip unpacks to) are imported after a 202. */
  readonly syncMaxBytes: number;
  /** Inputs of more files than this are imported after a 202. */
  readonly syncMaxFiles: number;
  /** An import pending longer than this is answered as lost (see `MAX_PENDING_MS`). */
  readonly maxPendingMs: number;
}

/** The default limits: a Lambda takes 6 MB of request, and an import of 1 MB or 20 flows takes seconds. */
export const DEFAULT_WEBHOOK_LIMITS: WebhookLimits = Object.freeze({
  maxBodyBytes: 5 * 1024 * 1024,
  syncMaxBytes: 1024 * 1024,
  syncMaxFiles: 20,
  maxPendingMs: MAX_PENDING_MS,
});

/** What {@link createWebhookHandler} needs. */
export interface WebhookDeps {
  readonly service: ServiceDeps;
  /** The environment's webhook secret, or null when the environment takes no webhooks. */
  readonly secretOf: (env: string) => string | null;
  /** Runs large imports after the 202 (`webhook-import` jobs; see `webhookJobHandlers`). */
  readonly queue: JobQueue;
  readonly limits?: Partial<WebhookLimits>;
  readonly log?: (message: string, error?: unknown) => void;
  /** Links each stored version's HTML report in answers, where the deployment serves reports. */
  readonly reportLink?: ReportLink | null;
}

/** What to do with a body over the limit (the local host says it too, for bodies it refuses first). */
export const WEBHOOK_TOO_LARGE_HINT =
  'Split the flows over several requests, or drop them in the bucket (incoming/<env>/).';

const FLOWS_PATH = '/webhooks/flows';
const STATUS_PREFIX = `${FLOWS_PATH}/status/`;
/** A delivery id names one delivery across retries; the signature alone names one request. */
const DELIVERY_ID = z.string().regex(/^[\w.:-]{1,128}$/);
const DELIVERY_TTL_MS = 24 * 60 * 60 * 1000;

/** The webhook's HTTP handler (the same shape `handlers/local/lambdaHttp.ts` serves). */
export function createWebhookHandler(deps: WebhookDeps): WebhookHttpHandler {
  const limits = { ...DEFAULT_WEBHOOK_LIMITS, ...deps.limits };
  const log = deps.log ?? ((message, error) => console.error(message, error ?? ''));
  return async (event) => {
    try {
      return respond(await route(deps, limits, event));
    } catch (error) {
      log('flowgate: webhook request failed', error);
      return respond(problem(500, 'internal', 'flowgate could not handle the request.', 'Try again later.'));
    }
  };
}

async function route(deps: WebhookDeps, limits: WebhookLimits, event: APIGatewayProxyEventV2) {
  const method = event.requestContext.http.method.toUpperCase();
  // Behind a custom domain's base path the raw path has a prefix: the route starts at /webhooks/.
  const at = event.rawPath.indexOf(FLOWS_PATH);
  const path = at === -1 ? event.rawPath : event.rawPath.slice(at);
  if (path === FLOWS_PATH)
    return method === 'POST' ? acceptFlows(deps, limits, event) : notAllowed(method, path);
  if (path.startsWith(STATUS_PREFIX))
    return method === 'GET'
      ? statusAnswer(deps, limits, path.slice(STATUS_PREFIX.length))
      : notAllowed(method, path);
  return problem(404, 'not-found', `There is nothing at ${path}.`, `POST flows to ${FLOWS_PATH}?env=<env>.`);
}

async function acceptFlows(
  deps: WebhookDeps,
  limits: WebhookLimits,
  event: APIGatewayProxyEventV2,
): Promise<WebhookAnswer> {
  const env = event.queryStringParameters?.env;
  if (env === undefined || env === '')
    return problem(
      400,
      'missing-env',
      'The request names no environment.',
      `POST to ${FLOWS_PATH}?env=<env>.`,
    );
  // Exactly as configured: secret variables do not tell `PROD` from `prod`, so without this an
  // env in another case would pass prod's signature check and reach the import as a stranger.
  if (!Object.hasOwn(deps.service.config.environments, env))
    return problem(
      404,
      'unknown-environment',
      `There is no environment '${env}'.`,
      'Use ?env=<environment> with the name exactly as the flowgate config spells it (names are case-sensitive).',
    );
  const body = bodyBytes(event);
  const refused = await refusal(deps, env, event, body);
  if (refused !== null) return refused;
  if (body.byteLength > limits.maxBodyBytes)
    return problem(
      413,
      'body-too-large',
      `The body is ${body.byteLength} bytes; the webhook takes ${limits.maxBodyBytes}.`,
      WEBHOOK_TOO_LARGE_HINT,
    );
  try {
    const contentType = mediaTypeOf(header(event, 'content-type'));
    const fileName = fileNameOf(event.queryStringParameters?.name ?? header(event, 'x-flowgate-file-name'));
    const files = readWebhookBody(body, { contentType, fileName });
    if (isLarge(body, files, limits)) return await defer(deps, { env, contentType, fileName }, body);
    return await importAnswer(deps.service, env, files, {
      reportLink: deps.reportLink ?? null,
      ...(deps.log === undefined ? {} : { log: deps.log }),
    });
  } catch (error) {
    const answer = errorAnswer(error);
    if (answer === null) throw error;
    return answer;
  }
}

/**
 * Why the request is refused (401), or null when it is signed with the environment's secret,
 * fresh, and neither it nor its delivery was seen before. Claims are recorded only for
 * requests with a good signature, so nobody can spend another sender's delivery ids.
 */
async function refusal(
  deps: WebhookDeps,
  env: string,
  event: APIGatewayProxyEventV2,
  body: Uint8Array,
): Promise<WebhookAnswer | null> {
  const secret = deps.secretOf(env);
  if (secret === null)
    return unauthorized(
      'no-webhook-secret',
      `Environment ${env} takes no webhooks (it has no webhook secret).`,
    );
  const now = deps.service.clock.now();
  const check = verifyWebhookSignature(
    secret,
    { timestamp: header(event, 'x-flowgate-timestamp'), signature: header(event, 'x-flowgate-signature') },
    body,
    now,
  );
  if (!check.ok) return unauthorized(check.problem, SIGNATURE_PROBLEMS[check.problem]);
  // Past this moment the timestamp is stale anyway, so the claim need not outlive it.
  const signatureExpiry = new Date((check.timestamp + WEBHOOK_TOLERANCE_SECONDS) * 1000).toISOString();
  if (!(await deps.service.claims.claimOnce(`webhook:${env}:${check.digest}`, signatureExpiry)))
    return unauthorized('replayed', 'This request was already received.');
  const delivery = DELIVERY_ID.safeParse(header(event, 'x-flowgate-delivery'));
  if (delivery.success) {
    const expiry = new Date(now.getTime() + DELIVERY_TTL_MS).toISOString();
    if (!(await deps.service.claims.claimOnce(`webhook:${env}:delivery:${delivery.data}`, expiry)))
      return unauthorized('replayed', `Delivery ${delivery.data} was already received.`);
  }
  return null;
}

const SIGNATURE_PROBLEMS: Readonly<Record<SignatureProblem, string>> = {
  'missing-signature':
    'The request is not signed (x-flowgate-timestamp and x-flowgate-signature are required).',
  'malformed-timestamp': 'x-flowgate-timestamp is not a unix time in seconds.',
  'malformed-signature': 'x-flowgate-signature is not sha256=<64 hex digits>.',
  'stale-timestamp': `The request is older than ${WEBHOOK_TOLERANCE_SECONDS / 60} minutes.`,
  'future-timestamp': `The request's timestamp is more than ${WEBHOOK_TOLERANCE_SECONDS / 60} minutes ahead.`,
  'bad-signature': 'The signature does not match the body.',
};

function unauthorized(code: string, message: string): WebhookAnswer {
  return problem(
    401,
    code,
    message,
    'Sign "<timestamp>.<raw body>" with HMAC-SHA256 and the environment\'s webhook secret; send a fresh timestamp with each request.',
  );
}

function isLarge(body: Uint8Array, files: readonly ImportFile[], limits: WebhookLimits): boolean {
  const unpacked = files.reduce((sum, f) => sum + f.bytes.byteLength, 0);
  return files.length > limits.syncMaxFiles || Math.max(body.byteLength, unpacked) > limits.syncMaxBytes;
}

/** Stores the body and a pending status, queues the import, and answers 202 with where to look. */
async function defer(
  deps: WebhookDeps,
  request: Pick<WebhookImportJob, 'env' | 'contentType' | 'fileName'>,
  body: Uint8Array,
): Promise<WebhookAnswer> {
  // Unguessable, as the status URL is all a client needs to read the report.
  const id = randomUUID();
  const acceptedAt = deps.service.clock.now().toISOString();
  const { files } = deps.service;
  await files.put(inputKey(id), body, request.contentType || 'application/octet-stream');
  await saveStatus(files, { id, env: request.env, state: 'pending', acceptedAt });
  await deps.queue.enqueue(webhookImportJob({ id, acceptedAt, ...request }));
  return pending(id, request.env);
}

async function statusAnswer(deps: WebhookDeps, limits: WebhookLimits, id: string): Promise<WebhookAnswer> {
  const status = isStatusId(id) ? await loadStatus(deps.service.files, id) : null;
  if (status === null)
    return problem(404, 'unknown-import', `There is no import ${id}.`, 'Use the statusUrl of a 202 answer.');
  // Pending for ever would keep a CI job polling for ever: past the bound it is answered as lost.
  if (status.state === 'pending')
    return (await settleOverdue(deps.service, status, limits.maxPendingMs)) ?? pending(status.id, status.env);
  return { statusCode: status.statusCode, body: status.body };
}

function pending(id: string, env: string): WebhookAnswer {
  const statusUrl = statusPath(id);
  return { statusCode: 202, body: { id, env, state: 'pending', statusUrl }, location: statusUrl };
}

function notAllowed(method: string, path: string): WebhookAnswer {
  return problem(
    405,
    'method-not-allowed',
    `${method} is not allowed on ${path}.`,
    `POST to ${FLOWS_PATH}, GET ${STATUS_PREFIX}<id>.`,
  );
}

/** The body's bytes: API Gateway base64-encodes binary bodies (zips); text comes as it is. */
function bodyBytes(event: APIGatewayProxyEventV2): Uint8Array {
  const body = event.body ?? '';
  return event.isBase64Encoded ? Buffer.from(body, 'base64') : Buffer.from(body, 'utf8');
}

/** A header's value; API Gateway lower-cases names, other callers may not. */
function header(event: APIGatewayProxyEventV2, name: string): string | undefined {
  const headers = event.headers ?? {};
  const direct = headers[name];
  if (direct !== undefined) return direct;
  const found = Object.keys(headers).find((key) => key.toLowerCase() === name);
  return found === undefined ? undefined : headers[found];
}

function respond(answer: WebhookAnswer): APIGatewayProxyStructuredResultV2 {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (answer.location !== undefined) headers.location = answer.location;
  return { statusCode: answer.statusCode, headers, body: `${JSON.stringify(answer.body, null, 2)}\n` };
}
