import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { InProcessJobQueue } from '../../../adapters/local/InProcessJobQueue.js';
import type { ReportLink } from '../../../app/reportLinks.js';
import { webhookJobHandlers } from '../../../app/webhookImport.js';
import type { ServiceDeps } from '../../../core/deps.js';
import type { Job, JobQueue } from '../../../core/ports.js';
import { createWebhookHandler, type WebhookLimits } from '../../../handlers/webhook/handler.js';
import { signWebhook } from '../../../handlers/webhook/signature.js';
import { makeDeps, type ServiceKit, type ServiceKitOptions } from '../../fakes/serviceKit.js';
import { loadFixture } from '../../fixtures.js';

/** The secrets of the kit's environments (prod and test take webhooks; shared does not). */
export const SECRETS: Readonly<Record<string, string>> = {
  prod: 'prod-webhook-secret-0123456789',
  test: 'test-webhook-secret-0123456789',
};

/** The kit clock's time in unix seconds. */
export const NOW_SECONDS = Date.parse('2026-11-21T10:00:00.000Z') / 1000;

/** A webhook handler over the service fakes, with its queue for deferred imports. */
export interface WebhookKit {
  readonly kit: ServiceKit;
  readonly handler: (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>;
  readonly queue: InProcessJobQueue;
  /** The use cases' dependencies the handler runs on (the kit's, with the webhook actors as editors). */
  readonly service: ServiceDeps;
}

/** Options of {@link makeWebhookKit}. */
export interface WebhookKitOptions {
  /** When false, the webhook actors are not editors. Default true. */
  readonly webhookEditors?: boolean;
  readonly limits?: Partial<WebhookLimits>;
  /** Approval overrides per environment (e.g. `{ prod: { autoPublish: true } }`). */
  readonly approval?: ServiceKitOptions['approval'];
  /** Links reports in answers. */
  readonly reportLink?: ReportLink;
  /** The secrets' lookup; default {@link SECRETS} by exact name. */
  readonly secretOf?: (env: string) => string | null;
  /** The queue deferred imports go to instead of the kit's in-process one (a queue that loses them). */
  readonly queue?: JobQueue;
}

/** The handler over `makeDeps()`, with `webhook:prod` and `webhook:test` as editors. */
export function makeWebhookKit(options: WebhookKitOptions = {}): WebhookKit {
  const kit = makeDeps(options.approval === undefined ? {} : { approval: options.approval });
  const { roles } = kit.deps.config;
  const editors =
    options.webhookEditors === false ? roles.editors : [...roles.editors, 'webhook:prod', 'webhook:test'];
  const service: ServiceDeps = { ...kit.deps, config: { ...kit.deps.config, roles: { ...roles, editors } } };
  const reportLink = options.reportLink ?? null;
  const queue = new InProcessJobQueue({
    ...webhookJobHandlers(service, { reportLink, log: () => {} }),
    sleep: async () => {},
  });
  const handler = createWebhookHandler({
    service,
    secretOf: options.secretOf ?? ((env) => SECRETS[env] ?? null),
    queue: options.queue ?? queue,
    ...(options.limits === undefined ? {} : { limits: options.limits }),
    log: () => {},
    reportLink,
  });
  return { kit, handler, queue, service };
}

/** A request to the webhook. */
export interface RequestOptions {
  readonly method?: string;
  readonly path?: string;
  readonly env?: string | null;
  readonly body?: Uint8Array | string;
  readonly contentType?: string;
  /** Sign with this secret (default the environment's); null: send no signature headers. */
  readonly secret?: string | null;
  readonly timestamp?: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly query?: Readonly<Record<string, string>>;
}

/** An API Gateway v2 event as `handlers/local/lambdaHttp.ts` builds it, signed unless told not to. */
export function webhookEvent(options: RequestOptions = {}): APIGatewayProxyEventV2 {
  const env = options.env === undefined ? 'prod' : options.env;
  const method = options.method ?? 'POST';
  const path = options.path ?? '/webhooks/flows';
  const bytes = toBytes(options.body ?? '');
  const binary = options.contentType === 'application/zip';
  const timestamp = String(options.timestamp ?? NOW_SECONDS);
  const secret = options.secret === undefined ? SECRETS[env ?? ''] : options.secret;
  const signed =
    secret === null || secret === undefined
      ? {}
      : { 'x-flowgate-timestamp': timestamp, 'x-flowgate-signature': signWebhook(secret, timestamp, bytes) };
  const query = { ...(env === null ? {} : { env }), ...options.query };
  return {
    version: '2.0',
    routeKey: `${method} ${path}`,
    rawPath: path,
    rawQueryString: new URLSearchParams(query).toString(),
    headers: { 'content-type': options.contentType ?? 'application/json', ...signed, ...options.headers },
    queryStringParameters: query,
    requestContext: { http: { method, path } },
    body: binary ? Buffer.from(bytes).toString('base64') : Buffer.from(bytes).toString('utf8'),
    isBase64Encoded: binary,
  } as unknown as APIGatewayProxyEventV2;
}

/** The fixture flow as it would be saved (text), optionally renamed or changed first. */
export function greetingText(change: (flow: GreetingFlow) => void = () => {}): string {
  const flow = loadFixture<GreetingFlow>('webhook/greeting.json');
  change(flow);
  return `${JSON.stringify(flow, null, 2)}\n`;
}

/** The parts of the fixture flow tests change. */
export interface GreetingFlow {
  Metadata: { name: string };
  Actions: { Identifier: string; Transitions: { NextAction?: string } }[];
}

/** A response's JSON body. */
export function jsonBody<T = Record<string, unknown>>(response: APIGatewayProxyStructuredResultV2): T {
  return JSON.parse(response.body ?? 'null') as T;
}

function toBytes(body: Uint8Array | string): Uint8Array {
  return typeof body === 'string' ? new TextEncoder().encode(body) : body;
}

/** A queue that keeps what it is given and runs nothing: a process killed before its jobs ran. */
export function heldQueue(): JobQueue & { readonly jobs: Job[] } {
  const jobs: Job[] = [];
  return {
    jobs,
    async enqueue(job) {
      jobs.push(job);
    },
  };
}
