import { zipSync } from 'fflate';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { renderVersionPng } from '../../../app/flowPicture.js';
import { MAX_INPUT_BYTES } from '../../../core/formats/readFlow.js';
import { importS3Object } from '../../../handlers/s3-import/importS3Object.js';
import { inboundFlow } from '../../core/service/publishKit.js';
import { makeDeps, type ServiceKit } from '../../fakes/serviceKit.js';
import { type FakeSlackApi, startFakeSlackApi } from '../../integration/fakeSlackApi.js';
import { readableSlackTexts, unreadableParts } from '../../integration/slackText.js';
import { importDeps, MemoryBucket, s3Record, withS3Editor } from './s3Kit.js';

const encode = (text: string) => new TextEncoder().encode(text);

let kit: ServiceKit;
let bucket: MemoryBucket;
let logs: string[];

beforeEach(() => {
  kit = makeDeps({ notify: false });
  bucket = new MemoryBucket();
  logs = [];
});

/** Drops `body` at `key` and delivers its event once. */
async function drop(key: string, body: Uint8Array | string, fields = {}) {
  bucket.put(key, body);
  const size = typeof body === 'string' ? encode(body).byteLength : body.byteLength;
  return importS3Object(s3Record(key, { size, ...fields }), importDeps(withS3Editor(kit), bucket, logs));
}

async function flowNames(env: string): Promise<string[]> {
  return (await kit.versions.listHeads(env)).map((h) => h.name).sort();
}

describe('importS3Object', () => {
  it('imports a flow as a draft of the s3 actor when it is dropped under incoming/<env>/', async () => {
    const outcome = await drop('incoming/prod/Support line.json', inboundFlow('Support line'));

    expect(outcome.kind).toBe('imported');
    const [head] = await kit.versions.listHeads('prod');
    const version = await kit.versions.getVersion('prod', 'flow:Support line', 1);
    expect(head?.published).toBeNull();
    expect(version?.author).toBe('s3');
    expect(version?.source).toEqual({ channel: 's3', ref: 'Support line.json' });
  });

  it('reads the decoded key when the event encodes spaces, plus signs and unicode', async () => {
    await drop('incoming/prod/Café + menü.json', inboundFlow('Café menu'));

    expect(bucket.reads).toEqual(['incoming/prod/Café + menü.json']);
    expect(await flowNames('prod')).toEqual(['Café menu']);
  });

  it('imports once when the same event is delivered twice', async () => {
    const first = await drop('incoming/prod/main.json', inboundFlow('Main'), { eTag: 'etag-1' });
    const second = await drop('incoming/prod/main.json', inboundFlow('Main'), { eTag: 'etag-1' });

    expect([first.kind, second.kind]).toEqual(['imported', 'duplicate']);
    expect(await kit.audit.listAudit('prod')).toHaveLength(1);
  });

  it('imports again when a new version of the object is put', async () => {
    await drop('incoming/prod/main.json', inboundFlow('Main'), { eTag: 'etag-1' });
    const second = await drop('incoming/prod/main.json', inboundFlow('Main', { say: 'Hi.' }), {
      eTag: 'etag-2',
    });

    expect(second.kind).toBe('imported');
    expect((await kit.versions.listVersions('prod', 'flow:Main')).map((v) => v.number)).toEqual([2, 1]);
  });

  it.each([
    ['a key outside incoming/', 'exports/prod/main.json', 'ObjectCreated:Put'],
    ['an environment the config lacks', 'incoming/staging/main.json', 'ObjectCreated:Put'],
    ['a removal', 'incoming/prod/main.json', 'ObjectRemoved:Delete'],
  ])('ignores the event without reading when it is %s', async (_case, key, eventName) => {
    bucket.put(key, inboundFlow('Main'));
    const outcome = await importS3Object(
      s3Record(key, { eventName }),
      importDeps(withS3Editor(kit), bucket, logs),
    );

    expect(outcome.kind).toBe('ignored');
    expect(bucket.reads).toEqual([]);
    expect(logs).toHaveLength(1);
  });

  it('refuses without reading when the event says the object is over the input limit', async () => {
    const outcome = await importS3Object(
      s3Record('incoming/prod/huge.json', { size: MAX_INPUT_BYTES + 1 }),
      importDeps(withS3Editor(kit), bucket, logs),
    );

    expect(outcome).toMatchObject({ kind: 'refused', code: 'object-too-large' });
    expect(bucket.reads).toEqual([]);
  });

  it('refuses when the object read is over the input limit though the event said less', async () => {
    bucket.put('incoming/prod/grown.json', new Uint8Array(MAX_INPUT_BYTES + 1));
    const outcome = await importS3Object(
      s3Record('incoming/prod/grown.json', { size: 10 }),
      importDeps(withS3Editor(kit), bucket, logs),
    );

    expect(outcome).toMatchObject({ kind: 'refused', code: 'object-too-large' });
  });

  it('stores nothing when the object is not JSON', async () => {
    const outcome = await drop('incoming/prod/notes.json', 'these are not flows');

    expect(outcome).toMatchObject({ kind: 'refused', code: 'not-a-flow' });
    expect(await flowNames('prod')).toEqual([]);
  });

  it('imports every flow of a zip', async () => {
    const zip = zipSync({
      'a.json': encode(inboundFlow('Alpha')),
      'flows/b.json': encode(inboundFlow('Beta')),
    });
    const outcome = await drop('incoming/prod/batch.zip', zip);

    expect(outcome.kind).toBe('imported');
    expect(await flowNames('prod')).toEqual(['Alpha', 'Beta']);
  });

  it('stores nothing when one file of a zip is not a flow', async () => {
    const zip = zipSync({ 'a.json': encode(inboundFlow('Alpha')), 'b.json': encode('{"not":"a flow"}') });
    const outcome = await drop('incoming/prod/batch.zip', zip);

    expect(outcome).toMatchObject({ kind: 'refused', code: 'not-a-flow' });
    expect(await flowNames('prod')).toEqual([]);
  });

  it.each([
    ['a path that climbs out', { '../evil.json': encode(inboundFlow('Evil')) }, 'zip-unsafe-path'],
    ['an entry over the limit', { 'big.json': new Uint8Array(MAX_INPUT_BYTES + 1) }, 'zip-entry-too-large'],
  ])('refuses a zip holding %s', async (_case, entries, code) => {
    const outcome = await drop('incoming/prod/batch.zip', zipSync(entries));

    expect(outcome).toMatchObject({ kind: 'refused', code });
    expect(await flowNames('prod')).toEqual([]);
  });

  it('refuses a zip that is not readable', async () => {
    const outcome = await drop('incoming/prod/batch.zip', 'PK\u0003\u0004 broken');

    expect(outcome).toMatchObject({ kind: 'refused', code: 'invalid-zip' });
  });

  it('refuses and names the config change when s3 is not an editor', async () => {
    bucket.put('incoming/prod/main.json', inboundFlow('Main'));
    const outcome = await importS3Object(
      s3Record('incoming/prod/main.json'),
      importDeps(kit.deps, bucket, logs),
    );

    expect(outcome).toMatchObject({ kind: 'refused', code: 'forbidden' });
    expect(logs.join('\n')).toContain("Add 's3' to roles.editors");
  });

  it('throws without claiming when reading fails, so a redelivery imports it', async () => {
    bucket.put('incoming/prod/main.json', inboundFlow('Main'));
    bucket.failNext = new Error('socket hang up');
    const deps = importDeps(withS3Editor(kit), bucket, logs);

    await expect(importS3Object(s3Record('incoming/prod/main.json'), deps)).rejects.toThrow('socket hang up');
    const retried = await importS3Object(s3Record('incoming/prod/main.json'), deps);
    expect(retried.kind).toBe('imported');
  });

  it('ignores the event when the object was removed before it was read', async () => {
    const outcome = await importS3Object(
      s3Record('incoming/prod/gone.json'),
      importDeps(withS3Editor(kit), bucket, logs),
    );

    expect(outcome.kind).toBe('ignored');
  });

  it('publishes what it stored when the environment says autoPublish', async () => {
    const outcome = await drop('incoming/test/main.json', inboundFlow('Main'));

    expect(outcome.kind === 'imported' && outcome.published?.outcome?.ok).toBe(true);
    expect((await kit.versions.getHead('test', 'flow:Main'))?.published).toBe(1);
    expect(kit.centers.test.writes()).toBe(1);
  });

  it('leaves a draft when the environment does not say autoPublish', async () => {
    const outcome = await drop('incoming/prod/main.json', inboundFlow('Main'));

    expect(outcome.kind === 'imported' && outcome.published).toBeNull();
    expect(await kit.requests.listRequests('prod')).toEqual([]);
  });

  it('leaves the request pending when autoPublish is on but approval is required', async () => {
    kit = makeDeps({ notify: false, approval: { prod: { autoPublish: true } } });
    await drop('incoming/prod/main.json', inboundFlow('Main'));

    const requests = await kit.requests.listRequests('prod');
    expect(requests.map((r) => [r.requester, r.state])).toEqual([['s3', 'pending']]);
    expect((await kit.versions.getHead('prod', 'flow:Main'))?.published).toBeNull();
  });
});

describe('importS3Object reports', () => {
  let fake: FakeSlackApi;

  beforeAll(async () => {
    fake = await startFakeSlackApi();
  });
  afterAll(async () => {
    await fake.stop();
  });
  beforeEach(() => {
    fake.reset();
  });

  it("posts the import report with the full report in its thread to the environment's channel", async () => {
    bucket.put('incoming/prod/main.json', inboundFlow('Main'));
    await importS3Object(
      s3Record('incoming/prod/main.json'),
      importDeps(withS3Editor(kit), bucket, logs, fake),
    );

    const [report] = fake.messages();
    expect(report?.channel).toBe('C-PROD');
    expect(report?.text).toContain("'Main' imported into prod");
    expect(fake.uploads().map((u) => [u.filename, u.threadTs])).toEqual([
      ['flowgate-import-prod.md', report?.ts],
    ]);
  });

  it('links the HTML report of the version, kept with it, from the report', async () => {
    bucket.put('incoming/prod/main.json', inboundFlow('Main'));
    await importS3Object(s3Record('incoming/prod/main.json'), {
      ...importDeps(withS3Editor(kit), bucket, logs, fake),
      reportLink: (env, flowKey, version) =>
        `https://flowgate.example/r/${env}/${encodeURIComponent(flowKey)}/${version}`,
    });

    const [report] = fake.messages();
    expect(JSON.stringify(report?.blocks)).toContain('https://flowgate.example/r/prod/flow%3AMain/1');
    expect(kit.files.objects.has('reports/prod/flow%3AMain/1.html')).toBe(true);
  });

  it("posts a picture of each stored flow in the report's thread", async () => {
    bucket.put('incoming/prod/main.json', inboundFlow('Main'));
    await importS3Object(s3Record('incoming/prod/main.json'), {
      ...importDeps(withS3Editor(kit), bucket, logs, fake),
      picture: renderVersionPng,
    });

    const [report] = fake.messages();
    const png = fake.uploads().find((u) => u.filename === 'Main-v1.png');
    expect(png?.threadTs).toBe(report?.ts);
    expect(
      Buffer.from(png?.bytes ?? [])
        .subarray(1, 4)
        .toString('latin1'),
    ).toBe('PNG');
  });

  it("posts a refusal to the environment's channel when the object is not a flow", async () => {
    bucket.put('incoming/prod/notes.json', 'not json at all');
    await importS3Object(
      s3Record('incoming/prod/notes.json'),
      importDeps(withS3Editor(kit), bucket, logs, fake),
    );

    const [message] = fake.messages();
    expect(message?.channel).toBe('C-PROD');
    expect(message?.text).toContain(
      'notes.json could not be read as an Amazon Connect flow; nothing was imported',
    );
  });

  it('replies in the thread with what auto-publishing did', async () => {
    bucket.put('incoming/test/main.json', inboundFlow('Main'));
    await importS3Object(
      s3Record('incoming/test/main.json'),
      importDeps(withS3Editor(kit), bucket, logs, fake),
    );

    const replies = fake.messages().filter((m) => m.threadTs !== null);
    expect(replies.map((m) => m.text)).toEqual([expect.stringMatching(/^Auto-publish: /)]);
  });

  it('reads as people read: the drop named as the importer, flows by name, no key, ARN or request id', async () => {
    bucket.put('incoming/test/main.json', inboundFlow('Main'));
    await importS3Object(
      s3Record('incoming/test/main.json'),
      importDeps(withS3Editor(kit), bucket, logs, fake),
    );

    const [report] = fake.messages();
    const reply = fake.messages().find((m) => m.threadTs !== null);
    expect(JSON.stringify(report?.blocks)).toContain('Imported from an S3 drop');
    expect(reply?.text).toBe('Auto-publish: Published 1 flow to test: Main v1 created.');
    expect(unreadableParts(readableSlackTexts(fake))).toEqual([]);
  });
});
