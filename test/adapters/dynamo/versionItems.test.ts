import { describe, expect, it } from 'vitest';
import type { VersionItem } from '../../../adapters/dynamo/itemSchemas.js';
import { decodeSummary, decodeVersion, encodeVersion } from '../../../adapters/dynamo/versionItems.js';
import type { Diagnostic } from '../../../core/diagnostics.js';
import { sha256 } from '../../../core/versions/hash.js';
import { draftOf } from '../../contracts/storeFixtures.js';
import { MemoryFileStore } from '../../fakes/memoryFileStore.js';

const KEY = { pk: 'ENV#test#FLOW#flow:Main IVR', sk: 'V#0000000001' };

/** A draft whose content gzip cannot shrink much (hash chains). */
function bulkyDraft(bytes: number) {
  let seed = 'bulk';
  const parts: string[] = [];
  for (let size = 0; size < bytes; size += 64) {
    seed = sha256(seed);
    parts.push(seed);
  }
  const content = JSON.stringify({
    Version: '2019-10-30',
    StartAction: 'a1',
    Actions: [],
    Metadata: { parts },
  });
  return draftOf('bulky', { content, contentHash: sha256(content) });
}

async function roundTrip(item: Omit<VersionItem, 'number'>, files: MemoryFileStore) {
  const stored: VersionItem = { ...item, number: 1 };
  return decodeVersion(stored, { ...KEY, ...stored }, files);
}

describe('encodeVersion', () => {
  it('keeps the body inline when the item stays under the limit', async () => {
    const files = new MemoryFileStore();

    const encoded = await encodeVersion(draftOf('one'), files, 300_000);

    expect([encoded.bodyGzip instanceof Uint8Array, encoded.bodyKey, files.objects.size]).toEqual([
      true,
      undefined,
      0,
    ]);
  });

  it('puts the body in the file store by its sha256 when the item would pass the limit', async () => {
    const files = new MemoryFileStore();

    const encoded = await encodeVersion(bulkyDraft(20_000), files, 10_000);

    expect(encoded.bodyGzip).toBeUndefined();
    expect(encoded.bodyKey).toMatch(/^content\/[0-9a-f]{64}$/);
    expect([...files.objects.keys()]).toEqual([encoded.bodyKey]);
  });

  it('moves the diagnostics into the body when they would fill half the item', async () => {
    const diagnostics: Diagnostic[] = Array.from({ length: 100 }, (_, i) => ({
      severity: 'warning',
      code: 'unknown-parameter',
      action: `a${i}`,
      block: 'Play prompt',
      message: `Parameter "Custom${i}" is not part of the Flow Language.`,
      hint: 'Remove the parameter or export the flow again from the designer.',
    }));
    const files = new MemoryFileStore();
    const encoded = await encodeVersion(draftOf('noisy', { diagnostics }), files, 20_000);

    const summary = await decodeSummary({ ...encoded, number: 1 }, { ...KEY }, files);

    expect([encoded.diagnosticsInBody, encoded.diagnostics]).toEqual([true, []]);
    expect(summary.diagnostics).toEqual(diagnostics);
  });
});

describe('decodeVersion', () => {
  it.each([
    ['inline', 300_000],
    ['offloaded', 1_000],
  ])('returns the draft`s fields exactly when the body is %s', async (_where, limit) => {
    const files = new MemoryFileStore();
    const draft = bulkyDraft(5_000);

    const version = await roundTrip(await encodeVersion(draft, files, limit), files);

    expect(version).toEqual({ ...draft, number: 1 });
  });

  it('throws missing-content when the file store lost the body', async () => {
    const encoded = await encodeVersion(bulkyDraft(20_000), new MemoryFileStore(), 1_000);

    await expect(roundTrip(encoded, new MemoryFileStore())).rejects.toMatchObject({
      code: 'missing-content',
    });
  });

  it('throws corrupt-item when the stored body does not match its hash', async () => {
    const files = new MemoryFileStore();
    const encoded = await encodeVersion(bulkyDraft(20_000), files, 1_000);
    const otherFiles = new MemoryFileStore();
    const other = await encodeVersion(bulkyDraft(30_000), otherFiles, 1_000);
    await files.put(
      String(encoded.bodyKey),
      (await otherFiles.get(String(other.bodyKey))) ?? new Uint8Array(),
    );

    const read = roundTrip(encoded, files);

    await expect(read).rejects.toMatchObject({ code: 'corrupt-item' });
    await expect(read).rejects.toThrow(
      /V#0000000001 is not a valid version: its body content\/\w+ does not match/,
    );
  });
});
