/**
 * `npm start` with an app token: the Slack bot in Socket Mode, end to end without Slack. The real
 * `@slack/socket-mode` client behind `startLocalServer` opens its connection through a fake Socket
 * Mode server on loopback, which delivers envelopes over a real WebSocket and forwards the bot's
 * Web API calls to the fake Slack Web API; the use cases run on the in-memory fakes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { type LocalServer, startLocalServer } from '../../handlers/local/localServer.js';
import { hostedOn, makeDeps, type ServiceKit } from '../fakes/serviceKit.js';
import { type FakeSlackApi, startFakeSlackApi } from './fakeSlackApi.js';
import { type FakeSocketMode, startFakeSocketMode } from './fakeSocketMode.js';
import { fileSharedEvent, withChannel } from './slackPayloads.js';

const TOKEN = 'xoxb-socket';
const APP_TOKEN = 'xapp-1-A0FAKEAPP1-socket';
const CHANNEL = 'CPRODFLOWS';
const billing = readFileSync(join(import.meta.dirname, '..', '..', 'examples', 'flows', 'billing.json'));

let fake: FakeSlackApi;
let socket: FakeSocketMode;
let kit: ServiceKit;
let server: LocalServer;
/** True until `startLocalServer` succeeds, and again once stopped. */
let stopped: boolean;
let logged: string[];
/** What kept the event loop alive just before the bot started. */
let resourcesBefore: string[];

async function stopServer(): Promise<void> {
  if (stopped) return;
  stopped = true;
  await server.stop();
  // Bolt's SocketModeReceiver.stop() does not wait for the close handshake; the fake sees its end.
  await socket.closed();
}

beforeAll(async () => {
  fake = await startFakeSlackApi({ tokens: [TOKEN] });
});

afterAll(async () => {
  await fake.stop();
});

beforeEach(async () => {
  fake.reset();
  stopped = true;
  socket = await startFakeSocketMode({ appToken: APP_TOKEN, slackApiOrigin: fake.origin });
  kit = makeDeps();
  logged = [];
  resourcesBefore = process.getActiveResourcesInfo();
  server = await startLocalServer({
    ...hostedOn(withChannel(kit.deps, CHANNEL)),
    slack: {
      signingSecret: 'unused-in-socket-mode',
      botToken: TOKEN,
      apiUrl: socket.apiUrl,
      appToken: APP_TOKEN,
      botId: 'BFLOWGATE',
      botUserId: fake.botUserId,
    },
    port: 0,
    log: (message, error) => logged.push(`${message} ${String(error ?? '')}`),
  });
  stopped = false;
});

afterEach(async () => {
  await stopServer();
  await socket.stop();
});

function count(resources: readonly string[], type: string): number {
  return resources.filter((resource) => resource === type).length;
}

function slashCommand(text: string, triggerId: string): Record<string, unknown> {
  return {
    token: 'legacy',
    team_id: 'T1',
    team_domain: 'fake',
    channel_id: CHANNEL,
    channel_name: 'prod-flows',
    user_id: 'alice',
    user_name: 'alice',
    command: '/flow',
    text,
    api_app_id: 'A0FAKEAPP1',
    is_enterprise_install: 'false',
    response_url: fake.responseUrl(),
    trigger_id: triggerId,
  };
}

function fileShared(fileId: string, user: string, eventId: string): Record<string, unknown> {
  return fileSharedEvent(fileId, user, eventId, CHANNEL);
}

describe('the Slack bot over Socket Mode', () => {
  it('connects through the configured Slack API with the app token when started with one', () => {
    expect(server.slack).toBe('socket-mode');
    expect(socket.connectionsOpened()).toEqual([{ token: APP_TOKEN }]);
    expect(socket.openSockets()).toBe(1);
    expect(fake.calls().some((call) => call.token === APP_TOKEN)).toBe(false);
  });

  it('answers /flow help in the ack when the slash command arrives over the socket', async () => {
    const ack = await socket.deliver('slash_commands', slashCommand('help', 'trigger-help'));

    expect(ack.payload.response_type).toBe('ephemeral');
    expect(String(ack.payload.text)).toContain('/flow');
    expect(JSON.stringify(ack.payload.blocks)).toContain('/flow publish');
    expect(socket.unacked()).toEqual([]);
    expect(logged).toEqual([]);
  });

  it('imports the file and posts the report when a file is shared in a bound channel', async () => {
    const file = fake.registerFile(billing, { name: 'billing.json', mimetype: 'application/json' });

    const ack = await socket.deliver('events_api', fileShared(file.id, 'alice', 'EvSocket1'));
    // Bolt acks an event before its listener runs: wait for the job to be queued and done.
    await vi.waitFor(() => expect(fake.calls('files.info')).toHaveLength(1), { timeout: 5_000 });
    await server.drain();

    expect(ack.payload).toEqual({});
    const versions = await kit.versions.listVersions('prod', 'flow:Billing');
    expect(versions).toHaveLength(1);
    const report = fake
      .messages()
      .find((m) => m.channel === CHANNEL && m.text.toLowerCase().includes('ready'));
    expect(report?.text).toContain('Billing');
    expect(fake.uploads().some((u) => u.threadTs === report?.ts)).toBe(true);
    expect(fake.calls('chat.postMessage').every((call) => call.token === TOKEN)).toBe(true);
    expect(logged).toEqual([]);
  });

  it('acknowledges every envelope when several arrive on one connection', async () => {
    const file = fake.registerFile(billing, { name: 'billing.json', mimetype: 'application/json' });

    const acks = await Promise.all([
      socket.deliver('slash_commands', slashCommand('help publish', 'trigger-1')),
      socket.deliver('events_api', fileShared(file.id, 'alice', 'EvSocket2')),
      socket.deliver('slash_commands', slashCommand('frobnicate', 'trigger-2')),
    ]);
    await vi.waitFor(() => expect(fake.calls('files.info')).toHaveLength(1), { timeout: 5_000 });
    await server.drain();

    expect(new Set(socket.acks().map((a) => a.envelopeId))).toEqual(new Set(acks.map((a) => a.envelopeId)));
    expect(socket.acks()).toHaveLength(3);
    expect(socket.unacked()).toEqual([]);
    expect(String(acks[2]?.payload.text)).toContain('frobnicate');
  });

  it('closes the socket and leaves nothing running when stopped', async () => {
    await stopServer();
    await socket.stop();

    expect(socket.openSockets()).toBe(0);
    expect(socket.connectionsOpened()).toHaveLength(1);
    // Node lists what keeps the event loop alive: no connection left, and no ping interval or
    // reconnect timer (the client's reconnect would be a new timer) beyond what was there before.
    await vi.waitFor(() => expect(count(process.getActiveResourcesInfo(), 'TCPSocketWrap')).toBe(0));
    expect(count(process.getActiveResourcesInfo(), 'Timeout')).toBeLessThanOrEqual(
      count(resourcesBefore, 'Timeout'),
    );
  });
});
