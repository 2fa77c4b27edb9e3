import { strFromU8, type UnzipFileInfo, unzipSync } from 'fflate';
import { FlowFileError } from '../../core/errors.js';
import { MAX_INPUT_BYTES } from '../../core/formats/readFlow.js';

/** A flow file found in an archive: its path inside the archive (always `/`-separated) and its bytes. */
export interface ZipFlowFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** How much an archive may hold before it is refused as a zip bomb. */
export interface UnzipLimits {
  /** Entries in the archive, folders and skipped files included (each costs work to list). */
  readonly maxEntries: number;
  /** Uncompressed bytes of the flow files together. */
  readonly maxTotalBytes: number;
  /** Uncompressed bytes of one flow file. */
  readonly maxEntryBytes: number;
}

/**
 * Generous for real batches (a designer export is at most 1 MB, an instance has a few hundred
 * flows), small enough that a hostile archive cannot exhaust a Lambda's memory.
 */
export const DEFAULT_UNZIP_LIMITS: UnzipLimits = Object.freeze({
  maxEntries: 2000,
  maxTotalBytes: 128 * 1024 * 1024,
  maxEntryBytes: MAX_INPUT_BYTES,
});

const HINT_SPLIT = 'Split the archive into smaller ones, or import the folder of flows instead of a zip.';

/**
 * The flow files inside a zip archive (`name` is the archive's name, for messages): entries
 * ending in `.json` and entries without an extension (the designer's export default), sorted by
 * path; folders, `__MACOSX/` resource forks and dotfiles are skipped, and other files are ignored.
 * Sizes are checked from the archive's directory before anything is decompressed. Throws
 * `FlowFileError` naming the archive: `invalid-zip`, `zip-too-many-entries`, `zip-too-large`,
 * `zip-entry-too-large`, `zip-unsafe-path`, `zip-duplicate-entry`, and `zip-corrupt-entry` (naming
 * the entry) when a flow file's bytes do not match the CRC-32 the archive records for it.
 */
export function unzipFlows(
  bytes: Uint8Array,
  name: string,
  limits: UnzipLimits = DEFAULT_UNZIP_LIMITS,
): ZipFlowFile[] {
  const budget = new EntryBudget(name, limits);
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, { filter: (entry) => budget.admit(entry) });
  } catch (error) {
    if (error instanceof FlowFileError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new FlowFileError(
      'invalid-zip',
      name,
      `${name}: not a readable zip archive (${reason})`,
      'Create the archive again with a standard zip tool (deflate or no compression, no encryption).',
      null,
      { cause: error },
    );
  }
  // fflate does not check CRC-32s: a damaged entry would be imported as whatever it inflates to.
  const crcs = centralDirectoryCrcs(bytes);
  for (const [path, data] of Object.entries(files)) {
    const expected = crcs.get(path);
    if (expected === undefined || crc32(data) !== expected) {
      throw new FlowFileError(
        'zip-corrupt-entry',
        name,
        `${name}: refused, the archive's entry '${normalizePath(path)}' is damaged (its bytes do not match the checksum the archive records)`,
        'Download or create the archive again: it was damaged after it was made.',
      );
    }
  }
  return Object.entries(files)
    .map(([path, data]) => ({ name: normalizePath(path), bytes: data }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Counts entries and bytes as the archive's directory is read, refusing as soon as a limit is passed. */
class EntryBudget {
  private entries = 0;
  private total = 0;
  private readonly seen = new Set<string>();

  constructor(
    private readonly archive: string,
    private readonly limits: UnzipLimits,
  ) {}

  /** True when the entry is a flow file to decompress; throws when it breaks a limit. */
  admit(entry: UnzipFileInfo): boolean {
    this.entries++;
    if (this.entries > this.limits.maxEntries) {
      throw this.refuse(
        'zip-too-many-entries',
        `holds more than ${this.limits.maxEntries} entries`,
        HINT_SPLIT,
      );
    }
    const path = normalizePath(entry.name);
    if (!isFlowFile(path)) return false;
    if (isUnsafePath(path)) {
      throw this.refuse(
        'zip-unsafe-path',
        `holds '${entry.name}', a path that leaves the archive's folder`,
        'Zip the flows with paths relative to one folder (no "..", no leading "/" or drive letter).',
      );
    }
    if (this.seen.has(path)) {
      throw this.refuse(
        'zip-duplicate-entry',
        `holds two entries named '${path}'`,
        'Keep one copy of each file in the archive.',
      );
    }
    this.seen.add(path);
    // A stored entry is copied at its compressed size, a deflated one inflated to its declared size.
    const size = Math.max(entry.size, entry.originalSize);
    if (size > this.limits.maxEntryBytes) {
      throw this.refuse(
        'zip-entry-too-large',
        `holds '${path}' of ${formatBytes(size)}, over the ${formatBytes(this.limits.maxEntryBytes)} a flow file may have`,
        'A flow export is at most 1 MB: remove the file that is not a flow, or import it on its own.',
      );
    }
    this.total += size;
    if (this.total > this.limits.maxTotalBytes) {
      throw this.refuse(
        'zip-too-large',
        `unpacks to more than ${formatBytes(this.limits.maxTotalBytes)} of flow files`,
        HINT_SPLIT,
      );
    }
    return true;
  }

  private refuse(code: string, problem: string, hint: string): FlowFileError {
    return new FlowFileError(code, this.archive, `${this.archive}: refused, the archive ${problem}`, hint);
  }
}

/**
 * The CRC-32 the central directory records for each entry, keyed by the name as fflate decodes
 * it (UTF-8 when the entry's flag says so, else Latin-1). Called after fflate has read the same
 * directory, so its layout is known to be sound; zip64 keeps the CRC at the same offset.
 */
function centralDirectoryCrcs(bytes: Uint8Array): Map<string, number> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = bytes.length - 22;
  while (end > 0 && view.getUint32(end, true) !== 0x06054b50) end--;
  let count = view.getUint16(end + 8, true);
  let offset = view.getUint32(end + 16, true);
  if (end >= 20 && view.getUint32(end - 20, true) === 0x07064b50) {
    const zip64End = Number(view.getBigUint64(end - 12, true));
    if (zip64End + 56 <= bytes.length && view.getUint32(zip64End, true) === 0x06064b50) {
      count = Number(view.getBigUint64(zip64End + 32, true));
      offset = Number(view.getBigUint64(zip64End + 48, true));
    }
  }
  const crcs = new Map<string, number>();
  for (let i = 0; i < count && offset + 46 <= bytes.length; i++) {
    const nameLength = view.getUint16(offset + 28, true);
    const utf8 = (view.getUint16(offset + 8, true) & 0x800) !== 0;
    const raw = bytes.subarray(offset + 46, offset + 46 + nameLength);
    const entry = strFromU8(raw, !utf8);
    crcs.set(entry, view.getUint32(offset + 16, true));
    offset += 46 + nameLength + view.getUint16(offset + 30, true) + view.getUint16(offset + 32, true);
  }
  return crcs;
}

const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** The CRC-32 (ISO-HDLC, as zip uses) of `data`. */
function crc32(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = (CRC_TABLE[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** Zips made on Windows may use `\`; leading `./` adds nothing. */
function normalizePath(path: string): string {
  return path.replace(/\\/g, '/').replace(/^(?:\.\/)+/, '');
}

function isFlowFile(path: string): boolean {
  if (path.endsWith('/')) return false;
  const segments = path.split('/');
  if (segments[0] === '__MACOSX') return false;
  if (segments.some((segment) => segment.startsWith('.') && segment !== '..')) return false;
  const base = segments[segments.length - 1] ?? '';
  const dot = base.lastIndexOf('.');
  return dot === -1 || base.slice(dot).toLowerCase() === '.json';
}

/** Callers write converted flows under their archive path: it must stay below the target folder. */
function isUnsafePath(path: string): boolean {
  return path.startsWith('/') || /^[A-Za-z]:/.test(path) || path.split('/').includes('..');
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} bytes`;
}
