import { beforeEach, describe, expect, it } from 'vitest';
import {
  findFlowCommand,
  QUEUED_FLOW_COMMANDS,
  type QueuedFlowCommandName,
} from '../../../app/flowCommands.js';
import { importFlows } from '../../../core/service/importFlows.js';
import { requestPublish } from '../../../core/service/requestPublish.js';
import { processSlackJob } from '../../../handlers/worker/processJob.js';
import { jsonFile, users } from '../../fakes/serviceKit.js';
import { loadFixture } from '../../fixtures.js';
import { CHANNELS, commandJob, onlyTopLevel, responses, workerSuite } from './workerKit.js';

/**
 * Words each queued subcommand's handler accepts with the kit's Billing line imported into prod,
 * and how its answer starts. Keyed by the queued names, so a new queued subcommand needs a row.
 */
const ANSWERED: Readonly<Record<QueuedFlowCommandName, { args: readonly string[]; answer: RegExp }>> = {
  plan: { args: ['Billing line'], answer: /^Publishing Billing line v1 to prod creates the flow there/ },
  versions: { args: ['Billing line'], answer: /^Billing line in prod: 1 version/ },
  diff: { args: ['Billing line', 'v1', 'v1'], answer: /^Billing line in prod, v1 → v1: no changes\./ },
  export: { args: ['Billing line', 'v1'], answer: /^Exported Billing line v1: the file is in the channel\./ },
  publish: { args: ['Billing line'], answer: /^You asked to publish Billing line v1 to prod/ },
  rollback: { args: ['Billing line', 'v1'], answer: /^You asked to publish Billing line v1 to prod/ },
  pull: { args: [], answer: /^Pulled 2 flows from prod \(2 new versions\): the report is in the channel\./ },
  promote: {
    args: ['--all', '--from', 'test', '--to', 'prod'],
    answer: /^Promoted test → prod: nothing changes in prod, so nothing was written\./,
  },
  status: { args: [], answer: /^No publish requests are waiting in prod\./ },
  map: { args: [], answer: /^No replacements are remembered for prod yet\./ },
};

describe('processSlackJob (command)', () => {
  const t = workerSuite();

  beforeEach(async () => {
    const files = [jsonFile('billing-line.json', loadFixture('worker/billing-line.json'))];
    await importFlows(t.kit.deps, { env: 'prod', files, actor: users.alice, channel: 'cli' });
  });

  it('answers privately through the response_url with the versions when asked for a flow by its name', async () => {
    await processSlackJob(commandJob('versions', ['Billing', 'line'], t.fake.responseUrl()), t.deps);

    const [answer] = t.fake.calls('response_url');
    expect(answer?.args).toMatchObject({ response_type: 'ephemeral', replace_original: true });
    expect(String(answer?.args.text)).toBe('Billing line in prod: 1 version, latest v1, never published.');
  });

  it('posts the request in the channel and confirms privately when an editor runs publish', async () => {
    await processSlackJob(commandJob('publish', ['Billing line'], t.fake.responseUrl()), t.deps);

    expect(onlyTopLevel(t.fake, CHANNELS.prod).text).toBe('alice asks to publish Billing line v1 to prod.');
    expect(responses(t.fake)[0]).toContain('the request is in the channel for another publisher to approve');
  });

  it('follows a pull in one channel message, updated as it goes and replaced by the report', async () => {
    await processSlackJob(commandJob('pull', [], t.fake.responseUrl()), t.deps);

    const message = onlyTopLevel(t.fake, CHANNELS.prod);
    expect(message.text).toBe('alice pulled 2 flows from prod (published content): 2 new versions.');
    const updates = t.fake.calls('chat.update').map((c) => String(c.args.text));
    expect(updates).toContain('alice pulling from prod: Read 2 flows from prod.');
  });

  it('lists the pending requests when asked for the status', async () => {
    await requestPublish(t.kit.deps, { env: 'prod', flow: 'Billing line', actor: users.alice });

    await processSlackJob(commandJob('status', [], t.fake.responseUrl()), t.deps);

    expect(responses(t.fake)[0]).toMatch(/^1 publish request waiting in prod\./);
  });

  it('uploads the export in the thread of a note in the channel when asked to export', async () => {
    await processSlackJob(commandJob('export', ['Billing line', 'v1'], t.fake.responseUrl()), t.deps);

    const note = onlyTopLevel(t.fake, CHANNELS.prod);
    const [file] = t.fake.uploads();
    expect({ channel: file?.channel, thread: file?.threadTs }).toEqual({
      channel: CHANNELS.prod,
      thread: note.ts,
    });
    expect(JSON.parse(Buffer.from(file?.bytes ?? []).toString('utf8'))).toMatchObject({
      Version: '2019-10-30',
    });
  });

  it('answers with the problem and the usage when the channel is bound to no environment and --env is missing', async () => {
    const job = commandJob('versions', ['Billing line'], t.fake.responseUrl(), { channel: CHANNELS.unbound });

    await processSlackJob(job, t.deps);

    const [answer] = responses(t.fake);
    expect(answer).toContain(
      'This channel is bound to no environment: add --env <environment> (known: test, prod, shared).',
    );
    expect(answer).toContain('/flow versions <flow> [--env <env>]');
  });

  it('uses --env over the channel when both say an environment', async () => {
    await processSlackJob(
      commandJob('versions', ['Billing line', '--env', 'test'], t.fake.responseUrl()),
      t.deps,
    );

    expect(responses(t.fake)[0]).toContain("There is no flow 'Billing line' in test.");
  });

  it('refuses privately when a user without a role runs a command', async () => {
    await processSlackJob(commandJob('map', [], t.fake.responseUrl(), { user: 'mallory' }), t.deps);

    expect(responses(t.fake)[0]).toContain(
      'You may not see remembered replacements in prod: that needs the viewer role.',
    );
  });

  it('shows what publishing would do now without storing anything when asked to plan', async () => {
    await processSlackJob(commandJob('plan', ['Billing line'], t.fake.responseUrl()), t.deps);

    expect(responses(t.fake)[0]).toMatch(
      /^Publishing Billing line v1 to prod creates the flow there: 1 reference resolved, 0 unresolved/,
    );
    expect((await t.kit.versions.listVersions('prod', 'flow:Billing line')).length).toBe(1);
  });

  it.each(QUEUED_FLOW_COMMANDS.map((name) => [name]))(
    'reaches the %s handler, not the usage, when the job is well formed',
    async (name) => {
      const { args, answer } = ANSWERED[name];

      await processSlackJob(commandJob(name, args, t.fake.responseUrl()), t.deps);

      const answers = responses(t.fake);
      expect(answers).toHaveLength(1);
      expect(answers[0]).toMatch(answer);
      expect(answers[0]).not.toContain(findFlowCommand(name)?.about ?? '(defined)');
    },
  );
});
