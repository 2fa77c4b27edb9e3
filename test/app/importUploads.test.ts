import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { importUploads, type Upload, unpackUpload } from '../../app/importUploads.js';
import type { VersionSource } from '../../core/versions/types.js';
import { inboundFlow, prodKit } from '../core/service/publishKit.js';
import { type ServiceKit, users } from '../fakes/serviceKit.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function flowBytes(name: string): Uint8Array {
  return encoder.encode(inboundFlow(name));
}

function codeOf(upload: Upload): string {
  try {
    unpackUpload(upload);
  } catch (error) {
    return (error as { code: string }).code;
  }
  return 'unpacked';
}

describe('unpackUpload', () => {
  it('unpacks a zip by its content when its name says .json', () => {
    const zip = zipSync({ 'main.json': flowBytes('Main'), 'billing.json': flowBytes('Billing') });

    const files = unpackUpload({ name: 'flows.json', bytes: zip });

    expect(files.map((f) => f.name)).toEqual(['flows.json/billing.json', 'flows.json/main.json']);
  });

  it('names unpacked files by their entries alone when the upload has no name', () => {
    const zip = zipSync({ 'main.json': flowBytes('Main') });

    expect(unpackUpload({ name: null, bytes: zip }).map((f) => f.name)).toEqual(['main.json']);
  });

  it('takes a file named .zip that is not an archive as one flow file', () => {
    const bytes = flowBytes('Main');

    expect(unpackUpload({ name: 'main.zip', bytes })).toEqual([{ name: 'main.zip', bytes }]);
  });

  it('splits {"files":[…]} into its files, flows given as JSON or as text', () => {
    const manifest = {
      files: [
        { name: 'a.json', content: JSON.parse(inboundFlow('A')) },
        { name: 'b.json', content: inboundFlow('B') },
      ],
    };

    const files = unpackUpload({ name: 'batch.json', bytes: encoder.encode(JSON.stringify(manifest)) });

    expect(files.map((f) => [f.name, JSON.parse(decoder.decode(f.bytes)).Metadata?.name])).toEqual([
      ['a.json', 'A'],
      ['b.json', 'B'],
    ]);
  });

  it('refuses a manifest whose files are not name and content pairs', () => {
    const bytes = encoder.encode(JSON.stringify({ files: [{ name: 'a.json' }] }));

    expect(codeOf({ name: 'batch.json', bytes })).toBe('invalid-manifest');
  });

  it('refuses an archive that holds no flow files, saying nothing was imported', () => {
    const zip = zipSync({ 'notes.txt': encoder.encode('hello') });

    expect(() => unpackUpload({ name: 'notes.zip', bytes: zip })).toThrow(
      /notes\.zip holds no flow files.*nothing was imported/,
    );
  });

  it('says nothing was imported when the archive is unsafe', () => {
    const zip = zipSync({ '../escape.json': flowBytes('Escape') });

    expect(() => unpackUpload({ name: 'bad.zip', bytes: zip })).toThrow(/nothing was imported$/);
    expect(codeOf({ name: 'bad.zip', bytes: zip })).toBe('zip-unsafe-path');
  });
});

describe('importUploads', () => {
  async function importAs(
    kit: ServiceKit,
    uploads: readonly Upload[],
    channel: VersionSource['channel'],
    whole = false,
  ) {
    return importUploads(
      { service: kit.deps, log: () => {} },
      { env: 'prod', uploads, actor: users.alice, channel, whole },
    );
  }

  it('stores each flow of a zip as a version and keeps its HTML report', async () => {
    const kit = prodKit();
    const zip = zipSync({ 'main.json': flowBytes('Main'), 'billing.json': flowBytes('Billing') });

    const { result } = await importAs(kit, [{ name: 'flows.zip', bytes: zip }], 'cli');

    expect(result.flows.map((f) => [f.file, f.version?.number])).toEqual([
      ['flows.zip/billing.json', 1],
      ['flows.zip/main.json', 1],
    ]);
    expect([...kit.files.objects.keys()].filter((k) => k.startsWith('reports/prod/')).sort()).toEqual([
      'reports/prod/flow%3ABilling/1.html',
      'reports/prod/flow%3AMain/1.html',
    ]);
  });

  it('refuses the whole import and stores nothing when one file of a whole import is not a flow', async () => {
    const kit = prodKit();
    const zip = zipSync({ 'main.json': flowBytes('Main'), 'notes.json': encoder.encode('{"notes":1}') });

    await expect(importAs(kit, [{ name: 'drop.zip', bytes: zip }], 's3', true)).rejects.toMatchObject({
      code: 'not-a-flow',
      message: expect.stringContaining('drop.zip/notes.json could not be read'),
    });
    expect(await kit.versions.listHeads('prod')).toEqual([]);
  });

  it('imports the readable flows and reports the others when the import is not whole', async () => {
    const kit = prodKit();
    const zip = zipSync({ 'main.json': flowBytes('Main'), 'notes.json': encoder.encode('{"notes":1}') });

    const { result } = await importAs(kit, [{ name: 'shared.zip', bytes: zip }], 'slack');

    expect(result.flows.map((f) => [f.file, f.version === null])).toEqual([
      ['shared.zip/main.json', false],
      ['shared.zip/notes.json', true],
    ]);
  });

  it.each([
    ['s3', true],
    ['webhook', true],
    ['slack', false],
    ['cli', false],
  ] as const)(
    'auto-publishes a %s import: %s, where the environment says autoPublish',
    async (channel, published) => {
      const kit = prodKit([], { approval: { prod: { autoPublish: true, required: false } } });

      const outcome = await importAs(kit, [{ name: 'main.json', bytes: flowBytes('Main') }], channel);

      expect(outcome.published !== null).toBe(published);
      expect((await kit.center.flowInventory()).resources.some((r) => r.name === 'Main')).toBe(published);
    },
  );
});
