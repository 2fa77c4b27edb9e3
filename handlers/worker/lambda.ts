/**
 * The worker Lambda: consumes Slack jobs from SQS. A job that fails is left to SQS to redeliver
 * (reported as a batch item failure); on its last delivery the failure is told to the user
 * before SQS moves it to the dead-letter queue, so nothing is dropped silently. A job SQS
 * delivers twice runs once (`runJobOnce`).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { retryPolicies, WebClient } from '@slack/web-api';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { DynamoVersionStore } from '../../adapters/dynamo/DynamoVersionStore.js';
import { S3FileStore } from '../../adapters/s3/S3FileStore.js';
import { webClientOptions } from '../../adapters/slack/createWebClient.js';
import { SlackFileSource } from '../../adapters/slack/SlackFileSource.js';
import { SlackMessenger } from '../../adapters/slack/SlackMessenger.js';
import { SlackNotifier } from '../../adapters/slack/SlackNotifier.js';
import { parseJobMessage } from '../../adapters/sqs/jobMessage.js';
import { connectCenters } from '../../app/contactCenters.js';
import { readLambdaEnvironment } from '../../app/environment.js';
import { renderVersionPng } from '../../app/flowPicture.js';
import { runJobOnce } from '../../app/jobOnce.js';
import { parseSlackJob } from '../../app/jobs.js';
import { reportLinker } from '../../app/reportLinks.js';
import { WEBHOOK_IMPORT_JOB, webhookJobHandlers } from '../../app/webhookImport.js';
import type { ServiceDeps } from '../../core/deps.js';
import type { Job } from '../../core/ports.js';
import { processSlackJob, reportJobFailure } from './processJob.js';
import type { WorkerDeps } from './workerDeps.js';

const env = readLambdaEnvironment(process.env);
const clock = { now: () => new Date() };
const files = new S3FileStore({ client: new S3Client({}), bucket: env.bucket, prefix: 'flowgate/' });
// The worker may wait out Slack's rate limits, but not for longer than a Lambda runs.
const slack = new WebClient(env.slack.botToken, {
  ...webClientOptions({
    forListener: false,
    ...(env.slack.apiUrl === undefined ? {} : { slackApiUrl: env.slack.apiUrl }),
  }),
  retryConfig: retryPolicies.fiveRetriesInFiveMinutes,
});
const centers = connectCenters(env.config);
const reportLink = env.reports === null ? null : reportLinker({ ...env.reports, clock });

function workerDeps(): WorkerDeps {
  const messenger = new SlackMessenger({ client: slack });
  const service: ServiceDeps = {
    store: new DynamoVersionStore({ client: new DynamoDBClient({}), tableName: env.table, files, clock }),
    files,
    centers: centers(),
    clock,
    newId: () => crypto.randomUUID(),
    config: env.config,
    notifier: new SlackNotifier({ messenger, environments: env.config.environments }),
  };
  return {
    service,
    messenger,
    files: new SlackFileSource({ client: slack, maxBytes: 5 * 1024 * 1024 }),
    log: (message: string, error?: unknown) => console.error(message, error ?? ''),
    picture: renderVersionPng,
    ...(reportLink === null ? {} : { reportLink }),
  };
}

/**
 * Processes a batch; failed records are returned for SQS to redeliver. Two kinds of job share the
 * queue: Slack work, and large CI webhook imports accepted with a 202.
 */
export async function handler(event: SQSEvent): Promise<SQSBatchResponse> {
  const failures: { itemIdentifier: string }[] = [];
  for (const record of event.Records) {
    const deps = workerDeps();
    const job = parseJobMessage(record.body);
    const last = Number(record.attributes.ApproximateReceiveCount) >= env.maxReceives;
    try {
      const run = await runJobOnce(deps.service.store, clock, job, () => processJob(job, deps));
      if (run !== 'ran') console.error(`job ${job.kind} ${job.key} skipped: ${run}`);
    } catch (error) {
      if (last) await reportFailure(job, error, deps).catch(() => {});
      failures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures: failures };
}

async function processJob(job: Job, deps: WorkerDeps): Promise<void> {
  if (job.kind === WEBHOOK_IMPORT_JOB) await webhookJobHandlers(deps.service, { reportLink }).handler(job);
  else await processSlackJob(parseSlackJob(job.payload), deps);
}

/** On a job's last delivery: the user (Slack) or the status URL (webhook) learns it failed. */
async function reportFailure(job: Job, error: unknown, deps: WorkerDeps): Promise<void> {
  if (job.kind === WEBHOOK_IMPORT_JOB) await webhookJobHandlers(deps.service).onFailure(job, error);
  else await reportJobFailure(parseSlackJob(job.payload), error, deps);
}
