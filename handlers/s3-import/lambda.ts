/**
 * The S3 import Lambda: the bucket's `ObjectCreated` notifications for `incoming/` arrive here
 * (asynchronously; S3 may deliver an event more than once, Lambda retries a failed one). Each
 * record is imported on its own; a record that could not be read for a passing reason makes the
 * invocation fail after the others are done, so Lambda retries it (the done ones are skipped).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { retryPolicies, WebClient } from '@slack/web-api';
import type { S3Event } from 'aws-lambda';
import { DynamoVersionStore } from '../../adapters/dynamo/DynamoVersionStore.js';
import { S3FileStore } from '../../adapters/s3/S3FileStore.js';
import { s3ObjectReader } from '../../adapters/s3/S3ObjectReader.js';
import { webClientOptions } from '../../adapters/slack/createWebClient.js';
import { SlackMessenger } from '../../adapters/slack/SlackMessenger.js';
import { SlackNotifier } from '../../adapters/slack/SlackNotifier.js';
import { connectCenters } from '../../app/contactCenters.js';
import { readLambdaEnvironment } from '../../app/environment.js';
import { renderVersionPng } from '../../app/flowPicture.js';
import { reportLinker } from '../../app/reportLinks.js';
import type { ServiceDeps } from '../../core/deps.js';
import { MAX_INPUT_BYTES } from '../../core/formats/readFlow.js';
import { withoutImportNotices } from './dropReport.js';
import { importS3Object, type S3ImportDeps } from './importS3Object.js';
import { s3EventRecords } from './s3EventRecord.js';

const env = readLambdaEnvironment(process.env);
const clock = { now: () => new Date() };
const s3 = new S3Client({});
const files = new S3FileStore({ client: s3, bucket: env.bucket, prefix: 'flowgate/' });
const slack = new WebClient(env.slack.botToken, {
  ...webClientOptions({
    forListener: false,
    ...(env.slack.apiUrl === undefined ? {} : { slackApiUrl: env.slack.apiUrl }),
  }),
  retryConfig: retryPolicies.fiveRetriesInFiveMinutes,
});
const messenger = new SlackMessenger({ client: slack });
const dynamo = new DynamoDBClient({});
const read = s3ObjectReader({ client: s3, maxBytes: MAX_INPUT_BYTES });
const centers = connectCenters(env.config);
const reportLink = env.reports === null ? null : reportLinker({ ...env.reports, clock });

function importDeps(): S3ImportDeps {
  const service: ServiceDeps = {
    store: new DynamoVersionStore({ client: dynamo, tableName: env.table, files, clock }),
    files,
    centers: centers(),
    clock,
    newId: () => crypto.randomUUID(),
    config: env.config,
    notifier: withoutImportNotices(new SlackNotifier({ messenger, environments: env.config.environments })),
  };
  return {
    service,
    read,
    slack: messenger,
    log: (message: string, error?: unknown) => console.error(message, error ?? ''),
    reportLink,
    picture: renderVersionPng,
  };
}

/** Imports each record; throws the first failure that a retry may fix, after the other records. */
export async function handler(event: S3Event): Promise<void> {
  let failure: unknown = null;
  for (const record of s3EventRecords(event)) {
    try {
      await importS3Object(record, importDeps());
    } catch (error) {
      console.error('s3 import failed; the event will be retried', error);
      failure ??= error;
    }
  }
  if (failure !== null) throw failure;
}
