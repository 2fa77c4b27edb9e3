/**
 * The webhook Lambda (`POST /webhooks/flows`, `GET /webhooks/flows/status/{id}`): checks the
 * signature, imports small inputs at once and queues large ones on SQS as `webhook-import` jobs
 * for the worker. Built once per container, at module scope.
 */

import { awsBackend, processRateLimiters, serviceDeps } from '../../app/compose/backend.js';
import { sqsQueue } from '../../app/compose/queues.js';
import { slackClient, slackSide } from '../../app/compose/slack.js';
import { awsStores } from '../../app/compose/stores.js';
import { readLambdaEnvironment } from '../../app/environment.js';
import { reportLinker } from '../../app/reportLinks.js';
import { webhookSecretsFrom } from '../../app/webhookSecrets.js';
import { createWebhookHandler, type WebhookHttpHandler } from './handler.js';

const env = readLambdaEnvironment(process.env);
const secretOf = webhookSecretsFrom(process.env);
const backend = awsBackend(env.config, awsStores(env), null, processRateLimiters(env.connectShare));
// The answer waits on the import; a notification waits on nobody, so no long retries here.
const { notifier } = slackSide(slackClient(env.slack, 'answering'), env.config);
const reportLink = env.reports === null ? null : reportLinker({ ...env.reports, clock: backend.clock });
const queue = sqsQueue(env.queueUrl);

/** The Lambda handler: fresh contact centers per request, so a target's inventory is never stale. */
export const handler: WebhookHttpHandler = (event) =>
  createWebhookHandler({ service: serviceDeps(backend, notifier), secretOf, queue, reportLink })(event);
