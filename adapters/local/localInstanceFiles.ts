import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { ContactCenterError } from '../../core/errors.js';
import { FLOW_TYPES } from '../../core/flowTypes.js';
import { formatPath } from '../../core/json.js';
import { RESOURCE_KINDS } from '../../core/references/types.js';
import type { CatalogMapping, CatalogResource } from '../../core/resolve/types.js';

/**
 * The on-disk shape of a local target instance: `instance.json` (its ARN and the resources it was
 * seeded with) and one file per flow or module under `flows/`. Every write goes to a temporary
 * file that is then renamed over the old one, so a crash leaves the old file or the new one.
 */

const text = z.string().min(1);

const resourceSchema = z.object({
  kind: z.enum(RESOURCE_KINDS),
  id: text,
  arn: z.string(),
  name: text,
  flowType: z.enum(FLOW_TYPES).optional(),
});

const mappingSchema = z.object({ kind: z.enum(RESOURCE_KINDS), source: text, target: text });

const instanceSchema = z.object({
  instanceArn: text,
  name: text,
  resources: z.array(resourceSchema),
  mappings: z.array(mappingSchema),
});

const flowSchema = z.object({
  kind: z.enum(['flow', 'module']),
  id: text,
  arn: text,
  name: text,
  type: z.enum(FLOW_TYPES).nullable(),
  description: z.string(),
  /** What runs: the published content (the only content of a flow never published). */
  content: z.string(),
  status: z.enum(['PUBLISHED', 'SAVED']),
  /** A draft saved over a published flow, as `ID:$SAVED` holds it in Connect. */
  draft: z.string().nullable(),
});

/** The instance file: what the local contact center was seeded with. */
export interface InstanceFile {
  readonly instanceArn: string;
  readonly name: string;
  readonly resources: readonly CatalogResource[];
  readonly mappings: readonly CatalogMapping[];
}

/** One flow or module of the local instance. */
export type StoredFlow = z.infer<typeof flowSchema>;

const INSTANCE_FILE = 'instance.json';
const FLOWS_DIR = 'flows';

/** Ids become file names: only what Connect ids are made of, so no id can reach outside `flows/`. */
const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/** The instance file under `dir`, or null before the instance was seeded. */
export function readInstanceFile(dir: string): InstanceFile | null {
  const path = join(dir, INSTANCE_FILE);
  if (!existsSync(path)) return null;
  const file = readChecked(path, instanceSchema);
  const resources = file.resources.map(
    ({ flowType, ...rest }): CatalogResource => (flowType === undefined ? rest : { ...rest, flowType }),
  );
  return { ...file, resources };
}

/** Writes the instance file (atomically). */
export function writeInstanceFile(dir: string, instance: InstanceFile): void {
  writeJsonAtomic(join(dir, INSTANCE_FILE), instance);
}

/** The flow or module stored with `id`, or null. */
export function readFlowFile(dir: string, id: string): StoredFlow | null {
  if (!SAFE_ID.test(id)) return null;
  const path = join(dir, FLOWS_DIR, `${id}.json`);
  if (!existsSync(path)) return null;
  return readChecked(path, flowSchema);
}

/** Every stored flow and module, in file-name order. */
export function readFlowFiles(dir: string): StoredFlow[] {
  const flowsDir = join(dir, FLOWS_DIR);
  if (!existsSync(flowsDir)) return [];
  return readdirSync(flowsDir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => readChecked(join(flowsDir, file), flowSchema));
}

/** Writes one flow or module (atomically). */
export function writeFlowFile(dir: string, flow: StoredFlow): void {
  if (!SAFE_ID.test(flow.id)) {
    throw new ContactCenterError('invalid-request', `'${flow.id}' cannot be the id of a local flow.`);
  }
  writeJsonAtomic(join(dir, FLOWS_DIR, `${flow.id}.json`), flow);
}

/**
 * Writes `value` as JSON to a temporary file beside `path`, flushes it, then renames it over
 * `path`. A write that fails removes its temporary file; one whose process was killed before the
 * rename cannot, so each write first removes those left beside it by writers no longer running.
 */
export function writeJsonAtomic(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  removeDeadWritersFiles(dirname(path));
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    const fd = openSync(temp, 'w');
    try {
      writeSync(fd, `${JSON.stringify(value, null, 2)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw new ContactCenterError('local-state-unwritable', `Could not write ${path}: ${String(error)}`, [], {
      cause: error,
    });
  }
}

/** `<file>.<pid>.<hex>.tmp`: the temporary file of the process `pid`. */
const TEMP_FILE = /\.(\d+)\.[0-9a-f]+\.tmp$/;

/**
 * Removes the temporary files in `dir` of writers that are no longer running (killed between
 * writing and renaming). Another live process's file is left alone: it may be mid-write. Our
 * own are leftovers, since a write here runs start to end without yielding.
 */
function removeDeadWritersFiles(dir: string): void {
  for (const file of readdirSync(dir)) {
    const pid = TEMP_FILE.exec(file)?.[1];
    if (pid === undefined || isRunning(Number(pid))) continue;
    rmSync(join(dir, file), { force: true });
  }
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    // Signal 0 only asks whether the process exists.
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, run by another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readChecked<T>(path: string, schema: z.ZodType<T>): T {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw corrupt(path, `not readable as JSON (${String(error)})`, error);
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const key = issue === undefined ? '' : formatPath(issue.path.filter((s) => typeof s !== 'symbol'));
  throw corrupt(path, `${key === '' ? '(root)' : key}: ${issue?.message ?? 'unexpected shape'}`, null);
}

function corrupt(path: string, detail: string, cause: unknown): ContactCenterError {
  return new ContactCenterError(
    'local-state-corrupt',
    `The local contact center file ${path} is damaged: ${detail}. Delete its folder to seed the instance again.`,
    [],
    { cause },
  );
}
