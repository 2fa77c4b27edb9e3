/**
 * The Slack receiver Lambda (`POST /slack/events`): Bolt's AWS Lambda receiver checks the
 * signature; listeners record an idempotency key, queue a job on SQS and answer within 3 s.
 * Built once per container, at module scope.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { AwsLambdaReceiver } from '@slack/bolt';
import { DynamoVersionStore } from '../../adapters/dynamo/DynamoVersionStore.js';
import { SqsJobQueue } from '../../adapters/sqs/SqsJobQueue.js';
import type { FileStore } from '../../core/ports.js';
import { readLambdaEnvironment } from '../lambdaEnvironment.js';
import { createSlackApp } from './app.js';

const env = readLambdaEnvironment(process.env);
const clock = { now: () => new Date() };
/** Listeners only claim idempotency keys; no version body is ever read or written here. */
const noFiles: FileStore = {
  put: () => Promise.reject(new Error('the Slack receiver stores no files')),
  get: () => Promise.reject(new Error('the Slack receiver reads no files')),
};
const receiver = new AwsLambdaReceiver({ signingSecret: env.slack.signingSecret });

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
  },
});

/** The Lambda handler (two arguments: Node 24 runtimes refuse callback-style handlers). */
export const handler = receiver.toHandler();
