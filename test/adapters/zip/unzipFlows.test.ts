import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { DEFAULT_UNZIP_LIMITS, type UnzipLimits, unzipFlows } from '../../../adapters/zip/unzipFlows.js';
import { FlowFileError } from '../../../core/errors.js';

const FLOW = JSON.stringify({
  Version: '2019-10-30',
  StartAction: 'end',
  Actions: [{ Identifier: 'end', Type: 'DisconnectParticipant', Parameters: {}, Transitions: {} }],
});

function zip(files: Record<string, string | Uint8Array>): Uint8Array {
  const entries = Object.fromEntries(
    Object.entries(files).map(([name, body]) => [name, typeof body === 'string' ? strToU8(body) : body]),
  );
  return zipSync(entries, { level: 6 });
}

/** Rewrites the uncompressed size the archive's directory declares for its first entry. */
function declareSize(archive: Uint8Array, size: number): Uint8Array {
  const copy = archive.slice();
  const view = new DataView(copy.buffer);
  for (let offset = 0; offset < copy.length - 4; offset++) {
    if (view.getUint32(offset, true) === 0x02014b50) {
      view.setUint32(offset + 24, size, true);
      return copy;
    }
  }
  throw new Error('no central directory entry');
}

/** A copy of `bytes` with every `from` replaced by `to` (of the same length). */
function replaceBytes(bytes: Uint8Array, from: Uint8Array, to: Uint8Array): Uint8Array {
  const copy = bytes.slice();
  for (let i = 0; i + from.length <= copy.length; i++) {
    if (from.every((byte, j) => copy[i + j] === byte)) copy.set(to, i);
  }
  return copy;
}

/** The FlowFileError thrown by `run`, or a failure when none is. */
function errorOf(run: () => unknown): FlowFileError {
  try {
    run();
  } catch (error) {
    if (error instanceof FlowFileError) return error;
    throw error;
  }
  throw new Error('expected a FlowFileError');
}

function limits(change: Partial<UnzipLimits>): UnzipLimits {
  return { ...DEFAULT_UNZIP_LIMITS, ...change };
}

describe('unzipFlows', () => {
  it('returns the flow files with their paths and bytes, sorted by path', () => {
    const archive = zip({ 'flows/main-ivr.json': FLOW, 'billing.json': FLOW, 'flows/queue-music': FLOW });

    const files = unzipFlows(archive, 'batch.zip');

    expect(files.map((f) => f.name)).toEqual(['billing.json', 'flows/main-ivr.json', 'flows/queue-music']);
    expect(new TextDecoder().decode(files[0]?.bytes)).toBe(FLOW);
  });

  it('skips folders, __MACOSX resource forks, dotfiles and other file types', () => {
    const archive = zip({
      'flows/': new Uint8Array(0),
      'flows/main.json': FLOW,
      '__MACOSX/flows/._main.json': 'resource fork',
      'flows/.DS_Store': 'finder',
      '.git/config.json': '{}',
      'flows/README.md': '# flows',
      'flows/logo.png': new Uint8Array([137, 80, 78, 71]),
    });

    expect(unzipFlows(archive, 'batch.zip').map((f) => f.name)).toEqual(['flows/main.json']);
  });

  it('reads a .JSON extension in capitals as a flow file', () => {
    expect(unzipFlows(zip({ 'MAIN.JSON': FLOW }), 'batch.zip').map((f) => f.name)).toEqual(['MAIN.JSON']);
  });

  it('writes Windows separators in paths as /', () => {
    expect(unzipFlows(zip({ 'flows\\main.json': FLOW }), 'batch.zip').map((f) => f.name)).toEqual([
      'flows/main.json',
    ]);
  });

  it('returns nothing when the archive holds no flow files', () => {
    expect(unzipFlows(zip({ 'notes.txt': 'hello' }), 'batch.zip')).toEqual([]);
  });

  it('refuses bytes that are not a zip archive, naming the archive', () => {
    const error = errorOf(() => unzipFlows(strToU8(FLOW), 'upload.zip'));

    expect(error.code).toBe('invalid-zip');
    expect(error.file).toBe('upload.zip');
    expect(error.message).toMatch(/^upload\.zip: not a readable zip archive/);
  });

  it('refuses an archive with more entries than the limit, counting skipped ones', () => {
    const files = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`notes-${i}.txt`, 'x']));

    const error = errorOf(() => unzipFlows(zip(files), 'many.zip', limits({ maxEntries: 10 })));

    expect(error.code).toBe('zip-too-many-entries');
    expect(error.message).toBe('many.zip: refused, the archive holds more than 10 entries');
  });

  it('refuses an archive whose flow files unpack to more than the total limit', () => {
    const archive = zip({ 'a.json': FLOW, 'b.json': FLOW, 'c.json': FLOW });

    const error = errorOf(() =>
      unzipFlows(archive, 'big.zip', limits({ maxTotalBytes: FLOW.length * 2 + FLOW.length / 2 })),
    );

    expect(error.code).toBe('zip-too-large');
    expect(error.file).toBe('big.zip');
  });

  it('refuses a flow file that inflates past the per-file limit (a zip bomb)', () => {
    const bomb = zip({ 'bomb.json': new Uint8Array(DEFAULT_UNZIP_LIMITS.maxEntryBytes + 1) });

    const error = errorOf(() => unzipFlows(bomb, 'bomb.zip'));

    expect(bomb.length).toBeLessThan(64 * 1024);
    expect(error.code).toBe('zip-entry-too-large');
    expect(error.message).toContain("bomb.zip: refused, the archive holds 'bomb.json' of 5.0 MB");
  });

  it('refuses a declared size over the limit before inflating anything', () => {
    const archive = declareSize(zip({ 'main.json': FLOW }), 0xffff_fff0);

    const error = errorOf(() => unzipFlows(archive, 'lying.zip'));

    expect(error.code).toBe('zip-entry-too-large');
  });

  it('refuses an entry whose bytes do not match its CRC-32, naming the archive and the entry', () => {
    const billing = FLOW.replace('"end"', '"billing-end"').replace('"end"', '"billing-end"');
    const stored = zipSync(
      { 'flows/main-ivr.json': strToU8(FLOW), 'billing.json': strToU8(billing) },
      { level: 0 },
    );
    // One byte changed in transit: still JSON, still a flow, but not what was zipped.
    const damaged = replaceBytes(stored, strToU8('billing-end'), strToU8('billing-enD'));

    const error = errorOf(() => unzipFlows(damaged, 'batch.zip'));

    expect(error.code).toBe('zip-corrupt-entry');
    expect(error.file).toBe('batch.zip');
    expect(error.message).toContain('batch.zip');
    expect(error.message).toContain("'billing.json'");
  });

  it('accepts entries whose names are not UTF-8-flagged when their CRC-32s match', () => {
    const archive = zipSync({ 'caf\u00e9.json': [strToU8(FLOW), { level: 0 }] });

    expect(unzipFlows(archive, 'batch.zip').map((f) => f.name)).toEqual(['caf\u00e9.json']);
  });

  it('refuses an archive that holds two entries of one path', () => {
    const archive = zip({ 'a.json': FLOW, 'b.json': FLOW });
    // Same length names: renaming b.json in the headers leaves a valid archive with a.json twice.
    const twice = replaceBytes(archive, strToU8('b.json'), strToU8('a.json'));

    const error = errorOf(() => unzipFlows(twice, 'twice.zip'));

    expect(error.code).toBe('zip-duplicate-entry');
    expect(error.message).toContain("holds two entries named 'a.json'");
  });

  it.each([['../outside.json'], ['/etc/flows.json'], ['C:/flows/main.json'], ['flows/../../main.json']])(
    'refuses the path %s that leaves the archive folder',
    (path) => {
      const error = errorOf(() => unzipFlows(zip({ [path]: FLOW }), 'slip.zip'));

      expect(error.code).toBe('zip-unsafe-path');
      expect(error.file).toBe('slip.zip');
    },
  );
});
