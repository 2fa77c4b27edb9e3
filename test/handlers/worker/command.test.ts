import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { importFlows } from '../../../core/service/importFlows.js';
import { requestPublish } from '../../../core/service/requestPublish.js';
import { processSlackJob } from '../../../handlers/worker/processJob.js';
import type { WorkerDeps } from '../../../handlers/worker/workerDeps.js';
import { jsonFile, makeDeps, type ServiceKit, users } from '../../fakes/serviceKit.js';
import { loadFixture } from '../../fixtures.js';
import { type FakeSlackApi, startFakeSlackApi } from '../../integration/fakeSlackApi.js';
import { CHANNELS, commandJob, onlyTopLevel, responses, TOKEN, workerDeps } from './workerKit.js';

describe('processSlackJob (command)', () => {
  let fake: FakeSlackApi;
  let kit: ServiceKit;
  let deps: WorkerDeps;

  beforeAll(async () => {
    fake = await startFakeSlackApi({ tokens: [TOKEN] });
  });
  afterAll(async () => {
    await fake.stop();
  });
  beforeEach(async () => {
    fake.reset();
    kit = makeDeps();
    deps = workerDeps(fake, kit);
    const files = [jsonFile('billing-line.json', loadFixture('worker/billing-line.json'))];
    await importFlows(kit.deps, { env: 'prod', files, actor: users.alice, channel: 'cli' });
  });

  it('answers privately through the response_url with the versions when asked for a flow by its name', async () => {
    await processSlackJob(commandJob('versions', ['Billing', 'line'], fake.responseUrl()), deps);

    const [answer] = fake.calls('response_url');
    expect(answer?.args).toMatchObject({ response_type: 'ephemeral', replace_original: true });
    expect(String(answer?.args.text)).toBe('Billing line in prod: 1 version, latest v1, never published.');
  });

  it('posts the request in the channel and confirms privately when an editor runs publish', async () => {
    await processSlackJob(commandJob('publish', ['Billing line'], fake.responseUrl()), deps);

    expect(onlyTopLevel(fake, CHANNELS.prod).text).toBe('alice asks to publish Billing line v1 to prod.');
    expect(responses(fake)[0]).toContain('the request is in the channel for a publisher to approve');
  });

  it('lists the pending requests when asked for the status', async () => {
    await requestPublish(kit.deps, { env: 'prod', flow: 'Billing line', actor: users.alice });

    await processSlackJob(commandJob('status', [], fake.responseUrl()), deps);

    expect(responses(fake)[0]).toMatch(/^1 publish request waiting in prod\./);
  });

  it('uploads the export in the thread of a note in the channel when asked to export', async () => {
    await processSlackJob(commandJob('export', ['Billing line', 'v1'], fake.responseUrl()), deps);

    const note = onlyTopLevel(fake, CHANNELS.prod);
    const [file] = fake.uploads();
    expect({ channel: file?.channel, thread: file?.threadTs }).toEqual({
      channel: CHANNELS.prod,
      thread: note.ts,
    });
    expect(JSON.parse(Buffer.from(file?.bytes ?? []).toString('utf8'))).toMatchObject({
      Version: '2019-10-30',
    });
  });

  it('answers with the problem and the usage when the channel is bound to no environment and --env is missing', async () => {
    const job = commandJob('versions', ['Billing line'], fake.responseUrl(), { channel: CHANNELS.unbound });

    await processSlackJob(job, deps);

    const [answer] = responses(fake);
    expect(answer).toContain(
      'This channel is bound to no environment: add --env <environment> (known: test, prod, shared).',
    );
    expect(answer).toContain('/flow versions <flow> [--env <env>]');
  });

  it('uses --env over the channel when both say an environment', async () => {
    await processSlackJob(
      commandJob('versions', ['Billing line', '--env', 'test'], fake.responseUrl()),
      deps,
    );

    expect(responses(fake)[0]).toContain("There is no flow 'Billing line' in test.");
  });

  it('refuses privately when a user without a role runs a command', async () => {
    await processSlackJob(commandJob('map', [], fake.responseUrl(), { user: 'mallory' }), deps);

    expect(responses(fake)[0]).toContain('mallory may not see remembered replacements in prod');
  });

  it('shows what publishing would do now without storing anything when asked to plan', async () => {
    await processSlackJob(commandJob('plan', ['Billing line'], fake.responseUrl()), deps);

    expect(responses(fake)[0]).toMatch(
      /^Publishing Billing line v1 to prod creates the flow there: 1 reference resolved, 0 unresolved/,
    );
    expect((await kit.store.listVersions('prod', 'flow:Billing line')).length).toBe(1);
  });
});
