/**
 * The Slack bot against a hostile workspace member, end to end: signed HTTP requests into the
 * real handler (Bolt's Lambda receiver behind `startLocalServer`), the fake Slack Web API on
 * loopback, the use cases on the in-memory fakes. Every surface checks who is asking; a click
 * only changes the message flowgate posted for it; junk is refused at the edge.
 */
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createVersionTable } from '../../adapters/dynamo/versionTable.js';
import { dynamoStores } from '../../app/compose/stores.js';
import { encodePickerBlockId } from '../../blocks/actionIds.js';
import type { FlowgateConfig } from '../../core/config.js';
import type { ServiceDeps } from '../../core/deps.js';
import { type LocalServer, startLocalServer } from '../../handlers/local/localServer.js';
import { hostedOn, makeDeps, type ServiceKit } from '../fakes/serviceKit.js';
import { type FakeSlackApi, type FakeSlackMessage, startFakeSlackApi } from './fakeSlackApi.js';
import { type LocalDynamo, startDynamo } from './servers.js';
import {
  BILLING_FILE,
  fileSharedEvent,
  importBillingWithUnknownQueue,
  withChannel,
} from './slackPayloads.js';

const SECRET = 'hostile-signing-secret';
const TOKEN = 'xoxb-hostile';
const CHANNEL = 'CPRODFLOWS';

let fake: FakeSlackApi;
let kit: ServiceKit;
let server: LocalServer;

beforeAll(async () => {
  fake = await startFakeSlackApi({ tokens: [TOKEN] });
});

afterAll(async () => {
  await server?.stop();
  await fake.stop();
});

async function startWith(deps: ServiceDeps): Promise<void> {
  await server?.stop();
  server = await startLocalServer({
    ...hostedOn(deps),
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
}

beforeEach(async () => {
  fake.reset();
  kit = makeDeps();
  await startWith(withChannel(kit.deps, CHANNEL));
});

function sign(body: string, timestamp: number | string): string {
  return `v0=${createHmac('sha256', SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

/** POSTs `body` to /slack/events, correctly signed (at `timestamp`, now by default). */
async function post(body: string, contentType: string, timestamp?: number): Promise<Response> {
  const ts = timestamp ?? Math.floor(Date.now() / 1000);
  return fetch(`${server.url}/slack/events`, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': String(ts),
      'x-slack-signature': sign(body, ts),
    },
    body,
  });
}

function interactive(payload: unknown): Promise<Response> {
  return post(`payload=${encodeURIComponent(JSON.stringify(payload))}`, 'application/x-www-form-urlencoded');
}

async function typeAhead(user: string, typed: string): Promise<string[]> {
  const { flowKey, version, ref } = await importBillingWithUnknownQueue(kit.deps);
  const response = await interactive({
    type: 'block_suggestion',
    user: { id: user },
    team: { id: 'T1' },
    action_id: 'flowgate.pick_replacement',
    block_id: encodePickerBlockId({ env: 'prod', flow: flowKey, version, ref }),
    value: typed,
  });
  expect(response.status).toBe(200);
  const answer = (await response.json()) as { options: { text: { text: string } }[] };
  return answer.options.map((o) => o.text.text);
}

function withRoles(deps: ServiceDeps, roles: FlowgateConfig['roles']): ServiceDeps {
  return { ...deps, config: { ...deps.config, roles } };
}

describe('replacement type-ahead', () => {
  it('lists nothing of the environment to a workspace member with no flowgate role', async () => {
    expect(await typeAhead('mallory', '')).toEqual([]);
  });

  it('lists the matching resources to a viewer', async () => {
    expect(await typeAhead('victor', 'bil')).toEqual(['Billing']);
  });

  it('lists them to a viewer by user group when Slack lists the group in time', async () => {
    fake.setUsergroup('SVIEWERS', ['vera']);
    await startWith(
      withRoles(withChannel(kit.deps, CHANNEL), {
        viewers: ['SVIEWERS'],
        editors: ['alice'],
        publishers: ['bob'],
      }),
    );
    expect(await typeAhead('vera', 'bil')).toEqual(['Billing']);
  });

  it('lists nothing when the role could only come from a user group Slack does not answer for', async () => {
    fake.setUsergroup('SVIEWERS', ['vera']);
    fake.fail('usergroups.users.list', { kind: 'ratelimited', retryAfterSeconds: 30 });
    await startWith(
      withRoles(withChannel(kit.deps, CHANNEL), {
        viewers: ['SVIEWERS'],
        editors: ['alice'],
        publishers: ['bob'],
      }),
    );
    expect(await typeAhead('vera', 'bil')).toEqual([]);
  });
});

describe('the Slack endpoint edge', () => {
  it('answers 401 and records nothing for a request signed ten minutes in the future', async () => {
    const file = fake.registerFile(BILLING_FILE, { name: 'billing.json', mimetype: 'application/json' });
    const body = JSON.stringify(fileSharedEvent(file.id, 'alice', 'EvFuture', CHANNEL));

    const response = await post(body, 'application/json', Math.floor(Date.now() / 1000) + 10 * 60);
    await server.drain();

    expect(response.status).toBe(401);
    expect(fake.calls('files.info')).toHaveLength(0);
    expect(await kit.versions.listVersions('prod', 'flow:Billing')).toHaveLength(0);
  });

  it.each([
    ['a JSON body that is not JSON', 'application/json', '{"type": "event_callback", '],
    ['a JSON body of null', 'application/json', 'null'],
    ['a JSON body that is an array', 'application/json', '[1,2]'],
    ['a form payload that is not JSON', 'application/x-www-form-urlencoded', 'payload=%7Bnope'],
    ['a form payload of null', 'application/x-www-form-urlencoded', 'payload=null'],
    ['an event of null', 'application/json', '{"type":"event_callback","event":null}'],
    [
      'block actions of null',
      'application/x-www-form-urlencoded',
      `payload=${encodeURIComponent('{"type":"block_actions","user":{"id":"alice"},"actions":null}')}`,
    ],
    [
      'a view submission without its view',
      'application/x-www-form-urlencoded',
      `payload=${encodeURIComponent('{"type":"view_submission","user":{"id":"alice"}}')}`,
    ],
    ['4 MB of noise', 'application/x-www-form-urlencoded', `payload=${'x7Q'.repeat(1_400_000)}`],
    ['4 MB of noise as JSON', 'application/json', 'Z'.repeat(4 * 1024 * 1024)],
  ])(
    'answers 400, not 500 (which Slack retries), for correctly signed junk: %s',
    async (_case, type, body) => {
      const response = await post(body, type);

      expect(response.status).toBe(400);
      expect(await response.text()).not.toMatch(/internal server error/i);
    },
  );
});

describe('ids and lengths at the edge', () => {
  let dynamo: LocalDynamo;

  beforeAll(async () => {
    dynamo = await startDynamo();
  });

  afterAll(async () => {
    await dynamo.stop();
  });

  /** A click on Approve whose value names `request`, by bob (a publisher). */
  function approveClick(request: string): Promise<Response> {
    return interactive({
      type: 'block_actions',
      user: { id: 'bob', team_id: 'T1' },
      team: { id: 'T1' },
      api_app_id: 'A1',
      container: { type: 'message', message_ts: '1700000000.000100', channel_id: CHANNEL },
      channel: { id: CHANNEL },
      message: { ts: '1700000000.000100', text: 'request' },
      response_url: fake.responseUrl(),
      actions: [
        {
          type: 'button',
          action_id: 'flowgate.approve',
          block_id: 'decide',
          value: JSON.stringify({ request }),
          action_ts: `${Date.now()}.1`,
        },
      ],
    });
  }

  it("tells the clicker a 3,000-character request id is not one of flowgate's buttons, without asking DynamoDB", async () => {
    await createVersionTable(dynamo.client, 'hostile');
    const stores = dynamoStores({
      client: dynamo.client,
      tableName: 'hostile',
      files: kit.files,
      clock: kit.clock,
    });
    await startWith(withChannel({ ...kit.deps, ...stores }, CHANNEL));

    const response = await approveClick('r'.repeat(3_000));
    await server.drain();

    expect(response.status).toBe(200);
    const told = toldTo('bob');
    expect(told).toMatch(/could not read that button/);
    expect(told).not.toMatch(/DynamoDB|ValidationException/);
    expect(fake.calls('chat.update')).toHaveLength(0);
  });
});

/** The first button in `message` whose action id starts with `prefix`. */
function button(
  message: FakeSlackMessage,
  prefix: string,
): { action_id: string; value: string; block_id: string } {
  for (const block of message.blocks as {
    block_id?: string;
    elements?: { action_id?: string; value?: string }[];
  }[]) {
    for (const el of block.elements ?? []) {
      if (el.action_id?.startsWith(prefix))
        return { action_id: el.action_id, value: el.value ?? '', block_id: block.block_id ?? '' };
    }
  }
  throw new Error(`no ${prefix} in message: ${message.text}`);
}

/**
 * A click by `user` on `action` (a button's action id, value and block), with the payload saying
 * it came from the message at `from` (its channel and ts), as anyone can claim.
 */
function clickAs(
  user: string,
  action: { action_id: string; value: string; block_id: string },
  from: { channel: string; ts: string },
): Promise<Response> {
  return interactive({
    type: 'block_actions',
    user: { id: user, team_id: 'T1' },
    team: { id: 'T1' },
    api_app_id: 'A1',
    container: { type: 'message', message_ts: from.ts, channel_id: from.channel },
    channel: { id: from.channel },
    message: { ts: from.ts, text: '' },
    response_url: fake.responseUrl(),
    actions: [
      { type: 'button', ...action, action_ts: `${Date.now()}.${Math.random().toString().slice(2, 8)}` },
    ],
  });
}

function toldTo(user: string): string {
  return fake
    .ephemerals(user)
    .map((e) => e.text)
    .join('\n');
}

describe('a click changes only the message flowgate posted for it', () => {
  let report: FakeSlackMessage;
  let request: FakeSlackMessage;
  /** The updates before each test: the request turned the import report into "Publish requested". */
  let updates: number;

  /** billing.json shared in the prod channel by alice, and her request to publish it. */
  beforeEach(async () => {
    const file = fake.registerFile(BILLING_FILE, { name: 'billing.json', mimetype: 'application/json' });
    await post(
      JSON.stringify(fileSharedEvent(file.id, 'alice', `Ev${Date.now()}`, CHANNEL)),
      'application/json',
    );
    await server.drain();
    const shown = fake
      .messages()
      .find((m) => m.channel === CHANNEL && m.text.toLowerCase().includes('ready'));
    if (shown === undefined) throw new Error('no import report');
    report = shown;
    await clickAs('alice', button(report, 'flowgate.request_publish'), report);
    await server.drain();
    const asked = fake
      .messages()
      .find((m) => m.text !== report.text && m.blocks.length > 0 && m.ts !== report.ts);
    if (asked === undefined) throw new Error('no publish request');
    request = asked;
    expect(button(request, 'flowgate.approve')).toBeDefined();
    expect(fake.calls('chat.update').map((c) => c.args.ts)).toEqual([report.ts]);
    updates = fake.calls('chat.update').length;
  });

  it('refuses a Discard that names the pending publish request, which keeps its Approve and Reject', async () => {
    await clickAs('alice', button(report, 'flowgate.discard_import'), request);
    await server.drain();

    expect(toldTo('alice')).toContain('not on the import report flowgate posted for Billing');
    expect(fake.calls('chat.update')).toHaveLength(updates);
    expect(fake.message(CHANNEL, request.ts)?.updates).toBe(0);
  });

  it('refuses an Approve that names the import report, and decides nothing', async () => {
    await clickAs('bob', button(request, 'flowgate.approve'), report);
    await server.drain();

    expect(toldTo('bob')).toContain(`not on the request message flowgate posted in <#${CHANNEL}>`);
    expect(fake.calls('chat.update')).toHaveLength(updates);
    expect((await kit.requests.listRequests('prod')).map((r) => r.state)).toEqual(['pending']);
  });

  it('refuses an Approve that claims to come from another channel, and posts nothing there', async () => {
    await clickAs('bob', button(request, 'flowgate.approve'), { channel: 'CELSEWHERE', ts: request.ts });
    await server.drain();

    expect(toldTo('bob')).toContain('nothing was decided');
    expect(fake.calls('chat.update')).toHaveLength(updates);
    expect(fake.calls('chat.postMessage').filter((c) => c.args.channel === 'CELSEWHERE')).toHaveLength(0);
    expect((await kit.requests.listRequests('prod')).map((r) => r.state)).toEqual(['pending']);
  });

  it('refuses an environment choice that names the publish request, and imports nothing', async () => {
    const file = fake.registerFile(BILLING_FILE, { name: 'other.json', mimetype: 'application/json' });
    const forged = {
      action_id: 'flowgate.choose_environment:0',
      value: JSON.stringify({ env: 'prod', file: file.id }),
      block_id: 'choose',
    };

    await clickAs('alice', forged, request);
    await server.drain();

    expect(toldTo('alice')).toContain('nothing was imported');
    expect(fake.calls('chat.update')).toHaveLength(updates);
    expect(fake.calls('files.info').filter((c) => c.args.file === file.id)).toHaveLength(0);
  });

  it('still decides a request approved from its own message, on that message', async () => {
    await clickAs('bob', button(request, 'flowgate.approve'), request);
    await server.drain();

    expect(fake.message(CHANNEL, request.ts)?.updates).toBe(1);
    expect(fake.message(CHANNEL, request.ts)?.text).toMatch(/approved|published/i);
  });
});
