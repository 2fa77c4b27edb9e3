/**
 * `npm start` expires publish requests on a timer, as the schedule does in AWS: the request's
 * message in (fake) Slack changes to Expired, and stopping the server stops the timer.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createWebClient } from '../../../adapters/slack/createWebClient.js';
import { SlackMessenger } from '../../../adapters/slack/SlackMessenger.js';
import { saveRequestMessage } from '../../../app/postedMessages.js';
import { importFlows } from '../../../core/service/importFlows.js';
import { requestPublish } from '../../../core/service/requestPublish.js';
import { startLocalServer } from '../../../handlers/local/localServer.js';
import { exampleFlowFiles, hostedOn, makeDeps, type ServiceKit, users } from '../../fakes/serviceKit.js';
import { type FakeSlackApi, startFakeSlackApi } from '../../integration/fakeSlackApi.js';

const TOKEN = 'xoxb-local-expiry';
const HOUR = 3_600_000;

let fake: FakeSlackApi;

beforeAll(async () => {
  fake = await startFakeSlackApi({ tokens: [TOKEN] });
});

afterAll(async () => {
  await fake.stop();
});

/** A request for `flow` in prod, posted in Slack as flowgate does; returns where its message is. */
async function postedRequest(kit: ServiceKit, flow: string) {
  const request = await requestPublish(kit.deps, { env: 'prod', flow, actor: users.alice });
  const client = createWebClient(TOKEN, {
    slackApiUrl: fake.apiUrl,
    forListener: false,
    retryConfig: { retries: 0 },
  });
  const posted = await new SlackMessenger({ client }).post('C-PROD', { text: `Publish ${flow}?` });
  await saveRequestMessage(kit.deps.files, posted, request.id);
  return { request, posted };
}

function start(kit: ServiceKit) {
  return startLocalServer({
    ...hostedOn(kit.deps),
    slack: { signingSecret: 's', botToken: TOKEN, apiUrl: fake.apiUrl, botId: 'B1', botUserId: 'U0BOT' },
    port: 0,
    log: () => {},
    expiryIntervalMs: 20,
  });
}

describe('startLocalServer', () => {
  it('expires a request past its expiry on its timer and updates its Slack message', async () => {
    const kit = makeDeps({ notify: false });
    await importFlows(kit.deps, {
      env: 'prod',
      files: exampleFlowFiles(),
      actor: users.alice,
      channel: 'cli',
    });
    const { request, posted } = await postedRequest(kit, 'Billing');
    const server = await start(kit);
    try {
      kit.clock.advance(25 * HOUR);

      await vi.waitFor(() => expect(fake.message(posted.channel, posted.ts)?.updates).toBe(1), {
        timeout: 5_000,
      });

      expect(JSON.stringify(fake.message(posted.channel, posted.ts)?.blocks)).toContain('*Expired*');
      expect((await kit.requests.getRequest(request.id))?.decidedAt).not.toBeNull();
    } finally {
      await server.stop();
    }
  });

  it('stops expiring once stopped', async () => {
    const kit = makeDeps({ notify: false });
    await importFlows(kit.deps, {
      env: 'prod',
      files: exampleFlowFiles(),
      actor: users.alice,
      channel: 'cli',
    });
    const { request } = await postedRequest(kit, 'Billing');
    const server = await start(kit);
    await server.stop();

    kit.clock.advance(25 * HOUR);
    await new Promise((resolve) => setTimeout(resolve, 100));

    expect((await kit.requests.getRequest(request.id))?.decidedAt).toBeNull();
  });
});
