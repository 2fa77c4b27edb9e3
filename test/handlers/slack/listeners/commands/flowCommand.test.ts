import { type App, AwsLambdaReceiver } from '@slack/bolt';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { FLOW_COMMANDS, isQueuedFlowCommand } from '../../../../../app/flowCommands.js';
import type { Role } from '../../../../../core/config.js';
import { createSlackApp } from '../../../../../handlers/slack/app.js';
import { MemoryJobQueue } from '../../../../fakes/memoryJobQueue.js';
import { makeDeps } from '../../../../fakes/serviceKit.js';
import { type FakeSlackApi, startFakeSlackApi } from '../../../../integration/fakeSlackApi.js';

const TOKEN = 'xoxb-listener-test';

/** A user of the service kit's config who holds exactly `role` (and the roles it includes). */
const HOLDER: Readonly<Record<Role, string>> = { viewer: 'victor', editor: 'alice', publisher: 'bob' };
/** A user who holds every role below `role` but not `role` itself. */
const BELOW: Readonly<Record<Role, string>> = { viewer: 'mallory', editor: 'victor', publisher: 'alice' };

const ephemeral = z.object({ response_type: z.literal('ephemeral'), text: z.string() });

let fake: FakeSlackApi;
let queue: MemoryJobQueue;
let app: App;
let triggers = 0;

beforeAll(async () => {
  fake = await startFakeSlackApi({ tokens: [TOKEN] });
});

afterAll(async () => {
  await fake.stop();
});

beforeEach(() => {
  fake.reset();
  const kit = makeDeps();
  queue = new MemoryJobQueue();
  // The real Bolt app, fed through processEvent: the receiver is never started.
  app = createSlackApp({
    token: TOKEN,
    botId: 'BFLOWGATE',
    botUserId: 'UFLOWGATE',
    receiver: new AwsLambdaReceiver({ signingSecret: 'unused' }),
    slackApiUrl: fake.apiUrl,
    ctx: { config: kit.deps.config, claims: kit.claims, queue, clock: kit.clock, log: () => {} },
  });
});

/** Runs `/flow <text>` as `user`; returns the listener's acknowledgements. */
async function slash(text: string, user: string): Promise<unknown[]> {
  const acks: unknown[] = [];
  triggers += 1;
  await app.processEvent({
    body: {
      token: 'legacy',
      command: '/flow',
      text,
      user_id: user,
      channel_id: 'C-PROD',
      team_id: 'T1',
      api_app_id: 'A1',
      trigger_id: `trigger-${triggers}`,
      response_url: fake.responseUrl(),
    },
    ack: async (response?: unknown) => {
      acks.push(response);
    },
  });
  return acks;
}

/** The text of the one ephemeral answer; fails the test when there is not exactly one. */
async function answer(text: string, user: string): Promise<string> {
  const acks = await slash(text, user);
  expect(acks).toHaveLength(1);
  return ephemeral.parse(acks[0]).text;
}

const WITH_ROLE = FLOW_COMMANDS.flatMap((c) => (c.role === null ? [] : [[c.name, c.role] as const]));

describe('registerFlowCommand', () => {
  it.each(WITH_ROLE)('refuses %s to a user without the %s role', async (name, role) => {
    const text = await answer(name, BELOW[role]);

    expect(text).toBe(`You need the ${role} role for /flow ${name}. Ask a flowgate admin to add you.`);
    expect({ jobs: queue.jobs, modals: fake.calls('views.open') }).toEqual({ jobs: [], modals: [] });
  });

  it.each(FLOW_COMMANDS.filter(isQueuedFlowCommand).map((c) => [c.name, c.role] as const))(
    'queues %s for the worker when the user has the %s role',
    async (name, role) => {
      const text = await answer(`${name} Billing line`, HOLDER[role]);

      expect(text).toBe(`Working on /flow ${name}…`);
      expect(queue.jobs.map((j) => j.payload)).toMatchObject([
        { kind: 'command', sub: name, args: ['Billing', 'line'] },
      ]);
    },
  );

  it('opens the import form at once, queueing nothing, when an editor runs import', async () => {
    const acks = await slash('import', HOLDER.editor);

    expect(acks).toEqual([undefined]);
    expect(fake.calls('views.open')).toHaveLength(1);
    expect(queue.jobs).toEqual([]);
  });

  it('shows the usage to a user with no role when asked for help', async () => {
    expect(await answer('help', 'mallory')).toBe(
      'Usage: /flow import | plan | versions | diff | export | publish | rollback | pull | promote | status | map | help',
    );
  });

  it('shows the usage when the command has no words', async () => {
    expect(await answer('   ', 'mallory')).toMatch(/^Usage: \/flow import \|/);
  });

  it('shows one subcommand in detail when asked for help on it', async () => {
    expect(await answer('help diff', 'mallory')).toBe(
      '/flow diff <flow> <from> <to> [--env <env>]: Compares two versions block by block: added, removed, changed, re-pointed references. Viewers.',
    );
  });

  it('names an unknown subcommand and shows the usage, queueing nothing', async () => {
    const text = await answer('frobnicate', HOLDER.publisher);

    expect(text).toMatch(/^'frobnicate' is not a \/flow subcommand\. Usage: \/flow import \|/);
    expect(queue.jobs).toEqual([]);
  });
});
