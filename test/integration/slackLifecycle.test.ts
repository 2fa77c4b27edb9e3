/**
 * A version's life in Slack, through the real HTTP handler and a fake Slack Web API: one open
 * request per version however often it is asked for, a rejection that asks for its reason, and
 * an import report that follows the version's state.
 */
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type LocalServer, startLocalServer } from '../../handlers/local/localServer.js';
import { hostedOn, makeDeps, type ServiceKit } from '../fakes/serviceKit.js';
import { ephemeralTo } from '../handlers/worker/workerKit.js';
import { type FakeSlackApi, type FakeSlackMessage, startFakeSlackApi } from './fakeSlackApi.js';
import { BILLING_FILE, fileSharedEvent, withChannel } from './slackPayloads.js';

const SECRET = 'lifecycle-signing-secret';
const TOKEN = 'xoxb-lifecycle';
const CHANNEL = 'CPRODFLOWS';
const ALICE = 'U0ALICE';
const BOB = 'U0BOB';

let fake: FakeSlackApi;
let kit: ServiceKit;
let server: LocalServer;
let triggers = 0;

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
  kit = makeDeps();
  const deps = withChannel(kit.deps, CHANNEL);
  const config = {
    ...deps.config,
    roles: { ...deps.config.roles, editors: [...deps.config.roles.editors, ALICE], publishers: [BOB] },
  };
  server = await startLocalServer({
    ...hostedOn({ ...deps, config }),
    slack: {
      signingSecret: SECRET,
      botToken: TOKEN,
      apiUrl: fake.apiUrl,
      botId: 'B1',
      botUserId: fake.botUserId,
    },
    port: 0,
    log: () => {},
    expiryIntervalMs: 100,
  });
});

async function post(body: string, contentType: string): Promise<Response> {
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return fetch(`${server.url}/slack/events`, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': signature,
    },
    body,
  });
}

function postPayload(payload: unknown): Promise<Response> {
  return post(`payload=${encodeURIComponent(JSON.stringify(payload))}`, 'application/x-www-form-urlencoded');
}

/** The first button whose action id starts with `prefix`, or null. */
function button(message: FakeSlackMessage, prefix: string): { action_id: string; value: string } | null {
  for (const block of message.blocks as { elements?: { action_id?: string; value?: string }[] }[]) {
    const found = block.elements?.find((e) => e.action_id?.startsWith(prefix));
    if (found?.action_id !== undefined) return { action_id: found.action_id, value: found.value ?? '' };
  }
  return null;
}

/** Clicks `prefix` in `message` as `user` (each click its own action_ts and trigger_id, as Slack sends). */
async function click(
  message: FakeSlackMessage,
  prefix: string,
  user: string,
  actionTs: string,
): Promise<void> {
  const target = button(message, prefix);
  if (target === null) throw new Error(`no ${prefix} in: ${message.text}`);
  triggers += 1;
  await postPayload({
    type: 'block_actions',
    user: { id: user, team_id: 'T1' },
    team: { id: 'T1' },
    api_app_id: 'A1',
    trigger_id: `${triggers}.${triggers}.trigger`,
    container: { type: 'message', message_ts: message.ts, channel_id: CHANNEL },
    channel: { id: CHANNEL },
    message: { ts: message.ts, text: message.text },
    response_url: fake.responseUrl(),
    actions: [
      {
        type: 'button',
        action_id: target.action_id,
        block_id: 'b',
        value: target.value,
        action_ts: actionTs,
      },
    ],
  });
}

async function slashFlow(text: string, user: string): Promise<string> {
  const responseUrl = fake.responseUrl();
  await post(
    new URLSearchParams({
      command: '/flow',
      text,
      user_id: user,
      channel_id: CHANNEL,
      team_id: 'T1',
      trigger_id: `slash-${++triggers}`,
      response_url: responseUrl,
    }).toString(),
    'application/x-www-form-urlencoded',
  );
  await server.drain();
  return responseUrl;
}

async function shareBilling(): Promise<FakeSlackMessage> {
  const file = fake.registerFile(BILLING_FILE, { name: 'billing.json', mimetype: 'application/json' });
  await post(JSON.stringify(fileSharedEvent(file.id, ALICE, `Ev${++triggers}`, CHANNEL)), 'application/json');
  await server.drain();
  const report = fake
    .messages()
    .find((m) => m.channel === CHANNEL && button(m, 'flowgate.request_publish') !== null);
  if (report === undefined) throw new Error('no import report with Request publish was posted');
  return report;
}

function requestMessages(): FakeSlackMessage[] {
  return fake
    .messages()
    .filter((m) => button(m, 'flowgate.approve') !== null || /asks to publish/.test(m.text));
}

describe('one open request per version', () => {
  it('makes one request of a double click and points the second click at it', async () => {
    const report = await shareBilling();

    await click(report, 'flowgate.request_publish', ALICE, '200.1');
    await click(report, 'flowgate.request_publish', ALICE, '200.2');
    await server.drain();

    expect(requestMessages()).toHaveLength(1);
    expect(await kit.requests.listRequests('prod')).toHaveLength(1);
    const request = requestMessages()[0];
    const told = ephemeralTo(fake, ALICE).join('\n');
    expect(told).toContain('You already asked to publish');
    expect(told).toContain(`/archives/${CHANNEL}/p${request?.ts.replace('.', '')}|See the request.`);
  });

  it('answers a repeated /flow publish with the open request', async () => {
    await shareBilling();
    await slashFlow('publish Billing', ALICE);

    const second = await slashFlow('publish Billing', ALICE);

    const answer = fake
      .calls('response_url')
      .filter((c) => c.path.endsWith(new URL(second).pathname))
      .map((c) => JSON.stringify(c.args))
      .join('\n');
    expect(answer).toContain('You already asked to publish *Billing* v1 to *prod* <!date^');
    expect(requestMessages()).toHaveLength(1);
  });
});

/** The reject modal's submission as Slack sends it, with `reason` typed into its input. */
function rejectSubmission(view: { id: string; view: Record<string, unknown> }, user: string, reason: string) {
  return {
    type: 'view_submission',
    team: { id: 'T1' },
    user: { id: user, team_id: 'T1' },
    api_app_id: 'A1',
    trigger_id: `${++triggers}.submit`,
    view: {
      id: view.id,
      type: 'modal',
      callback_id: view.view.callback_id,
      private_metadata: view.view.private_metadata,
      state: {
        values: {
          'flowgate.reject_reason': { 'flowgate.reject_reason': { type: 'plain_text_input', value: reason } },
        },
      },
    },
  };
}

describe('rejecting a publish request', () => {
  it('asks for a reason in a modal, refuses an empty one inline, and shows the reason to the requester', async () => {
    const report = await shareBilling();
    await click(report, 'flowgate.request_publish', ALICE, '300.1');
    await server.drain();
    const [request] = requestMessages();
    if (request === undefined) throw new Error('no request message');

    await click(request, 'flowgate.reject', BOB, '300.2');
    const [modal] = fake.views();
    if (modal === undefined) throw new Error('Reject opened no modal');
    const empty = await postPayload(rejectSubmission(modal, BOB, '   '));
    const refused = (await empty.json()) as unknown;
    await server.drain();
    const pendingAfterEmpty = (await kit.requests.listRequests('prod'))[0]?.state;
    await postPayload(rejectSubmission(modal, BOB, 'The queue should be Billing, not Sales.'));
    await server.drain();

    expect(modal.triggerId).toBe(`${triggers - 2}.${triggers - 2}.trigger`);
    expect(refused).toEqual({
      response_action: 'errors',
      errors: { 'flowgate.reject_reason': 'Say why you reject it: the requester sees your reason.' },
    });
    expect(pendingAfterEmpty).toBe('pending');
    const decided = fake.message(CHANNEL, request.ts);
    expect(JSON.stringify(decided?.blocks)).toContain('> The queue should be Billing, not Sales.');
    expect(button(decided ?? request, 'flowgate.approve')).toBeNull();
    const notice = fake.messages().find((m) => m.threadTs === request.ts && m.text.includes('rejected'));
    expect(JSON.stringify(notice?.blocks)).toContain(
      `<@${ALICE}> <@${BOB}> rejected your request to publish *Billing* v1 to *prod* <!date^`,
    );
    expect(notice?.text).toContain('The queue should be Billing, not Sales.');
  });
});

/** What a message reads: its text and its blocks. */
function reads(message: FakeSlackMessage): string {
  return `${message.text}\n${JSON.stringify(message.blocks)}`;
}

function current(report: FakeSlackMessage): FakeSlackMessage {
  return fake.message(CHANNEL, report.ts) ?? report;
}

/** billing.json with one attribute changed: another version of the same flow. */
function changedBilling(): string {
  return BILLING_FILE.toString('utf8').replace('"value": "billing"', '"value": "billing-2"');
}

describe('the import report follows its version', () => {
  it('shows the request, then the publish, and offers neither Request publish nor Discard once asked', async () => {
    const report = await shareBilling();
    await click(report, 'flowgate.request_publish', ALICE, '400.1');
    await server.drain();
    const requested = current(report);
    const [request] = requestMessages();
    if (request === undefined) throw new Error('no request message');

    await click(request, 'flowgate.approve', BOB, '400.2');
    await server.drain();
    const live = current(report);

    expect(reads(requested)).toContain(`*Publish requested* by <@${ALICE}> <!date^`);
    expect(requested.text).toContain("Requested: 'Billing' v1 waits for a publisher's approval in prod.");
    expect(button(requested, 'flowgate.request_publish')).toBeNull();
    expect(button(requested, 'flowgate.discard_import')).toBeNull();
    expect(live.text).toContain("Live: 'Billing' v1 is published to prod.");
    expect(reads(live)).toContain(`*Live*: approved by <@${BOB}> and published <!date^`);
    expect(reads(live)).toContain(`(requested by <@${ALICE}>)`);
    expect([button(live, 'flowgate.request_publish'), button(live, 'flowgate.discard_import')]).toEqual([
      null,
      null,
    ]);
  });

  it('answers a Request publish click on an old copy from the current state once the version is live', async () => {
    const report = await shareBilling();
    await click(report, 'flowgate.request_publish', ALICE, '410.1');
    await server.drain();
    const [request] = requestMessages();
    if (request === undefined) throw new Error('no request message');
    await click(request, 'flowgate.approve', BOB, '410.2');
    await server.drain();

    await click(report, 'flowgate.request_publish', ALICE, '410.3');
    await server.drain();

    expect(ephemeralTo(fake, ALICE).join('\n')).toContain('*Billing* v1 is already live in *prod*');
    expect(await kit.requests.listRequests('prod')).toHaveLength(1);
    expect(kit.center.writes()).toBe(1);
  });

  it('shows a rejection with its reason and offers Request publish again', async () => {
    const report = await shareBilling();
    await click(report, 'flowgate.request_publish', ALICE, '420.1');
    await server.drain();
    const [request] = requestMessages();
    if (request === undefined) throw new Error('no request message');
    await click(request, 'flowgate.reject', BOB, '420.2');
    const [modal] = fake.views();
    if (modal === undefined) throw new Error('no modal');
    await postPayload(rejectSubmission(modal, BOB, 'Wrong queue'));
    await server.drain();
    const rejected = current(report);

    await click(rejected, 'flowgate.request_publish', ALICE, '420.3');
    await server.drain();

    expect(reads(rejected)).toContain(`*Rejected* by <@${BOB}> <!date^`);
    expect(reads(rejected)).toContain('> Wrong queue');
    expect(button(rejected, 'flowgate.request_publish')).not.toBeNull();
    expect(JSON.stringify(rejected.blocks)).toContain('Request publish again');
    expect((await kit.requests.listRequests('prod')).map((r) => r.state).sort()).toEqual([
      'pending',
      'rejected',
    ]);
  });

  it('points a superseded version at the newer one and offers nothing else', async () => {
    const first = await shareBilling();
    const file = fake.registerFile(changedBilling(), { name: 'billing.json', mimetype: 'application/json' });
    await post(JSON.stringify(fileSharedEvent(file.id, ALICE, 'Ev-v2', CHANNEL)), 'application/json');
    await server.drain();
    const old = current(first);

    expect(old.text).toContain("Superseded: 'Billing' v1 was replaced by v2 in prod.");
    expect(reads(old)).toContain(`*Superseded by v2*, imported by <@${ALICE}> <!date^`);
    const blocks = old.blocks as { type: string; accessory?: unknown }[];
    expect(blocks.filter((b) => b.type === 'actions' || b.accessory !== undefined)).toEqual([]);
  });

  it('shows an expired request and offers Request publish again', async () => {
    const report = await shareBilling();
    await click(report, 'flowgate.request_publish', ALICE, '430.1');
    await server.drain();

    kit.clock.advance(25 * 3_600_000);
    for (let i = 0; i < 50 && !reads(current(report)).includes('Request expired'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    expect(reads(current(report))).toContain('*Request expired* <!date^');
    expect(JSON.stringify(current(report).blocks)).toContain('Request publish again');
  });

  it('keeps the request when updating the report fails, and shows it the next time the report is built', async () => {
    const report = await shareBilling();
    fake.fail('chat.update', { kind: 'error', error: 'message_not_found' }, 1);
    await click(report, 'flowgate.request_publish', ALICE, '440.1');
    await server.drain();
    const missed = current(report);
    const [request] = requestMessages();
    if (request === undefined) throw new Error('no request message');

    await click(request, 'flowgate.approve', BOB, '440.2');
    await server.drain();

    expect(button(missed, 'flowgate.request_publish')).not.toBeNull();
    expect((await kit.requests.listRequests('prod')).map((r) => r.state)).toEqual(['published']);
    expect(current(report).text).toContain("Live: 'Billing' v1 is published to prod.");
  });
});
