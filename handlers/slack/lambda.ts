/**
 * The Slack receiver Lambda (`POST /slack/events`): Bolt's AWS Lambda receiver checks the
 * signature; listeners record an idempotency key, queue a job on SQS and answer within 3 s.
 * Built once per container, at module scope.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { AwsLambdaReceiver } from '@slack/bolt';
import { LazyConnectContactCenter } from '../../adapters/connect/LazyConnectContactCenter.js';
import { TokenBucketRateLimiter } from '../../adapters/connect/rateLimiter.js';
import { DynamoVersionStore } from '../../adapters/dynamo/DynamoVersionStore.js';
import { SqsJobQueue } from '../../adapters/sqs/SqsJobQueue.js';
import { readLambdaEnvironment } from '../../app/environment.js';
import { searchCandidates } from '../../app/replacementCandidates.js';
import { environmentOf } from '../../core/access.js';
import type { ServiceDeps } from '../../core/deps.js';
import { ConfigError } from '../../core/errors.js';
import type { ContactCenter, FileStore } from '../../core/ports.js';
import { createSlackApp } from './app.js';

const env = readLambdaEnvironment(process.env);
const clock = { now: () => new Date() };
/**
 * Listeners claim idempotency keys and type-ahead reads versions; no version body is written
 * here, and one large enough to live in S3 (over ~300 KB) gets no type-ahead rather than an S3
 * client in every cold start.
 */
const noFiles: FileStore = {
  put: () => Promise.reject(new Error('the Slack receiver stores no files')),
  get: () => Promise.reject(new Error('the Slack receiver reads no files')),
};
const receiver = new AwsLambdaReceiver({ signingSecret: env.slack.signingSecret });

const store = new DynamoVersionStore({
  client: new DynamoDBClient({}),
  tableName: env.table,
  files: noFiles,
  clock,
});
const limiters = new Map<string, TokenBucketRateLimiter>();
const centers = new Map<string, ContactCenter>();

/**
 * The contact centers type-ahead searches: built once per container, their inventory kept five
 * minutes (a picker is typed into in bursts; a new resource shows up within minutes).
 */
function centerOf(name: string): ContactCenter {
  const existing = centers.get(name);
  if (existing !== undefined) return existing;
  const { target } = environmentOf(env.config, name);
  if (target.kind !== 'connect')
    throw new ConfigError(
      `environments.${name}`,
      `Environment ${name} is local; a deployed flowgate works with Amazon Connect.`,
    );
  const key = `${target.instanceArn.split(':')[4] ?? ''}/${target.region}`;
  const limiter = limiters.get(key) ?? new TokenBucketRateLimiter();
  limiters.set(key, limiter);
  const center = new LazyConnectContactCenter({
    instanceArn: target.instanceArn,
    region: target.region,
    limiter,
    inventoryMaxAgeMs: 5 * 60_000,
  });
  centers.set(name, center);
  return center;
}

/** What type-ahead needs of the use cases: the stored version and the target's inventory. */
const searchDeps: ServiceDeps = {
  store,
  files: noFiles,
  centers: centerOf,
  clock,
  newId: () => crypto.randomUUID(),
  config: env.config,
  notifier: null,
};

createSlackApp({
  token: env.slack.botToken,
  botId: env.slack.botId,
  botUserId: env.slack.botUserId,
  receiver,
  ...(env.slack.apiUrl === undefined ? {} : { slackApiUrl: env.slack.apiUrl }),
  ctx: {
    config: env.config,
    store: new DynamoVersionStore({
      client: new DynamoDBClient({}),
      tableName: env.table,
      files: noFiles,
      clock,
    }),
    queue: new SqsJobQueue({ client: new SQSClient({}), queueUrl: env.queueUrl }),
    clock,
    log: (message, error) => console.error(message, error ?? ''),
    candidates: searchCandidates(searchDeps),
  },
});

/** The Lambda handler (two arguments: Node 24 runtimes refuse callback-style handlers). */
export const handler = receiver.toHandler();
