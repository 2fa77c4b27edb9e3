/**
 * The Slack receiver Lambda (`POST /slack/events`): Bolt's AWS Lambda receiver checks the
 * signature; listeners record an idempotency key, queue a job on SQS and answer within 3 s.
 * Built once per container, at module scope.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { AwsLambdaReceiver } from '@slack/bolt';
import { DynamoVersionStore } from '../../adapters/dynamo/DynamoVersionStore.js';
import { S3FileStore } from '../../adapters/s3/S3FileStore.js';
import { SqsJobQueue } from '../../adapters/sqs/SqsJobQueue.js';
import { readLambdaEnvironment } from '../lambdaEnvironment.js';
import { createSlackApp } from './app.js';

const env = readLambdaEnvironment(process.env);
const clock = { now: () => new Date() };
const files = new S3FileStore({ client: new S3Client({}), bucket: env.bucket, prefix: 'flowgate/' });
const receiver = new AwsLambdaReceiver({ signingSecret: env.slack.signingSecret });

createSlackApp({
  token: env.slack.botToken,
  botId: env.slack.botId,
  botUserId: env.slack.botUserId,
  receiver,
  ...(env.slack.apiUrl === undefined ? {} : { slackApiUrl: env.slack.apiUrl }),
  ctx: {
    config: env.config,
    store: new DynamoVersionStore({ client: new DynamoDBClient({}), tableName: env.table, files, clock }),
    queue: new SqsJobQueue({ client: new SQSClient({}), queueUrl: env.queueUrl }),
    clock,
    log: (message, error) => console.error(message, error ?? ''),
  },
});

/** The Lambda handler (two arguments: Node 24 runtimes refuse callback-style handlers). */
export const handler = receiver.toHandler();
