import {
  closeSync,
  constants,
  fstatSync,
  openSync,
  readdirSync,
  readSync,
  type Stats,
  statSync,
} from 'node:fs';
import { basename, extname, join, relative, resolve } from 'node:path';
import { MAX_INPUT_BYTES } from '../core/formats/readFlow.js';
import { UnreadableInputError } from './io.js';

/** A flow file found on disk: how to show it, where it is, and its path below the argument it came from. */
export interface InputFile {
  /** As the user would recognise it: relative to the working directory. */
  readonly display: string;
  readonly absolute: string;
  /** Path below the folder argument (or the file name for a file argument): used by `--out`. */
  readonly relative: string;
}

/** Files in a folder that may be flows: `.json`, and files with no extension (the designer's export default); zips when asked. */
function isCandidate(name: string, zips: boolean): boolean {
  if (name.startsWith('.')) return false;
  const ext = extname(name).toLowerCase();
  return ext === '.json' || ext === '' || (zips && ext === '.zip');
}

/** Options of {@link collectInputs}. */
export interface CollectOptions {
  /** Also pick up `.zip` archives in folders (import unpacks them). */
  readonly zips?: boolean;
}

const SKIPPED_DIRS = new Set(['node_modules', '.git']);

/**
 * Expands file and folder arguments into flow files, folders recursively, in a stable order.
 * A missing path, a folder with no candidate files, or a path that is neither a file nor a folder
 * (a named pipe, a device, a socket: reading one would wait forever or never end) is unreadable input.
 */
export function collectInputs(
  paths: readonly string[],
  cwd: string,
  options: CollectOptions = {},
): InputFile[] {
  const files: InputFile[] = [];
  for (const path of paths) {
    const absolute = resolve(cwd, path);
    const stat = statOrThrow(absolute, path);
    if (stat.isDirectory()) {
      const found = walk(absolute, options.zips === true).map((file) => ({
        display: relative(cwd, file) || file,
        absolute: file,
        relative: relative(absolute, file),
      }));
      if (found.length === 0) {
        throw new UnreadableInputError(
          path,
          `${path}: no flow files found (looked for *.json and files without an extension)`,
        );
      }
      files.push(...found);
    } else {
      if (!stat.isFile()) throw notAFile(path, stat);
      files.push({ display: relative(cwd, absolute) || path, absolute, relative: basename(absolute) });
    }
  }
  return files;
}

function walk(dir: string, zips: boolean): string[] {
  const out: string[] = [];
  const stack = [dir];
  while (stack.length > 0) {
    const current = stack.pop() as string;
    const entries = readdirSync(current, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    );
    for (const entry of entries) {
      const full = join(current, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name) && !entry.name.startsWith('.')) stack.push(full);
      } else if (entry.isFile() && isCandidate(entry.name, zips)) {
        out.push(full);
      }
    }
  }
  return out.sort();
}

function statOrThrow(absolute: string, shown: string) {
  try {
    return statSync(absolute);
  } catch (error) {
    throw new UnreadableInputError(shown, `${shown}: no such file or folder`, { cause: error });
  }
}

/**
 * Throws `UnreadableInputError` when `absolute` exists and is not a regular file (a named pipe
 * would make a read wait forever); a missing file is left to the reader to report.
 */
export function refuseNonRegularFile(absolute: string, shown: string): void {
  let stat: Stats;
  try {
    stat = statSync(absolute);
  } catch {
    return;
  }
  if (!stat.isFile()) throw notAFile(shown, stat);
}

/** What a path that is neither a file nor a folder is, for the message. */
function kindOf(stat: Stats): string {
  if (stat.isFIFO()) return 'a named pipe';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  return 'something other than a file or a folder';
}

function notAFile(shown: string, stat: Stats): UnreadableInputError {
  const kind = kindOf(stat);
  return new UnreadableInputError(
    shown,
    `${shown}: is ${kind}, not a flow file, so it cannot be read; give a flow file or a folder of them (save what a pipe carries to a file first)`,
  );
}

/**
 * Reads a file's bytes, but never more than one byte past the input limit: that is enough for
 * the reader to refuse an oversized file, and a 2 GB file is not loaded to be refused.
 */
export function readInput(file: InputFile): Uint8Array {
  let fd: number | undefined;
  try {
    // Non-blocking: opening a named pipe put there since collectInputs looked would otherwise
    // wait for a writer forever; the check below then refuses it.
    fd = openSync(file.absolute, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw notAFile(file.display, stat);
    const size = stat.size;
    const buffer = Buffer.alloc(Math.min(size, MAX_INPUT_BYTES + 1));
    let filled = 0;
    while (filled < buffer.length) {
      const n = readSync(fd, buffer, filled, buffer.length - filled, filled);
      if (n === 0) break;
      filled += n;
    }
    return buffer.subarray(0, filled);
  } catch (error) {
    if (error instanceof UnreadableInputError) throw error;
    throw new UnreadableInputError(file.display, `${file.display}: cannot be read`, { cause: error });
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
