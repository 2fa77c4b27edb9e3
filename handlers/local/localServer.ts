import { randomBytes } from 'node:crypto';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { S3Client } from '@aws-sdk/client-s3';
import { AwsLambdaReceiver, SocketModeReceiver } from '@slack/bolt';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { LocalStack } from '../../adapters/local/localStack.js';
import { type Backend, serviceDeps } from '../../app/compose/backend.js';
import { dropReader, inProcessQueue } from '../../app/compose/queues.js';
import { slackClient, slackSide } from '../../app/compose/slack.js';
import { EXPIRE_REQUESTS_JOB } from '../../app/expireDueRequests.js';
import { renderVersionPng } from '../../app/flowPicture.js';
import { releaseAbandonedRun } from '../../app/jobOnce.js';
import { searchCandidates } from '../../app/replacementCandidates.js';
import { REPORT_PREFIX, reportLinker } from '../../app/reportLinks.js';
import type { Notifier } from '../../core/ports.js';
import { createReportHandler } from '../reports/handler.js';
import { createS3Import } from '../s3-import/handler.js';
import { createSlackApp, guardSlackRequests, type SlackAppOptions } from '../slack/app.js';
import { createWebhookHandler, WEBHOOK_TOO_LARGE_HINT } from '../webhook/handler.js';
import { createWorker, runScheduledEvent } from '../worker/handler.js';
import { type HttpLambda, serveLambda, writeJsonError } from './lambdaHttp.js';
import { watchLocalBucket } from './localWatcher.js';

/** The Slack side of the local server, from the environment (SLACK_*). */
export interface LocalSlackSettings {
  readonly signingSecret: string;
  readonly botToken: string;
  /** The Web API base URL: a fake in tests, Slack's by default. */
  readonly apiUrl?: string;
  /** With an app token the bot joins the workspace in Socket Mode instead of serving HTTP events. */
  readonly appToken?: string;
  readonly botId: string;
  readonly botUserId: string;
}

/** Options of {@link startLocalServer}. */
export interface LocalServerOptions {
  readonly backend: Backend;
  /**
   * Tells environments' channels what happened. Default, as in AWS: the Slack app's notifier (each
   * environment's first bound channel), none with Slack off; null tells nobody.
   */
  readonly notifier?: Notifier | null;
  /**
   * The Slack app; null runs with Slack off (no Slack app configured): the webhook, S3 drops and
   * reports are served, `/slack/events` is not, and drop reports go to the log.
   */
  readonly slack: LocalSlackSettings | null;
  /** Default 3000; 0 picks a free port. */
  readonly port?: number;
  /** Files larger than this are refused before download. Default 5 MB (flowgate's input limit). */
  readonly maxFileBytes?: number;
  readonly log?: (message: string, error?: unknown) => void;
  /** Each environment's webhook secret (FLOWGATE_WEBHOOK_SECRET_<ENV>); null: no webhooks there. */
  readonly webhookSecrets?: (env: string) => string | null;
  /** Signs report links (`reportUrl`); a random one per run when not given. */
  readonly reportSecret?: string;
  /** The base URL report links use (a tunnel's, for people on other machines); default: where the server listens. */
  readonly publicUrl?: string;
  /**
   * Where queued jobs are kept until they have run (the data folder's `jobs/`): a job the previous
   * process accepted (a 202 webhook import, a Slack upload) and never finished runs on start.
   * Without it, queued jobs die with the process.
   */
  readonly jobsDir?: string;
  /** The local stack's bucket: objects put under `incoming/<env>/` are imported like S3 drops. */
  readonly bucket?: { readonly onS3Event: LocalStack['onS3Event']; readonly client: S3Client };
  /**
   * How often publish requests past their expiry are expired (the worker's `expire-requests`
   * job, as the schedule runs it in AWS). Default one minute: locally nobody waits 15.
   */
  readonly expiryIntervalMs?: number;
}

/** A running local server. */
export interface LocalServer {
  readonly url: string;
  /**
   * How Slack's events arrive: `http` at `/slack/events`, `socket-mode` over Slack's socket (the
   * HTTP server then serves the rest only), or `off` when no Slack app is configured.
   */
  readonly slack: 'http' | 'socket-mode' | 'off';
  /** An expiring link (a week) to the HTML report of a stored version. */
  reportUrl(env: string, flowKey: string, version: number): string;
  /** Waits for queued jobs to finish (tests). */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * `flowgate start`: the Slack bot, the CI webhook and S3 drops on loopback, the way Lambda runs them. `POST /slack/events` goes
 * through Bolt's AWS Lambda receiver (signature checked there), listeners queue jobs in-process,
 * and the worker runs them against the given use-case dependencies (the local stack by default).
 * With an app token it uses Socket Mode instead, with the same listeners and the same job path.
 */
export async function startLocalServer(options: LocalServerOptions): Promise<LocalServer> {
  const { backend } = options;
  const log = options.log ?? ((message, error) => console.error(message, error ?? ''));
  // No Slack client at all with Slack off: nothing may try to reach Slack (there may be no network).
  const slack =
    options.slack === null
      ? null
      : slackSide(
          slackClient({ botToken: options.slack.botToken, apiUrl: options.slack.apiUrl }, 'working'),
          backend.config,
          options.maxFileBytes,
        );
  // The same notices as the Lambdas send, so what people see in Slack does not depend on the host.
  const notifier = options.notifier === undefined ? (slack?.notifier ?? null) : options.notifier;
  const reportSecret = options.reportSecret ?? randomBytes(32).toString('hex');
  // Known once the server listens; reports are only linked from messages posted after that.
  let baseUrl = 'http://127.0.0.1';
  const reportLink = reportLinker({
    baseUrl: () => options.publicUrl ?? baseUrl,
    secret: reportSecret,
    clock: backend.clock,
  });
  const reports = createReportHandler({ service: backend, secret: reportSecret, log });
  const worker = createWorker({ backend, slack, notifier, log, reportLink, picture: renderVersionPng });
  // As in Lambda: one queue for Slack jobs and large webhook imports, each job run once to completion.
  const queue = inProcessQueue({
    handler: async (job) => {
      await worker.run(job);
    },
    onFailure: (job, error) => worker.reportFailure(job, error),
    logError: log,
    ...(options.jobsDir === undefined ? {} : { journalDir: options.jobsDir }),
  });
  // The process that held these jobs is gone (one server per data folder), so its leases go too.
  const recovered = await queue.recover((job) => releaseAbandonedRun(backend.claims, job));
  if (recovered.length > 0)
    log(
      `flowgate: resuming ${recovered.length} job${recovered.length === 1 ? '' : 's'} a previous run left unfinished`,
    );
  const webhook = (event: APIGatewayProxyEventV2) =>
    createWebhookHandler({
      service: serviceDeps(backend, notifier),
      secretOf: options.webhookSecrets ?? (() => null),
      queue,
      log,
      reportLink,
    })(event);
  // S3 drops: the local bucket's events, imported as the S3 Lambda would.
  const watcher =
    options.bucket === undefined
      ? null
      : watchLocalBucket(
          options.bucket.onS3Event,
          createS3Import({
            backend,
            read: dropReader(options.bucket.client),
            slack: slack?.messenger ?? null,
            notifier,
            log,
            reportLink,
            picture: renderVersionPng,
          }),
          log,
        );
  const drain = async () => {
    await Promise.all([queue.drain(), watcher?.idle()]);
    await queue.drain();
  };
  const slackApp =
    options.slack === null
      ? SLACK_OFF
      : await startSlack(options.slack, {
          config: backend.config,
          claims: backend.claims,
          queue,
          clock: backend.clock,
          log,
          candidates: searchCandidates(serviceDeps(backend, null)),
        });
  const expiry = everyInterval(
    options.expiryIntervalMs ?? 60_000,
    async () => {
      await runScheduledEvent(worker, { kind: EXPIRE_REQUESTS_JOB }, log);
    },
    log,
  );
  const server = createServer(router({ slack: slackApp.handler, reports, webhook }, log));
  const url = await listen(server, options.port ?? 3000);
  baseUrl = url;
  return {
    url,
    reportUrl: reportLink,
    slack: options.slack === null ? 'off' : slackApp.handler === null ? 'socket-mode' : 'http',
    drain,
    stop: async () => {
      await expiry.stop();
      watcher?.stop();
      await slackApp.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Where Slack's events come in: an HTTP route, or null (over Socket Mode, or Slack off). */
interface SlackEndpoint {
  readonly handler: HttpLambda | null;
  stop(): Promise<unknown>;
}

/** Slack off: no route, nothing to stop. */
const SLACK_OFF: SlackEndpoint = { handler: null, stop: async () => {} };

/**
 * The Slack app with its listeners: over Socket Mode with an app token (Slack's events arrive on
 * the socket, and `handler` is null), else behind Bolt's AWS Lambda receiver, as in Lambda.
 */
async function startSlack(settings: LocalSlackSettings, ctx: SlackAppOptions['ctx']): Promise<SlackEndpoint> {
  const { apiUrl, appToken } = settings;
  const base = {
    token: settings.botToken,
    botId: settings.botId,
    botUserId: settings.botUserId,
    ctx,
    ...(apiUrl === undefined ? {} : { slackApiUrl: apiUrl }),
  };
  if (appToken !== undefined) {
    const app = createSlackApp({
      ...base,
      // The Socket Mode client opens its connection with its own WebClient (apps.connections.open):
      // it must use the same Slack API URL as the bot, or it goes to slack.com whatever SLACK_API_URL says.
      receiver: new SocketModeReceiver({
        appToken,
        ...(apiUrl === undefined ? {} : { installerOptions: { clientOptions: { slackApiUrl: apiUrl } } }),
      }),
    });
    await app.start();
    return { handler: null, stop: () => app.stop() };
  }
  const receiver = new AwsLambdaReceiver({ signingSecret: settings.signingSecret });
  createSlackApp({ ...base, receiver });
  // As in the Lambda: what Slack never sends (a timestamp out of range, signed junk) is refused first.
  const toHandler = guardSlackRequests(receiver.toHandler(), { signingSecret: settings.signingSecret });
  return {
    handler: async (event) => (await toHandler(event as never, {})) as APIGatewayProxyStructuredResultV2,
    stop: async () => {},
  };
}

/**
 * Routes requests as API Gateway does in AWS: Slack's events (when not over Socket Mode), the
 * reports, the webhook, and a health check.
 */
function router(
  routes: { readonly slack: HttpLambda | null; readonly reports: HttpLambda; readonly webhook: HttpLambda },
  log: (message: string, error?: unknown) => void,
): RequestListener {
  return (req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const fail = (error: unknown) => {
      log('request failed', error);
      if (!res.headersSent)
        writeJsonError(res, 500, {
          code: 'internal',
          message: 'flowgate could not handle the request.',
          hint: 'Try again; the log of `npm start` says what failed.',
        });
    };
    if (req.method === 'POST' && path === '/slack/events' && routes.slack !== null) {
      serveLambda(routes.slack, req, res).catch(fail);
    } else if (path.startsWith(REPORT_PREFIX)) {
      serveLambda(routes.reports, req, res).catch(fail);
    } else if (path.startsWith('/webhooks/')) {
      // Every path under /webhooks/ goes to the handler, so a mistyped one is answered as the
      // webhook documents its errors, with the right path in the hint.
      serveLambda(routes.webhook, req, res, { binary: true, tooLargeHint: WEBHOOK_TOO_LARGE_HINT }).catch(
        fail,
      );
    } else if (req.method === 'GET' && path === '/healthz') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    } else {
      res.writeHead(404).end();
    }
  };
}

/** A signing secret for a local run that was given none: printed, so local tools can sign with it. */
export function generatedSigningSecret(): string {
  return randomBytes(16).toString('hex');
}

/**
 * Runs `task` every `ms`, never two at once (a slow run delays the next instead of overlapping
 * it); `stop()` ends the timer and waits for a run in progress, so nothing writes after stop.
 */
function everyInterval(
  ms: number,
  task: () => Promise<void>,
  log: (message: string, error?: unknown) => void,
): { stop(): Promise<void> } {
  let running: Promise<void> | null = null;
  const timer = setInterval(() => {
    if (running !== null) return;
    running = task()
      .catch((error: unknown) => log('expire-requests: the run failed; the next one tries again', error))
      .finally(() => {
        running = null;
      });
  }, ms);
  // A timer alone must not keep `flowgate start` (or a test) alive.
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}

function listen(server: Server, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      resolve(
        typeof address === 'object' && address !== null
          ? `http://127.0.0.1:${address.port}`
          : `http://127.0.0.1:${port}`,
      );
    });
  });
}
