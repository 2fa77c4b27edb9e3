import { afterAll, beforeAll, beforeEach } from 'vitest';
import { z } from 'zod';
import { createWebClient } from '../../../adapters/slack/createWebClient.js';
import { SlackFileSource } from '../../../adapters/slack/SlackFileSource.js';
import { SlackMessenger } from '../../../adapters/slack/SlackMessenger.js';
import type { CommandJob, ImportFileJob, InteractionJob } from '../../../app/jobs.js';
import type { WorkerDeps } from '../../../handlers/worker/workerDeps.js';
import { makeDeps, type ServiceKit } from '../../fakes/serviceKit.js';
import { loadFixtureText } from '../../fixtures.js';
import {
  type FakeSlackApi,
  type FakeSlackMessage,
  startFakeSlackApi,
} from '../../integration/fakeSlackApi.js';

/** The bot token the fake accepts. */
export const TOKEN = 'xoxb-worker-test';
/** Channels of the service kit's config: bound to prod and test, and one bound to nothing. */
export const CHANNELS = { prod: 'C-PROD', test: 'C-TEST', unbound: 'C0RANDOM' } as const;
/** Largest file the worker's SlackFileSource takes in these tests. */
export const MAX_BYTES = 64 * 1024;

/** Worker deps over the kit's fakes and the real Slack adapters talking to the fake Slack API. */
export function workerDeps(fake: FakeSlackApi, kit: ServiceKit, logs: string[] = []): WorkerDeps {
  const client = createWebClient(TOKEN, {
    slackApiUrl: fake.apiUrl,
    forListener: false,
    retryConfig: { retries: 0 },
  });
  return {
    service: kit.deps,
    messenger: new SlackMessenger({ client }),
    files: new SlackFileSource({ client, maxBytes: MAX_BYTES }),
    log: (message) => logs.push(message),
  };
}

/** What a worker test works on; fresh use cases and worker deps for every test. */
export interface WorkerSuite {
  /** The fake Slack API, started once for the file and emptied before each test. */
  fake: FakeSlackApi;
  kit: ServiceKit;
  deps: WorkerDeps;
}

/**
 * Registers the hooks every worker test file needs: the fake Slack API for the file, and before
 * each test a reset fake, new in-memory use cases and worker deps over both. Read the fields in
 * tests and hooks, not at module level (they are set by the hooks).
 */
export function workerSuite(): WorkerSuite {
  const suite = {} as WorkerSuite;
  beforeAll(async () => {
    suite.fake = await startFakeSlackApi({ tokens: [TOKEN] });
  });
  afterAll(async () => {
    await suite.fake.stop();
  });
  beforeEach(() => {
    suite.fake.reset();
    suite.kit = makeDeps();
    suite.deps = workerDeps(suite.fake, suite.kit);
  });
  return suite;
}

/** Shares a fixture flow file in the fake Slack; returns its file id. */
export function shareFixture(fake: FakeSlackApi, fixture: string, name = 'support-line.json'): string {
  return fake.registerFile(loadFixtureText(fixture), { name, mimetype: 'application/json' }).id;
}

/** An upload queued by the file_shared listener. */
export function importJob(
  fileId: string,
  env: string | null,
  overrides: Partial<ImportFileJob> = {},
): ImportFileJob {
  return {
    kind: 'import-file',
    user: 'alice',
    team: null,
    channel: env === null ? CHANNELS.unbound : env === 'prod' ? CHANNELS.prod : CHANNELS.test,
    messageTs: null,
    threadTs: null,
    responseUrl: null,
    fileId,
    env,
    ...overrides,
  };
}

/** A `/flow` command queued by the command listener (answers go to `responseUrl`). */
export function commandJob(
  sub: CommandJob['sub'],
  args: readonly string[],
  responseUrl: string,
  overrides: Partial<CommandJob> = {},
): CommandJob {
  return {
    kind: 'command',
    user: 'alice',
    team: null,
    channel: CHANNELS.prod,
    messageTs: null,
    threadTs: null,
    responseUrl,
    sub,
    args: [...args],
    ...overrides,
  };
}

/** A click queued by the interactions listener, on the message `message`. */
export function clickJob(
  message: FakeSlackMessage,
  button: { readonly actionId: string; readonly value: string },
  user: string,
): InteractionJob {
  return {
    kind: 'interaction',
    user,
    team: null,
    channel: message.channel,
    messageTs: message.ts,
    threadTs: null,
    responseUrl: null,
    actionId: button.actionId,
    value: button.value,
    selected: null,
    blockId: null,
  };
}

/** A choice in a picker, with the picker's block id (the field the job schema is to carry). */
export function pickJob(
  message: FakeSlackMessage,
  picker: { readonly blockId: string; readonly actionId: string },
  option: string,
  user: string,
): InteractionJob & { readonly blockId: string } {
  return {
    ...clickJob(message, { actionId: picker.actionId, value: '' }, user),
    selected: option,
    blockId: picker.blockId,
  };
}

const text = z.object({ text: z.string() });
const element = z.object({
  type: z.string(),
  action_id: z.string().optional(),
  value: z.string().optional(),
  text: text.optional(),
  options: z.array(z.object({ text, value: z.string() })).optional(),
});
const block = z.object({
  type: z.string(),
  block_id: z.string().optional(),
  text: text.optional(),
  accessory: element.optional(),
  elements: z.array(z.union([element, text])).optional(),
});

function blocksOf(message: FakeSlackMessage): z.infer<typeof block>[] {
  return z.array(block).parse(message.blocks);
}

/** Every text of a message (its fallback, sections and context lines), for assertions. */
export function allText(message: FakeSlackMessage): string {
  const parts = blocksOf(message).flatMap((b) => [
    b.text?.text ?? '',
    ...(b.elements ?? []).map((e) => ('text' in e && typeof e.text === 'string' ? e.text : '')),
  ]);
  return [message.text, ...parts].join('\n');
}

/** The buttons of a message whose action id starts with `actionId`. */
export function buttons(message: FakeSlackMessage, actionId: string): { actionId: string; value: string }[] {
  return blocksOf(message).flatMap((b) =>
    (b.elements ?? []).flatMap((e) =>
      'type' in e && e.type === 'button' && e.action_id?.startsWith(actionId) === true
        ? [{ actionId: e.action_id, value: e.value ?? '' }]
        : [],
    ),
  );
}

/** The first button of `actionId`; fails the test when the message has none. */
export function button(message: FakeSlackMessage, actionId: string): { actionId: string; value: string } {
  const [found] = buttons(message, actionId);
  if (found === undefined) throw new Error(`no ${actionId} button in: ${allText(message)}`);
  return found;
}

/** The static-select pickers of a message: block id, action id and options. */
export function pickers(
  message: FakeSlackMessage,
): { blockId: string; actionId: string; options: { text: string; value: string }[] }[] {
  return blocksOf(message).flatMap((b) => {
    const select = b.accessory;
    if (select?.type !== 'static_select' || b.block_id === undefined) return [];
    const options = (select.options ?? []).map((o) => ({ text: o.text.text, value: o.value }));
    return [{ blockId: b.block_id, actionId: select.action_id ?? '', options }];
  });
}

/** The only message posted at the top level of `channel` (not in a thread); fails otherwise. */
export function onlyTopLevel(fake: FakeSlackApi, channel: string): FakeSlackMessage {
  const found = fake.messages().filter((m) => m.channel === channel && m.threadTs === null);
  if (found.length !== 1 || found[0] === undefined) {
    throw new Error(`expected one message in ${channel}, found ${found.length}`);
  }
  return found[0];
}

/** The text of the ephemeral messages shown to `user`. */
export function ephemeralTo(fake: FakeSlackApi, user: string): string[] {
  return fake.ephemerals(user).map((e) => `${e.text}\n${JSON.stringify(e.blocks)}`);
}

/** What was posted to a response_url, as text. */
export function responses(fake: FakeSlackApi): string[] {
  return fake
    .calls('response_url')
    .map((c) => `${String(c.args.text)}\n${JSON.stringify(c.args.blocks ?? [])}`);
}
