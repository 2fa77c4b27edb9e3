/**
 * The webhook Lambda (`POST /webhooks/flows`, `GET /webhooks/flows/status/{id}`): checks the
 * signature, imports small inputs at once and queues large ones on SQS as `webhook-import` jobs
 * for the worker. Built once per container, at module scope.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoVersionStore } from '../../adapters/dynamo/DynamoVersionStore.js';
import { S3FileStore } from '../../adapters/s3/S3FileStore.js';
import { createWebClient } from '../../adapters/slack/createWebClient.js';
import { SlackMessenger } from '../../adapters/slack/SlackMessenger.js';
import { SlackNotifier } from '../../adapters/slack/SlackNotifier.js';
import { SqsJobQueue } from '../../adapters/sqs/SqsJobQueue.js';
import { connectCenters } from '../../app/contactCenters.js';
import { readLambdaEnvironment } from '../../app/environment.js';
import { reportLinker } from '../../app/reportLinks.js';
import type { ServiceDeps } from '../../core/deps.js';
import { createWebhookHandler } from './handler.js';
import { webhookSecretsFrom } from './webhookSecrets.js';

const env = readLambdaEnvironment(process.env);
const secretOf = webhookSecretsFrom(process.env);
const clock = { now: () => new Date() };
const files = new S3FileStore({ client: new S3Client({}), bucket: env.bucket, prefix: 'flowgate/' });
// The answer waits on the import; a notification waits on nobody, so no long retries here.
const slack = createWebClient(env.slack.botToken, {
  forListener: true,
  ...(env.slack.apiUrl === undefined ? {} : { slackApiUrl: env.slack.apiUrl }),
});
const centers = connectCenters(env.config);

const base: Omit<ServiceDeps, 'centers'> = {
  store: new DynamoVersionStore({ client: new DynamoDBClient({}), tableName: env.table, files, clock }),
  files,
  clock,
  newId: () => crypto.randomUUID(),
  config: env.config,
  notifier: new SlackNotifier({
    messenger: new SlackMessenger({ client: slack }),
    environments: env.config.environments,
  }),
};

const reportLink = env.reports === null ? null : reportLinker({ ...env.reports, clock });
const queue = new SqsJobQueue({ client: new SQSClient({}), queueUrl: env.queueUrl });

/** The Lambda handler: fresh contact centers per request, so a target's inventory is never stale. */
export const handler = (event: Parameters<ReturnType<typeof createWebhookHandler>>[0]) =>
  createWebhookHandler({ service: { ...base, centers: centers() }, secretOf, queue, reportLink })(event);
