/**
 * The worker Lambda: consumes jobs from SQS, and runs the scheduled `expire-requests` job the
 * EventBridge rule in serverless.yml delivers every 15 minutes. A job that fails is left to SQS to redeliver
 * (reported as a batch item failure); on its last delivery the failure is told to the user
 * before SQS moves it to the dead-letter queue, so nothing is dropped silently. A job SQS
 * delivers twice runs once.
 */
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { z } from 'zod';
import { parseJobMessage } from '../../adapters/sqs/jobMessage.js';
import { awsBackend, processRateLimiters } from '../../app/compose/backend.js';
import { slackClient, slackSide } from '../../app/compose/slack.js';
import { awsStores } from '../../app/compose/stores.js';
import { readLambdaEnvironment } from '../../app/environment.js';
import { renderVersionPng } from '../../app/flowPicture.js';
import { reportLinker } from '../../app/reportLinks.js';
import { createWorker, runScheduledEvent } from './handler.js';

const env = readLambdaEnvironment(process.env);
const log = (message: string, error?: unknown) => console.error(message, error ?? '');
const backend = awsBackend(env.config, awsStores(env), null, processRateLimiters(env.connectShare));
const slack = slackSide(slackClient(env.slack, 'working'), env.config);
const worker = createWorker({
  backend,
  slack,
  notifier: slack.notifier,
  log,
  reportLink: env.reports === null ? null : reportLinker({ ...env.reports, clock: backend.clock }),
  picture: renderVersionPng,
});

/** An SQS batch: what the queue delivers (the records themselves are parsed one by one below). */
const sqsBatchSchema = z.object({ Records: z.array(z.unknown()) });

/**
 * Processes an SQS batch (failed records are returned for SQS to redeliver), or runs the
 * scheduled expiry. Anything else is refused with a log line and not thrown: EventBridge would
 * only deliver the same malformed event again.
 */
export async function handler(event: unknown): Promise<SQSBatchResponse | undefined> {
  if (sqsBatchSchema.safeParse(event).success) return handleBatch(event as SQSEvent);
  await runScheduledEvent(worker, event, log);
  return undefined;
}

async function handleBatch(event: SQSEvent): Promise<SQSBatchResponse> {
  const failures: { itemIdentifier: string }[] = [];
  for (const record of event.Records) {
    const job = parseJobMessage(record.body);
    const last = Number(record.attributes.ApproximateReceiveCount) >= env.maxReceives;
    try {
      const run = await worker.run(job);
      if (run !== 'ran') console.error(`job ${job.kind} ${job.key} skipped: ${run}`);
    } catch (error) {
      if (last) await worker.reportFailure(job, error).catch(() => {});
      failures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures: failures };
}
