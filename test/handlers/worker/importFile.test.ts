import { zipSync } from 'fflate';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { processSlackJob } from '../../../handlers/worker/processJob.js';
import { makeDeps, type ServiceKit } from '../../fakes/serviceKit.js';
import { loadFixtureText } from '../../fixtures.js';
import { type FakeSlackApi, startFakeSlackApi } from '../../integration/fakeSlackApi.js';
import {
  allText,
  buttons,
  CHANNELS,
  clickJob,
  importJob,
  MAX_BYTES,
  onlyTopLevel,
  pickers,
  shareFixture,
  TOKEN,
  workerDeps,
} from './workerKit.js';

describe('processSlackJob (import-file)', () => {
  let fake: FakeSlackApi;
  let kit: ServiceKit;

  beforeAll(async () => {
    fake = await startFakeSlackApi({ tokens: [TOKEN] });
  });
  afterAll(async () => {
    await fake.stop();
  });
  beforeEach(() => {
    fake.reset();
    kit = makeDeps();
  });

  it('posts the import report in the channel and the full report in its thread when the channel is bound', async () => {
    const fileId = shareFixture(fake, 'worker/support-line.json');

    await processSlackJob(importJob(fileId, 'prod'), workerDeps(fake, kit));

    const report = onlyTopLevel(fake, CHANNELS.prod);
    expect(report.text).toBe(
      "Needs 1 choice: pick replacements before publishing 'Support line' to prod. 1 flow · 0 errors · 0 warnings · 0 references resolved · 1 to choose",
    );
    expect(pickers(report)[0]?.options.map((o) => o.text)).toEqual(['Billing', 'Sales']);
    const [file] = fake.uploads();
    expect(file).toMatchObject({
      channel: CHANNELS.prod,
      threadTs: report.ts,
      filename: 'flowgate-import-prod.md',
    });
    expect(Buffer.from(file?.bytes ?? []).toString('utf8')).toContain("queue 'Support Tier 1'");
  });

  it('stores the version with the Slack user as author when the file is imported', async () => {
    const fileId = shareFixture(fake, 'worker/support-line.json');

    await processSlackJob(importJob(fileId, 'prod'), workerDeps(fake, kit));

    const version = await kit.versions.getVersion('prod', 'flow:Support line', 1);
    expect({ author: version?.author, source: version?.source }).toEqual({
      author: 'alice',
      source: { channel: 'slack', ref: 'support-line.json' },
    });
  });

  it("keeps the version's HTML report with it when the file is imported", async () => {
    const fileId = shareFixture(fake, 'worker/support-line.json');

    await processSlackJob(importJob(fileId, 'prod'), workerDeps(fake, kit));

    const kept = await kit.files.get('reports/prod/flow%3ASupport%20line/1.html');
    expect(new TextDecoder().decode(kept ?? new Uint8Array())).toContain('<h1>Support line</h1>');
  });

  it('asks which environment with one button each when the channel is bound to none', async () => {
    const fileId = shareFixture(fake, 'worker/support-line.json');

    await processSlackJob(importJob(fileId, null), workerDeps(fake, kit));

    const question = onlyTopLevel(fake, CHANNELS.unbound);
    expect(question.text).toBe('Which environment should support-line.json be imported into?');
    expect(buttons(question, 'flowgate.choose_environment').map((b) => JSON.parse(b.value))).toEqual([
      { env: 'test', file: fileId },
      { env: 'prod', file: fileId },
      { env: 'shared', file: fileId },
    ]);
    expect(await kit.versions.listHeads('prod')).toEqual([]);
  });

  it('puts the report in place of the question when an environment is chosen', async () => {
    const fileId = shareFixture(fake, 'worker/support-line.json');
    const deps = workerDeps(fake, kit);
    await processSlackJob(importJob(fileId, null), deps);
    const question = onlyTopLevel(fake, CHANNELS.unbound);
    const prod = buttons(question, 'flowgate.choose_environment').find((b) => b.value.includes('"prod"'));

    await processSlackJob(clickJob(question, prod ?? { actionId: '', value: '' }, 'alice'), deps);

    const now = fake.message(question.channel, question.ts);
    expect(now).toMatchObject({
      updates: 1,
      text: expect.stringContaining("pick replacements before publishing 'Support line' to prod"),
    });
    expect(fake.messages()).toHaveLength(1);
  });

  it('imports every flow of a zip into one report', async () => {
    const zip = zipSync({
      'flows/support-line.json': new TextEncoder().encode(loadFixtureText('worker/support-line.json')),
      'flows/billing.json': new TextEncoder().encode(loadFixtureText('worker/billing-line.json')),
    });
    const fileId = fake.registerFile(zip, { name: 'flows.zip', mimetype: 'application/zip' }).id;

    await processSlackJob(importJob(fileId, 'prod'), workerDeps(fake, kit));

    expect(onlyTopLevel(fake, CHANNELS.prod).text).toContain('2 flows');
    expect((await kit.versions.listHeads('prod')).map((h) => h.flowKey).sort()).toEqual([
      'flow:Billing line',
      'flow:Support line',
    ]);
  });

  it.each([
    ['an HTML page', { serve: 'login-page' as const }, 'sent a web page instead of the file'],
    ['larger than the limit', { size: MAX_BYTES + 1 }, `flowgate takes files up to ${MAX_BYTES} bytes`],
  ])('tells the channel why nothing was imported when the download is %s', async (_, options, expected) => {
    const fileId = fake.registerFile(loadFixtureText('worker/support-line.json'), {
      name: 'support-line.json',
      mimetype: 'application/json',
      ...options,
    }).id;

    await processSlackJob(importJob(fileId, 'prod'), workerDeps(fake, kit));

    const text = allText(onlyTopLevel(fake, CHANNELS.prod));
    expect(text).toContain('support-line.json');
    expect(text).toContain(expected);
    expect(text).toContain('nothing was imported');
    expect(await kit.versions.listHeads('prod')).toEqual([]);
  });

  it('names the file and the fix when it is not a flow', async () => {
    const fileId = fake.registerFile('{"hello": "world"}', {
      name: 'notes.json',
      mimetype: 'application/json',
    }).id;

    await processSlackJob(importJob(fileId, 'prod'), workerDeps(fake, kit));

    const text = onlyTopLevel(fake, CHANNELS.prod).text;
    expect(text).toMatch(/^notes\.json could not be read as an Amazon Connect flow; nothing was imported/);
    expect(fake.uploads()).toEqual([]);
  });

  it('refuses a viewer privately and imports nothing when a viewer shares a file', async () => {
    const fileId = shareFixture(fake, 'worker/support-line.json');

    await processSlackJob(importJob(fileId, 'prod', { user: 'victor' }), workerDeps(fake, kit));

    const [refusal] = fake.calls('chat.postEphemeral');
    expect(refusal?.args).toMatchObject({ channel: CHANNELS.prod, user: 'victor' });
    expect(String(refusal?.args.text)).toContain('needs the editor role');
    expect({ posted: fake.messages(), heads: await kit.versions.listHeads('prod') }).toEqual({
      posted: [],
      heads: [],
    });
  });
});
