/**
 * Where `npm start` tells an environment's channel of an import, as the Lambdas do: a file shared
 * in the environment's channel gets its report there and nothing else; imported from a DM, the
 * report is in the DM and the channel gets the notice. No notifier is passed: the host's own.
 */
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type LocalServer, startLocalServer } from '../../handlers/local/localServer.js';
import { hostedOn, makeDeps } from '../fakes/serviceKit.js';
import { type FakeSlackApi, type FakeSlackMessage, startFakeSlackApi } from './fakeSlackApi.js';
import { BILLING_FILE, fileSharedEvent, withChannel } from './slackPayloads.js';

const SECRET = 'notices-signing-secret';
const TOKEN = 'xoxb-notices';
const CHANNEL = 'CPRODFLOWS';
const DM = 'D0ALICE';

let fake: FakeSlackApi;
let server: LocalServer;

beforeAll(async () => {
  fake = await startFakeSlackApi({ tokens: [TOKEN] });
});

afterAll(async () => {
  await server?.stop();
  await fake.stop();
});

beforeEach(async () => {
  await server?.stop();
  fake.reset();
  server = await startLocalServer({
    backend: hostedOn(withChannel(makeDeps().deps, CHANNEL)).backend,
    slack: {
      signingSecret: SECRET,
      botToken: TOKEN,
      apiUrl: fake.apiUrl,
      botId: 'B1',
      botUserId: fake.botUserId,
    },
    port: 0,
    log: () => {},
  });
});

/** A request signed as Slack signs it, into the server's Slack endpoint. */
async function post(body: string, contentType: string): Promise<void> {
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = createHmac('sha256', SECRET).update(`v0:${timestamp}:${body}`).digest('hex');
  const response = await fetch(`${server.url}/slack/events`, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': `v0=${signature}`,
    },
    body,
  });
  expect(response.status).toBe(200);
  await server.drain();
}

async function share(channel: string, eventId: string): Promise<void> {
  const file = fake.registerFile(BILLING_FILE, { name: 'billing.json', mimetype: 'application/json' });
  await post(JSON.stringify(fileSharedEvent(file.id, 'alice', eventId, channel)), 'application/json');
}

/** Clicks the environment picker's `env` button, as Slack posts the click. */
async function choose(picker: FakeSlackMessage, env: string): Promise<void> {
  const blocks = picker.blocks as {
    block_id?: string;
    elements?: { action_id?: string; value?: string }[];
  }[];
  const block = blocks.find((b) => b.elements?.some((e) => e.value?.includes(`"${env}"`)));
  const button = block?.elements?.find((e) => e.value?.includes(`"${env}"`));
  if (block === undefined || button === undefined) throw new Error(`no ${env} button in: ${picker.text}`);
  const payload = {
    type: 'block_actions',
    user: { id: 'alice', team_id: 'T1' },
    team: { id: 'T1' },
    api_app_id: 'A1',
    trigger_id: 'trigger',
    container: { type: 'message', message_ts: picker.ts, channel_id: picker.channel },
    channel: { id: picker.channel },
    message: { ts: picker.ts, text: picker.text },
    response_url: fake.responseUrl(),
    actions: [{ type: 'button', ...button, block_id: block.block_id ?? '', action_ts: '100.1' }],
  };
  await post(`payload=${encodeURIComponent(JSON.stringify(payload))}`, 'application/x-www-form-urlencoded');
}

/** The texts of the top-level messages in `channel`, as they read now. */
function postedIn(channel: string): string[] {
  return fake
    .messages()
    .filter((m) => m.channel === channel && m.threadTs === null)
    .map((m) => m.text);
}

describe('npm start: the notice of an import', () => {
  it("posts only the report in the environment's channel when the file is shared there", async () => {
    await share(CHANNEL, 'Ev1');

    expect(postedIn(CHANNEL)).toEqual([expect.stringContaining('Billing')]);
  });

  it("posts the report in the DM and the notice in the environment's channel when the file is imported from a DM", async () => {
    await share(DM, 'Ev2');
    const [picker] = fake.messages().filter((m) => m.channel === DM);
    if (picker === undefined) throw new Error('no environment picker in the DM');

    await choose(picker, 'prod');

    expect(postedIn(DM)).toEqual([expect.stringContaining('Billing')]);
    expect(postedIn(CHANNEL)).toEqual([
      expect.stringMatching(/^alice imported into \*prod\*: stored Billing v1\./),
    ]);
  });
});
