import { access, constants, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { DataFolderError, FlowgateError } from '../../core/errors.js';

/**
 * One local stack per data folder: LevelDB allows one process per store, and a second dynalite
 * on the same folder fails with an uncaught error instead of a message. The stack claims the
 * folder with a lock file that also says where it listens, so another process (the CLI while
 * `npm start` runs) can use the running stack instead of starting its own.
 */

/** Where a running local stack listens. */
export interface RunningStackInfo {
  readonly pid: number;
  readonly dynamoEndpoint: string;
  readonly s3Endpoint: string;
  readonly tableName: string;
  readonly bucket: string;
}

const LOCK_FILE = 'stack.json';

const lockSchema = z.object({
  pid: z.number().int().positive(),
  dynamoEndpoint: z.string().nullable(),
  s3Endpoint: z.string().nullable(),
  tableName: z.string(),
  bucket: z.string(),
});

type LockContent = z.infer<typeof lockSchema>;

/** The stack running on `dataDir` (in any process), or null when none is. */
export async function findRunningStack(dataDir: string): Promise<RunningStackInfo | null> {
  const lock = await readLock(dataDir);
  if (lock === null || !isAlive(lock.pid)) return null;
  const { pid, dynamoEndpoint, s3Endpoint, tableName, bucket } = lock;
  if (dynamoEndpoint === null || s3Endpoint === null) return null;
  return { pid, dynamoEndpoint, s3Endpoint, tableName, bucket };
}

/**
 * Claims `dataDir` for this process, taking over a lock left by a process that has died.
 * Throws `FlowgateError('local-stack-running')` when a live process holds it, and
 * `DataFolderError` when this process may not write `dataDir` or one of its `subfolders`.
 */
export async function claimDataDir(
  dataDir: string,
  names: { tableName: string; bucket: string },
  subfolders: readonly string[] = [],
) {
  await writable(dataDir, () => mkdir(dataDir, { recursive: true }));
  // Root passes access() on read-only modes, as it passes the writes: the check says what writing would.
  for (const folder of [dataDir, ...subfolders.map((name) => join(dataDir, name))]) {
    await writable(folder, () => access(folder, constants.W_OK), { missingIsFine: true });
  }
  const content: LockContent = { pid: process.pid, dynamoEndpoint: null, s3Endpoint: null, ...names };
  for (let attempt = 0; attempt < 2; attempt++) {
    if (await writable(dataDir, () => createLock(dataDir, content))) return;
    const held = await readLock(dataDir);
    if (held !== null && isAlive(held.pid)) {
      const who = held.pid === process.pid ? 'this process' : `process ${held.pid}`;
      throw new FlowgateError(
        'local-stack-running',
        `The local stack on ${dataDir} is already running in ${who} (flowgate start): stop it first (Ctrl-C where it runs); flowgate commands in another terminal use it as it runs.`,
      );
    }
    await releaseDataDir(dataDir);
  }
  throw new FlowgateError(
    'local-stack-running',
    `Could not claim ${dataDir}: another process keeps claiming it.`,
  );
}

const NOT_WRITABLE = new Set(['EACCES', 'EPERM', 'EROFS']);

/**
 * Runs `write` on `folder`, turning "not allowed to write" into a `DataFolderError` that names the
 * folder and what to do. Reached only when no stack runs on the data folder (a running one is
 * used instead, read-only folder or not), so the message says that too.
 */
async function writable<T>(
  folder: string,
  write: () => Promise<T>,
  options: { missingIsFine?: boolean } = {},
): Promise<T | undefined> {
  try {
    return await write();
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : '';
    if (options.missingIsFine === true && code === 'ENOENT') return undefined;
    if (!NOT_WRITABLE.has(code)) throw error;
    const why = code === 'EROFS' ? 'is on a read-only file system' : 'is not writable by this user';
    throw new DataFolderError(
      folder,
      code,
      `The local data folder ${folder} ${why} (${code}). flowgate keeps its versions there and writes to it to start the local stack, and no local stack is running on it to use instead. Make it writable (chmod -R u+w ${folder}), set FLOWGATE_HOME to a folder you can write, or run \`flowgate start\` as the folder's owner: commands in another terminal then use that running stack, read-only ones included.`,
      { cause: error },
    );
  }
}

/** Records where the stack listens, once it does. */
export async function recordEndpoints(dataDir: string, info: RunningStackInfo): Promise<void> {
  await writeFile(lockPath(dataDir), JSON.stringify(info));
}

/** Gives `dataDir` up. */
export async function releaseDataDir(dataDir: string): Promise<void> {
  await rm(lockPath(dataDir), { force: true });
}

async function createLock(dataDir: string, content: LockContent): Promise<boolean> {
  try {
    await writeFile(lockPath(dataDir), JSON.stringify(content), { flag: 'wx' });
    return true;
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'EEXIST') return false;
    throw error;
  }
}

async function readLock(dataDir: string): Promise<LockContent | null> {
  let text: string;
  try {
    text = await readFile(lockPath(dataDir), 'utf8');
  } catch {
    return null;
  }
  try {
    const parsed = lockSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    // A lock cut short by a crash while it was written: nobody holds it.
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return error instanceof Error && 'code' in error && error.code === 'EPERM';
  }
}

function lockPath(dataDir: string): string {
  return join(dataDir, LOCK_FILE);
}
