/**
 * The S3 import Lambda: the bucket's `ObjectCreated` notifications for `incoming/` arrive here
 * (asynchronously; S3 may deliver an event more than once, Lambda retries a failed one). Each
 * record is imported on its own; a record that could not be read for a passing reason makes the
 * invocation fail after the others are done, so Lambda retries it (the done ones are skipped).
 */
import type { S3Event } from 'aws-lambda';
import { s3EventRecords } from '../../adapters/s3/s3Events.js';
import { awsBackend, processRateLimiters } from '../../app/compose/backend.js';
import { dropReader } from '../../app/compose/queues.js';
import { slackClient, slackSide } from '../../app/compose/slack.js';
import { awsStores } from '../../app/compose/stores.js';
import { readLambdaEnvironment } from '../../app/environment.js';
import { renderVersionPng } from '../../app/flowPicture.js';
import { reportLinker } from '../../app/reportLinks.js';
import { createS3Import } from './handler.js';

const env = readLambdaEnvironment(process.env);
const backend = awsBackend(env.config, awsStores(env), null, processRateLimiters(env.connectShare));
const slack = slackSide(slackClient(env.slack, 'working'), env.config);
const importRecord = createS3Import({
  backend,
  read: dropReader(),
  slack: slack.messenger,
  notifier: slack.notifier,
  log: (message, error) => console.error(message, error ?? ''),
  reportLink: env.reports === null ? null : reportLinker({ ...env.reports, clock: backend.clock }),
  picture: renderVersionPng,
});

/** Imports each record; throws the first failure that a retry may fix, after the other records. */
export async function handler(event: S3Event): Promise<void> {
  let failure: unknown = null;
  for (const record of s3EventRecords(event)) {
    try {
      await importRecord(record);
    } catch (error) {
      console.error('s3 import failed; the event will be retried', error);
      failure ??= error;
    }
  }
  if (failure !== null) throw failure;
}
