/**
 * The Slack bot end to end, without Slack: signed HTTP requests into the real handler (Bolt's
 * Lambda receiver behind `startLocalServer`), a fake Slack Web API on loopback that records calls
 * and serves the file download, and the use cases on the in-memory fakes.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { encodePickerBlockId } from '../../blocks/actionIds.js';
import type { ServiceDeps } from '../../core/deps.js';
import { type LocalServer, startLocalServer } from '../../handlers/local/localServer.js';
import { hostedOn, makeDeps, type ServiceKit } from '../fakes/serviceKit.js';
import { type FakeSlackApi, type FakeSlackMessage, startFakeSlackApi } from './fakeSlackApi.js';
import {
  BILLING_FILE,
  fileSharedEvent,
  importBillingWithUnknownQueue,
  withChannel,
} from './slackPayloads.js';
import { readableSlackTexts, unreadableParts } from './slackText.js';

const SECRET = 'e2e-signing-secret';
const TOKEN = 'xoxb-e2e';
const CHANNEL = 'CPRODFLOWS';

let fake: FakeSlackApi;
let kit: ServiceKit;
let server: LocalServer;

/** The kit's use cases, with prod bound to a channel. */
beforeAll(async () => {
  fake = await startFakeSlackApi({ tokens: [TOKEN] });
});

afterAll(async () => {
  await fake.stop();
});

beforeEach(async () => {
  await server?.stop();
  fake.reset();
  kit = makeDeps();
  server = await startLocalServer({
    ...hostedOn(asInSlack(withChannel(kit.deps, CHANNEL))),
    slack: {
      signingSecret: SECRET,
      botToken: TOKEN,
      apiUrl: fake.apiUrl,
      botId: 'BFLOWGATE',
      botUserId: fake.botUserId,
    },
    port: 0,
    log: () => {},
  });
});

/**
 * The kit's use cases as a workspace has them: Slack users (U0ALICE, U0BOB and the user group
 * S0PUBLISHERS publish) besides the kit's names, and request ids that are UUIDs.
 */
function asInSlack(deps: ServiceDeps): ServiceDeps {
  const { roles } = deps.config;
  return {
    ...deps,
    newId: () => randomUUID(),
    config: {
      ...deps.config,
      roles: {
        ...roles,
        editors: [...roles.editors, 'U0ALICE'],
        publishers: [...roles.publishers, 'U0ALICE', 'U0BOB', 'S0PUBLISHERS'],
      },
    },
  };
}

/** Slack's request signature: HMAC-SHA256 of `v0:<timestamp>:<body>` with the signing secret. */
function sign(body: string, timestamp: number, secret = SECRET): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

async function post(
  body: string,
  contentType: string,
  options: { secret?: string; timestamp?: number; unsigned?: boolean } = {},
): Promise<Response> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = { 'content-type': contentType };
  if (options.unsigned !== true) {
    headers['x-slack-request-timestamp'] = String(timestamp);
    headers['x-slack-signature'] = sign(body, timestamp, options.secret);
  }
  return fetch(`${server.url}/slack/events`, { method: 'POST', headers, body });
}

function fileShared(fileId: string, user: string, eventId: string): string {
  return JSON.stringify(fileSharedEvent(fileId, user, eventId, CHANNEL));
}

/** The first button or select in `message` whose action id starts with `prefix`. */
function element(
  message: FakeSlackMessage,
  prefix: string,
): { action_id: string; value?: string; block_id: string } {
  for (const block of message.blocks as {
    block_id?: string;
    elements?: { action_id?: string; value?: string }[];
  }[]) {
    for (const el of block.elements ?? []) {
      if (el.action_id?.startsWith(prefix))
        return {
          action_id: el.action_id,
          ...(el.value === undefined ? {} : { value: el.value }),
          block_id: block.block_id ?? '',
        };
    }
  }
  throw new Error(`no ${prefix} in message: ${message.text}`);
}

async function click(
  message: FakeSlackMessage,
  prefix: string,
  user: string,
  actionTs: string,
): Promise<Response> {
  const target = element(message, prefix);
  const payload = {
    type: 'block_actions',
    user: { id: user, team_id: 'T1' },
    team: { id: 'T1' },
    api_app_id: 'A1',
    trigger_id: 'trigger',
    container: { type: 'message', message_ts: message.ts, channel_id: CHANNEL },
    channel: { id: CHANNEL },
    message: { ts: message.ts, text: message.text },
    response_url: fake.responseUrl(),
    actions: [
      {
        type: 'button',
        action_id: target.action_id,
        block_id: target.block_id,
        value: target.value ?? '',
        action_ts: actionTs,
      },
    ],
  };
  return post(`payload=${encodeURIComponent(JSON.stringify(payload))}`, 'application/x-www-form-urlencoded');
}

function lastMessage(): FakeSlackMessage {
  const all = fake.messages();
  const last = all[all.length - 1];
  if (last === undefined) throw new Error('no message was posted');
  return last;
}

describe('the Slack bot through its HTTP handler', () => {
  it('imports a shared file, asks, refuses self-approval, and publishes on a second approval', async () => {
    const file = fake.registerFile(BILLING_FILE, { name: 'billing.json', mimetype: 'application/json' });

    const shared = await post(fileShared(file.id, 'alice', 'Ev1'), 'application/json');
    await server.drain();
    expect(shared.status).toBe(200);
    const report = fake
      .messages()
      .find((m) => m.channel === CHANNEL && m.text.toLowerCase().includes('ready'));
    expect(report?.text).toContain('Billing');
    expect(fake.uploads().some((u) => u.threadTs === report?.ts)).toBe(true);
    const link = ((report?.blocks ?? []) as { elements?: { action_id?: string; url?: string }[] }[])
      .flatMap((b) => b.elements ?? [])
      .find((e) => e.action_id?.startsWith('flowgate.view_report'));
    const picture = fake.uploads().find((u) => u.threadTs === report?.ts && u.filename.endsWith('.png'));
    expect(Buffer.from(picture?.bytes ?? []).subarray(0, 8)).toEqual(
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    );
    const page = await fetch(link?.url ?? 'missing');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Billing');

    if (report === undefined) throw new Error('no report');
    await click(report, 'flowgate.request_publish', 'alice', '100.1');
    await server.drain();
    const request = lastMessage();
    expect(element(request, 'flowgate.approve')).toBeDefined();

    await click(request, 'flowgate.approve', 'alice', '100.2');
    await server.drain();
    const refusals = fake.calls('chat.postEphemeral').filter((c) => c.args.user === 'alice');
    expect(refusals.map((c) => String(c.args.text)).join('\n')).toMatch(/approve/i);

    await click(request, 'flowgate.approve', 'bob', '100.3');
    await server.drain();
    const decided = fake.message(CHANNEL, request.ts);
    expect(decided?.updates).toBeGreaterThan(0);
    expect(decided?.text).toMatch(/approved|published/i);
    const published = (await kit.center.inventory()).resources.find(
      (r) => r.kind === 'flow' && r.name === 'Billing',
    );
    expect(published).toBeDefined();
    const content = (await kit.center.describeFlow('flow', published?.id ?? ''))?.content ?? '';
    expect(content).toContain('arn:aws:connect:us-west-2:444455556666:instance/5e2d7c1b');
    expect(content).not.toContain('us-east-1:111122223333');
  });

  it('imports a file delivered twice once', async () => {
    const file = fake.registerFile(BILLING_FILE, { name: 'billing.json', mimetype: 'application/json' });

    await post(fileShared(file.id, 'alice', 'Ev2'), 'application/json');
    await post(fileShared(file.id, 'alice', 'Ev2'), 'application/json');
    await server.drain();

    expect(await kit.versions.listVersions('prod', 'flow:Billing')).toHaveLength(1);
    expect(fake.calls('files.info')).toHaveLength(1);
  });

  it.each([
    ['a wrong signature', { secret: 'not-the-secret' }],
    ['a stale timestamp', { timestamp: Math.floor(Date.now() / 1000) - 60 * 10 }],
    ['no signature', { unsigned: true }],
  ])('answers 401 and records nothing for %s', async (_case, options) => {
    const file = fake.registerFile(BILLING_FILE, { name: 'billing.json', mimetype: 'application/json' });

    const response = await post(fileShared(file.id, 'alice', 'Ev3'), 'application/json', options);
    await server.drain();

    expect(response.status).toBe(401);
    expect(fake.calls('files.info')).toHaveLength(0);
    expect(await kit.versions.listVersions('prod', 'flow:Billing')).toHaveLength(0);
  });

  it('keeps non-ASCII text intact through the handler', async () => {
    const body = new URLSearchParams({
      command: '/flow',
      text: 'versions Café Ünïcode 日本',
      user_id: 'alice',
      channel_id: CHANNEL,
      team_id: 'T1',
      trigger_id: 'trigger-utf8',
      response_url: fake.responseUrl(),
    }).toString();

    const response = await post(body, 'application/x-www-form-urlencoded');
    await server.drain();

    expect(response.status).toBe(200);
    const answered = fake
      .calls('response_url')
      .map((c) => JSON.stringify(c.args))
      .join('\n');
    expect(answered).toContain('Café Ünïcode 日本');
  });

  it('offers type-ahead replacements of the reference kind that match what is typed', async () => {
    const { flowKey, version, ref } = await importBillingWithUnknownQueue(kit.deps);
    const payload = {
      type: 'block_suggestion',
      user: { id: 'alice' },
      team: { id: 'T1' },
      action_id: 'flowgate.pick_replacement',
      block_id: encodePickerBlockId({ env: 'prod', flow: flowKey, version, ref }),
      value: 'bil',
    };

    const response = await post(
      `payload=${encodeURIComponent(JSON.stringify(payload))}`,
      'application/x-www-form-urlencoded',
    );
    const answer = (await response.json()) as { options: { text: { text: string }; value: string }[] };

    expect(answer.options.map((o) => o.text.text)).toEqual(['Billing']);
    expect(JSON.parse(answer.options[0]?.value ?? '{}')).toHaveProperty('to');
  });

  it('answers an unknown subcommand with the usage, ephemeral, at once', async () => {
    const body = new URLSearchParams({
      command: '/flow',
      text: 'frobnicate',
      user_id: 'victor',
      channel_id: CHANNEL,
      team_id: 'T1',
      trigger_id: 'trigger-usage',
      response_url: fake.responseUrl(),
    }).toString();

    const response = await post(body, 'application/x-www-form-urlencoded');
    const answer = (await response.json()) as { response_type: string; text: string };

    expect(response.status).toBe(200);
    expect(answer.response_type).toBe('ephemeral');
    expect(answer.text).toContain('frobnicate');
  });

  it('speaks to people in every message of the journey: mentions, flow names, date tokens, second person', async () => {
    fake.setUsergroup('S0PUBLISHERS', ['U0CAROL']);
    const file = fake.registerFile(BILLING_FILE, { name: 'billing.json', mimetype: 'application/json' });
    await post(fileShared(file.id, 'U0ALICE', 'EvJ1'), 'application/json');
    await server.drain();
    const report = fake.messages().find((m) => m.channel === CHANNEL && m.text.startsWith('Ready'));
    if (report === undefined) throw new Error('no report');
    await click(report, 'flowgate.request_publish', 'U0ALICE', '200.1');
    await server.drain();
    const request = fake.messages().find((m) => m.text.includes('asks to publish') && m.blocks.length > 1);
    if (request === undefined) throw new Error('no request message');

    await click(request, 'flowgate.approve', 'U0ALICE', '200.2');
    await server.drain();
    await click(request, 'flowgate.approve', 'U0BOB', '200.3');
    await server.drain();
    await click(request, 'flowgate.approve', 'U0BOB', '200.4');
    await server.drain();
    for (const [sub, n] of [
      ['versions Billing', 1],
      ['status', 2],
    ] as const) {
      const body = new URLSearchParams({
        command: '/flow',
        text: sub,
        user_id: 'U0BOB',
        channel_id: CHANNEL,
        team_id: 'T1',
        trigger_id: `trigger-journey-${n}`,
        response_url: fake.responseUrl(),
      }).toString();
      await post(body, 'application/x-www-form-urlencoded');
      await server.drain();
    }

    const toAlice = ephemeralText('U0ALICE');
    const toBob = ephemeralText('U0BOB');
    const decided = fake.message(CHANNEL, request.ts);
    expect(JSON.stringify(report.blocks)).toContain('Imported by <@U0ALICE>');
    expect(request.text).toBe('<@U0ALICE> asks to publish Billing v1 to prod.');
    expect(JSON.stringify(request.blocks)).toContain('<@U0ALICE> asks to publish *Billing* v1 to *prod*');
    expect(JSON.stringify(request.blocks)).toMatch(/Expires <!date\^\d+\^/);
    expect(toAlice).toContain(
      'You requested this publish of *Billing* v1 to *prod*; another publisher must approve it: ask',
    );
    expect(toAlice).toContain('<@U0BOB> or <!subteam^S0PUBLISHERS>.');
    expect(decided?.text).toBe(
      'Billing v1 for prod: approved and published by <@U0BOB>. Published 1 flow to prod.',
    );
    expect(toBob).toMatch(
      /^You approved this publish of \*Billing\* v1 to \*prod\* <!date\^\d+\^[^|]+\|[^>]+>; it is live\./,
    );
    expect(unreadableParts(readableSlackTexts(fake))).toEqual([]);
  });
});

/** The text of the ephemeral messages `user` was shown. */
function ephemeralText(user: string): string {
  return fake
    .ephemerals(user)
    .map((e) => e.text)
    .join('\n');
}

describe('App Home through the HTTP handler', () => {
  const ALICE = 'U0ALICE';
  const BOB = 'U0BOB';

  /** The kit with Slack user ids in the roles: Alice edits, Bob publishes. */
  beforeEach(async () => {
    await server.stop();
    const deps = withChannel(kit.deps, CHANNEL);
    const config = { ...deps.config, roles: { viewers: [], editors: [ALICE], publishers: [BOB] } };
    server = await startLocalServer({
      ...hostedOn({ ...deps, config }),
      slack: {
        signingSecret: SECRET,
        botToken: TOKEN,
        apiUrl: fake.apiUrl,
        botId: 'BFLOWGATE',
        botUserId: fake.botUserId,
      },
      port: 0,
      log: () => {},
    });
  });

  /** `app_home_opened` as Slack sends it; `hash` is the tab's current one (absent before a first publish). */
  function homeOpened(user: string, eventTs: string, options: { tab?: string; hash?: string } = {}): string {
    return JSON.stringify({
      token: 'legacy',
      team_id: 'T1',
      api_app_id: 'A0FAKEAPP1',
      type: 'event_callback',
      event_id: `Ev${eventTs}`,
      event_time: 1,
      event: {
        type: 'app_home_opened',
        user,
        channel: 'D0APPHOME',
        tab: options.tab ?? 'home',
        event_ts: eventTs,
        ...(options.hash === undefined ? {} : { view: { id: 'V1', type: 'home', hash: options.hash } }),
      },
    });
  }

  /** The mrkdwn and button urls of `user`'s Home tab as last published. */
  function homeText(user: string): string {
    const blocks = (fake.home(user)?.blocks ?? []) as {
      text?: { text?: string };
      accessory?: { url?: string };
    }[];
    return blocks.map((b) => [b.text?.text ?? '', b.accessory?.url ?? ''].join(' ')).join('\n');
  }

  /** Alice shares Billing in prod's channel and asks to publish it: the request message. */
  async function aliceRequestsBilling(): Promise<FakeSlackMessage> {
    const file = fake.registerFile(BILLING_FILE, { name: 'billing.json', mimetype: 'application/json' });
    await post(fileShared(file.id, ALICE, 'EvShare'), 'application/json');
    await server.drain();
    const report = fake.messages().find((m) => m.channel === CHANNEL && m.text.includes('Billing'));
    if (report === undefined) throw new Error('no report');
    await click(report, 'flowgate.request_publish', ALICE, '200.1');
    await server.drain();
    return lastMessage();
  }

  it('shows a publisher the request waiting on them, with who asked, when, and a link to its message', async () => {
    const request = await aliceRequestsBilling();

    const opened = await post(homeOpened(BOB, '300.1'), 'application/json');
    await server.drain();

    expect(opened.status).toBe(200);
    const permalink = `${fake.origin}/archives/${CHANNEL}/p${request.ts.replace('.', '')}`;
    expect(homeText(BOB)).toContain(`*Billing* v1 to *prod*\n<@${ALICE}> asks <!date^`);
    expect(homeText(BOB)).toContain(permalink);
    expect(homeText(BOB)).not.toMatch(/flow:Billing/);
  });

  it('shows the requester their own open request and no approvals', async () => {
    await aliceRequestsBilling();

    await post(homeOpened(ALICE, '300.2'), 'application/json');
    await server.drain();

    expect(homeText(ALICE)).toContain('*Billing* v1 to *prod*\nYou asked <!date^');
    expect(homeText(ALICE)).toContain('Nothing waits on you: approving needs the publisher role.');
  });

  it('shows the publish under prod and nothing waiting once the request is approved', async () => {
    const request = await aliceRequestsBilling();
    await click(request, 'flowgate.approve', BOB, '200.2');
    await server.drain();

    await post(homeOpened(BOB, '300.3'), 'application/json');
    await server.drain();

    expect(homeText(BOB)).toContain('Nothing waits on you. When someone asks');
    expect(homeText(BOB)).toMatch(
      /\*prod\*\n<!date\^\d+\^\{date_short_pretty\} at \{time\}\|[^>]+> · \*Billing\* v1 by <@U0BOB>/,
    );
  });

  it('keeps the newer tab when an opening carries a hash Slack has moved past', async () => {
    await post(homeOpened(BOB, '300.4'), 'application/json');
    await server.drain();
    const first = fake.home(BOB)?.hash ?? '';
    await post(homeOpened(BOB, '300.5', { hash: first }), 'application/json');
    await server.drain();

    await post(homeOpened(BOB, '300.6', { hash: first }), 'application/json');
    await server.drain();

    expect(fake.home(BOB)?.publishes).toBe(2);
    expect(fake.calls('views.publish')).toHaveLength(3);
  });

  it('publishes once for an event Slack delivers twice, and nothing for the Messages tab', async () => {
    await post(homeOpened(BOB, '300.7'), 'application/json');
    await post(homeOpened(BOB, '300.7'), 'application/json');
    await post(homeOpened(ALICE, '300.8', { tab: 'messages' }), 'application/json');
    await server.drain();

    expect(fake.calls('views.publish').map((c) => c.args.user_id)).toEqual([BOB]);
  });
});
