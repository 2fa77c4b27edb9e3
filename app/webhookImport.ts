import { z } from 'zod';
import type { Actor } from '../core/config.js';
import type { ServiceDeps } from '../core/deps.js';
import { hasErrors } from '../core/diagnostics.js';
import { FlowgateError, ServiceError } from '../core/errors.js';
import type { Job } from '../core/ports.js';
import { type JsonReport, planReport } from '../core/report.js';
import type { AutoPublishResult } from '../core/service/autoPublish.js';
import type { ImportFile, ImportResult } from '../core/service/importFlows.js';
import { importUnpacked } from './importUploads.js';
import type { ReportLink } from './reportLinks.js';
import { readWebhookBody, WebhookBodyError } from './requestBody.js';
import { inputKey, loadStatus, saveStatus, type WebhookStatus } from './webhookStatus.js';

/** An HTTP answer before it is serialized: the status and the JSON body. */
export interface WebhookAnswer {
  readonly statusCode: number;
  readonly body: unknown;
  /** Where the result will be (a 202's status URL). */
  readonly location?: string;
}

/** A stored version, as the webhook reports it. */
export interface WebhookVersion {
  readonly file: string;
  readonly flowKey: string;
  readonly name: string;
  readonly number: number;
  /** False when the content equals the latest version (nothing new was stored). */
  readonly created: boolean;
  readonly contentHash: string;
  /** An expiring link to the version's HTML report (where the deployment serves reports). */
  readonly reportUrl?: string;
}

/** What auto-publishing did, where the environment says `autoPublish`. */
export interface WebhookAutoPublish {
  /** True when every stored version was published or waits for a publisher's approval. */
  readonly ok: boolean;
  /** The flows written, in publish order, with where they live. */
  readonly published: readonly { flowKey: string; version: number; state: string; arn: string | null }[];
  /** Requests waiting for a publisher (the environment requires approval). */
  readonly pending: readonly { requestId: string; flowKey: string; version: number }[];
  /** Why a flow was not requested, or the batch not published. */
  readonly problems: readonly string[];
  /** The publish outcome for people (what was written, the way back), or null when nothing was published. */
  readonly summary: string | null;
}

/**
 * `flowgate plan --json`'s report, with the environment, the versions the import stored and,
 * where the environment auto-publishes, what publishing did.
 */
export interface WebhookReport extends JsonReport {
  readonly env: string;
  readonly versions: readonly WebhookVersion[];
  readonly autoPublish?: WebhookAutoPublish;
}

/** What a webhook import adds to the use cases: report links and a log. */
export interface WebhookImportOptions {
  /** Links each stored version's HTML report in the answer; absent: no links. */
  readonly reportLink?: ReportLink | null;
  readonly log?: (message: string, error?: unknown) => void;
  /** How long an accepted import may stay pending; default {@link MAX_PENDING_MS}. */
  readonly maxPendingMs?: number;
}

/**
 * How long an import answered 202 may stay pending before its status says it was lost: longer
 * than any run plus its retries. In AWS a job is received at most 3 times (serverless.yml's
 * maxReceiveCount), each failed delivery visible again 30 minutes after it was taken (the
 * VisibilityTimeout) and each run at most 5 minutes (the worker's timeout): about 95 minutes from
 * the 202 to the end of the last run, and the last run records its failure itself. Locally the
 * queue runs on start what a stopped server left. Past this, nothing will run it.
 */
export const MAX_PENDING_MS = 2 * 60 * 60_000;

/**
 * When `status` is pending past `maxPendingMs`, records it as lost (a 500 `import-lost` saying
 * when it was accepted and what to do) and returns that answer; else null. Recorded, not only
 * answered, so a job that turns up later does not import what its sender was told failed.
 */
export async function settleOverdue(
  service: Pick<ServiceDeps, 'files' | 'clock'>,
  status: WebhookStatus,
  maxPendingMs: number = MAX_PENDING_MS,
): Promise<WebhookAnswer | null> {
  if (status.state !== 'pending') return null;
  const now = service.clock.now();
  if (now.getTime() - Date.parse(status.acceptedAt) <= maxPendingMs) return null;
  const answer = problem(
    500,
    'import-lost',
    `Import ${status.id} into ${status.env}, accepted at ${status.acceptedAt}, did not finish within ${formatMinutes(maxPendingMs)}: the job running it was lost (the server was restarted or the worker stopped before it ran to the end), and nothing will run it now. Flows it stored before it stopped are kept.`,
    'Send the request again (with a new x-flowgate-delivery id): flows already stored are not stored twice. If it is lost again, tell the flowgate admins.',
  );
  await saveStatus(service.files, {
    id: status.id,
    env: status.env,
    state: 'done',
    acceptedAt: status.acceptedAt,
    finishedAt: now.toISOString(),
    statusCode: answer.statusCode,
    body: answer.body,
  });
  return answer;
}

function formatMinutes(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  return minutes % 60 === 0 && minutes >= 60
    ? `${minutes / 60} hour${minutes === 60 ? '' : 's'}`
    : `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/** The job kind of a deferred webhook import. */
export const WEBHOOK_IMPORT_JOB = 'webhook-import';

const jobSchema = z.object({
  id: z.string().min(1),
  env: z.string().min(1),
  contentType: z.string(),
  fileName: z.string().min(1),
  acceptedAt: z.string().min(1),
});

/** A deferred webhook import: the body waits in the FileStore under `webhook/input/<id>`. */
export type WebhookImportJob = z.infer<typeof jobSchema>;

/** A job payload as a {@link WebhookImportJob}; throws `FlowgateError` `invalid-job` when it is not one. */
export function parseWebhookImportJob(payload: unknown): WebhookImportJob {
  const parsed = jobSchema.safeParse(payload);
  if (!parsed.success)
    throw new FlowgateError('invalid-job', `Not a webhook import job: ${parsed.error.message}`, {
      cause: parsed.error,
    });
  return parsed.data;
}

/** The queue job that runs {@link processWebhookImport} for `job`. */
export function webhookImportJob(job: WebhookImportJob): Job {
  return { kind: WEBHOOK_IMPORT_JOB, key: `${WEBHOOK_IMPORT_JOB}:${job.id}`, payload: { ...job } };
}

/** Who a webhook import acts as: `webhook:<env>`, which the config must list among the editors. */
export function webhookActor(env: string): Actor {
  return { id: `webhook:${env}`, groups: [] };
}

/**
 * Imports the files into `env` as the webhook actor, keeps each new version's HTML report,
 * auto-publishes where the environment says so, and answers with the plan report and the stored
 * versions: 422 when a flow has an error diagnostic, 409 when auto-publishing could not publish
 * every version (refused, or the contact center failed), 200 otherwise, so CI can fail on either.
 */
export async function importAnswer(
  service: ServiceDeps,
  env: string,
  files: readonly ImportFile[],
  options: WebhookImportOptions = {},
): Promise<WebhookAnswer> {
  const log = options.log ?? ((message, error) => console.error(message, error ?? ''));
  const { result, published } = await importUnpacked(
    { service, log },
    { env, files, actor: webhookActor(env), channel: 'webhook' },
  );
  const body = reportOf(result, options.reportLink ?? null, published);
  const failed = result.flows.some((f) => hasErrors(f.analysis.diagnostics));
  const statusCode = failed ? 422 : body.autoPublish?.ok === false ? 409 : 200;
  return { statusCode, body };
}

/** The webhook's report of an import (and of auto-publishing it, when that ran). */
export function reportOf(
  result: ImportResult,
  reportLink: ReportLink | null = null,
  published: AutoPublishResult | null = null,
): WebhookReport {
  // planReport reads flows and order only; an import's result carries no cycles.
  const report = planReport({ flows: result.flows.map((f) => f.analysis), order: result.order });
  const versions = result.flows.flatMap((f) =>
    f.version === null
      ? []
      : [
          {
            file: f.file,
            flowKey: f.version.flowKey,
            name: f.version.name,
            number: f.version.number,
            created: f.created,
            contentHash: f.version.contentHash,
            ...(reportLink === null
              ? {}
              : { reportUrl: reportLink(result.env, f.version.flowKey, f.version.number) }),
          },
        ],
  );
  return {
    ...report,
    env: result.env,
    versions,
    ...(published === null ? {} : { autoPublish: autoPublishOf(published) }),
  };
}

function autoPublishOf(published: AutoPublishResult): WebhookAutoPublish {
  const { outcome } = published;
  return {
    ok: published.problems.length === 0 && (outcome === null || outcome.ok),
    published: (outcome?.flows ?? []).map((f) => ({
      flowKey: f.flowKey,
      version: f.version,
      state: f.state,
      arn: f.arn,
    })),
    pending: published.requests
      .filter((r) => r.state === 'pending')
      .map((r) => ({ requestId: r.id, flowKey: r.flowKey, version: r.version })),
    problems: published.problems,
    summary: outcome?.summary ?? null,
  };
}

/** The answer to an error a request can cause, or null for an unexpected one (a 500). */
export function errorAnswer(error: unknown): WebhookAnswer | null {
  if (error instanceof WebhookBodyError) return problem(error.status, error.code, error.message, error.hint);
  if (error instanceof ServiceError && error.code === 'forbidden')
    return problem(
      403,
      error.code,
      error.message,
      'List the webhook actor among the editors in the flowgate config, e.g. roles.editors: [webhook:prod].',
    );
  if (error instanceof ServiceError && error.code === 'unknown-environment')
    return problem(404, error.code, error.message, 'Use ?env=<one of the configured environments>.');
  return null;
}

/** A JSON error answer: `{"error": {code, message, hint}}`. */
export function problem(statusCode: number, code: string, message: string, hint: string): WebhookAnswer {
  return { statusCode, body: { error: { code, message, hint } } };
}

/**
 * Runs a deferred import (the worker's half of a 202): reads the stored body, imports it and
 * stores the answer as the import's status. Errors a request can cause become its status; other
 * errors are thrown for the queue to retry, and {@link reportWebhookFailure} records the last one.
 */
export async function processWebhookImport(
  service: ServiceDeps,
  job: WebhookImportJob,
  options: WebhookImportOptions = {},
): Promise<void> {
  // A redelivered job whose work was already recorded keeps its first answer.
  const status = await loadStatus(service.files, job.id);
  if (status?.state === 'done') return;
  // Too late: the status URL has answered (or may answer at any moment) that it was lost.
  if (status !== null && (await settleOverdue(service, status, options.maxPendingMs)) !== null) return;
  const body = await service.files.get(inputKey(job.id));
  const answer =
    body === null
      ? problem(500, 'input-missing', `The body of import ${job.id} is gone.`, 'Send the request again.')
      : await answerOf(service, job, body, options);
  await finish(service, job, answer);
}

/** Records that a deferred import failed for good, so the status URL stops saying pending. */
export async function reportWebhookFailure(
  service: ServiceDeps,
  job: WebhookImportJob,
  error: unknown,
): Promise<void> {
  const reason = error instanceof Error ? error.message : String(error);
  await finish(
    service,
    job,
    problem(
      500,
      'import-failed',
      `The import failed: ${reason}`,
      'Send the request again; if it fails again, tell the flowgate admins.',
    ),
  );
}

/**
 * What a job queue needs to run deferred webhook imports (locally `InProcessJobQueue`'s
 * `handler` and `onFailure`; in Lambda the worker calls the same for `webhook-import` jobs).
 */
export function webhookJobHandlers(
  service: ServiceDeps,
  options: WebhookImportOptions = {},
): {
  handler: (job: Job) => Promise<void>;
  onFailure: (job: Job, error: unknown) => Promise<void>;
} {
  return {
    handler: (job) => processWebhookImport(service, parseWebhookImportJob(job.payload), options),
    onFailure: (job, error) => reportWebhookFailure(service, parseWebhookImportJob(job.payload), error),
  };
}

async function answerOf(
  service: ServiceDeps,
  job: WebhookImportJob,
  body: Uint8Array,
  options: WebhookImportOptions,
): Promise<WebhookAnswer> {
  try {
    const files = readWebhookBody(body, { contentType: job.contentType, fileName: job.fileName });
    return await importAnswer(service, job.env, files, options);
  } catch (error) {
    const answer = errorAnswer(error);
    if (answer === null) throw error;
    return answer;
  }
}

async function finish(service: ServiceDeps, job: WebhookImportJob, answer: WebhookAnswer): Promise<void> {
  await saveStatus(service.files, {
    id: job.id,
    env: job.env,
    state: 'done',
    acceptedAt: job.acceptedAt,
    finishedAt: service.clock.now().toISOString(),
    statusCode: answer.statusCode,
    body: answer.body,
  });
}
