/**
 * The Slack receiver Lambda (`POST /slack/events`): Bolt's AWS Lambda receiver checks the
 * signature; listeners record an idempotency key, queue a job on SQS and answer within 3 s.
 * Built once per container, at module scope.
 */

import { AwsLambdaReceiver } from '@slack/bolt';
import { awsBackend, processRateLimiters, serviceDeps, typeAheadCenters } from '../../app/compose/backend.js';
import { sqsQueue } from '../../app/compose/queues.js';
import { tableStores } from '../../app/compose/stores.js';
import { readLambdaEnvironment } from '../../app/environment.js';
import { searchCandidates } from '../../app/replacementCandidates.js';
import { createSlackApp, guardSlackRequests } from './app.js';

const env = readLambdaEnvironment(process.env);
const receiver = new AwsLambdaReceiver({ signingSecret: env.slack.signingSecret });
// Listeners claim idempotency keys and type-ahead reads versions: no files, no S3 client.
const backend = awsBackend(env.config, tableStores(env.table), null, processRateLimiters(env.connectShare));

createSlackApp({
  token: env.slack.botToken,
  botId: env.slack.botId,
  botUserId: env.slack.botUserId,
  receiver,
  ...(env.slack.apiUrl === undefined ? {} : { slackApiUrl: env.slack.apiUrl }),
  ctx: {
    config: env.config,
    claims: backend.claims,
    queue: sqsQueue(env.queueUrl),
    clock: backend.clock,
    log: (message, error) => console.error(message, error ?? ''),
    // Type-ahead keeps its contact centers (and their inventories) across requests.
    candidates: searchCandidates({
      ...serviceDeps(backend, null),
      centers: typeAheadCenters(env.config, processRateLimiters(env.connectShare)),
    }),
  },
});

/**
 * The Lambda handler (two arguments: Node 24 runtimes refuse callback-style handlers), behind the
 * edge that refuses requests timed more than five minutes from now and bodies Slack never sends.
 */
export const handler = guardSlackRequests(receiver.toHandler(), { signingSecret: env.slack.signingSecret });
