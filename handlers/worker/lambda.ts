/**
 * The worker Lambda: consumes Slack jobs from SQS. A job that fails is left to SQS to redeliver
 * (reported as a batch item failure); on its last delivery the failure is told to the user
 * before SQS moves it to the dead-letter queue, so nothing is dropped silently.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { retryPolicies, WebClient } from '@slack/web-api';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { ConnectContactCenter } from '../../adapters/connect/ConnectContactCenter.js';
import { createConnectClient } from '../../adapters/connect/createConnectClient.js';
import { TokenBucketRateLimiter } from '../../adapters/connect/rateLimiter.js';
import { DynamoVersionStore } from '../../adapters/dynamo/DynamoVersionStore.js';
import { S3FileStore } from '../../adapters/s3/S3FileStore.js';
import { webClientOptions } from '../../adapters/slack/createWebClient.js';
import { SlackFileSource } from '../../adapters/slack/SlackFileSource.js';
import { SlackMessenger } from '../../adapters/slack/SlackMessenger.js';
import { SlackNotifier } from '../../adapters/slack/SlackNotifier.js';
import { parseJobMessage } from '../../adapters/sqs/jobMessage.js';
import { ConfigError } from '../../core/errors.js';
import type { ContactCenter } from '../../core/ports.js';
import { environmentOf } from '../../core/service/authorize.js';
import type { ServiceDeps } from '../../core/service/deps.js';
import { readLambdaEnvironment } from '../lambdaEnvironment.js';
import { parseSlackJob } from '../slack/jobs.js';
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
const limiters = new Map<string, TokenBucketRateLimiter>();

/** One contact center per environment and job; the rate limiter is shared per account and Region. */
function centers(): (name: string) => ContactCenter {
  const built = new Map<string, ContactCenter>();
  return (name) => {
    const existing = built.get(name);
    if (existing !== undefined) return existing;
    const { target } = environmentOf(env.config, name);
    if (target.kind !== 'connect')
      throw new ConfigError(
        `environments.${name}`,
        `Environment ${name} is local; a deployed flowgate publishes to Amazon Connect.`,
      );
    const key = `${target.instanceArn.split(':')[4] ?? ''}/${target.region}`;
    const limiter = limiters.get(key) ?? new TokenBucketRateLimiter();
    limiters.set(key, limiter);
    const center = new ConnectContactCenter({
      client: createConnectClient(target.region),
      instanceArn: target.instanceArn,
      limiter,
    });
    built.set(name, center);
    return center;
  };
}

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
  };
}

/** Processes a batch; failed records are returned for SQS to redeliver. */
export async function handler(event: SQSEvent): Promise<SQSBatchResponse> {
  const failures: { itemIdentifier: string }[] = [];
  for (const record of event.Records) {
    const deps = workerDeps();
    const job = parseSlackJob(parseJobMessage(record.body).payload);
    try {
      await processSlackJob(job, deps);
    } catch (error) {
      const deliveries = Number(record.attributes.ApproximateReceiveCount);
      if (deliveries >= env.maxReceives) await reportJobFailure(job, error, deps).catch(() => {});
      failures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures: failures };
}
