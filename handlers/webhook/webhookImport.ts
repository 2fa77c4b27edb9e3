import { z } from 'zod';
import type { Actor } from '../../core/config.js';
import { hasErrors } from '../../core/diagnostics.js';
import { FlowgateError, ServiceError } from '../../core/errors.js';
import type { Job } from '../../core/ports.js';
import { type JsonReport, planReport } from '../../core/report.js';
import type { ServiceDeps } from '../../core/service/deps.js';
import { type ImportFile, type ImportResult, importFlows } from '../../core/service/importFlows.js';
import { readWebhookBody, WebhookBodyError } from './requestBody.js';
import { inputKey, loadStatus, saveStatus } from './webhookStatus.js';

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
}

/** `flowgate plan --json`'s report, with the environment and the versions the import stored. */
export interface WebhookReport extends JsonReport {
  readonly env: string;
  readonly versions: readonly WebhookVersion[];
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
 * Imports the files into `env` as the webhook actor and answers with the plan report and the
 * stored versions: 200 when no flow has an error diagnostic, 422 when one has (so CI fails).
 */
export async function importAnswer(
  service: ServiceDeps,
  env: string,
  files: readonly ImportFile[],
): Promise<WebhookAnswer> {
  const result = await importFlows(service, { env, files, actor: webhookActor(env), channel: 'webhook' });
  const failed = result.flows.some((f) => hasErrors(f.analysis.diagnostics));
  return { statusCode: failed ? 422 : 200, body: reportOf(result) };
}

/** The webhook's report of an import. */
export function reportOf(result: ImportResult): WebhookReport {
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
          },
        ],
  );
  return { ...report, env: result.env, versions };
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
export async function processWebhookImport(service: ServiceDeps, job: WebhookImportJob): Promise<void> {
  // A redelivered job whose work was already recorded keeps its first answer.
  if ((await loadStatus(service.files, job.id))?.state === 'done') return;
  const body = await service.files.get(inputKey(job.id));
  const answer =
    body === null
      ? problem(500, 'input-missing', `The body of import ${job.id} is gone.`, 'Send the request again.')
      : await answerOf(service, job, body);
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
export function webhookJobHandlers(service: ServiceDeps): {
  handler: (job: Job) => Promise<void>;
  onFailure: (job: Job, error: unknown) => Promise<void>;
} {
  return {
    handler: (job) => processWebhookImport(service, parseWebhookImportJob(job.payload)),
    onFailure: (job, error) => reportWebhookFailure(service, parseWebhookImportJob(job.payload), error),
  };
}

async function answerOf(
  service: ServiceDeps,
  job: WebhookImportJob,
  body: Uint8Array,
): Promise<WebhookAnswer> {
  try {
    const files = readWebhookBody(body, { contentType: job.contentType, fileName: job.fileName });
    return await importAnswer(service, job.env, files);
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
