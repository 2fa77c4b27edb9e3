/**
 * The one import every source runs (a file shared in Slack, an S3 drop, a CI webhook, the CLI):
 * uploads in (a name and bytes each: one flow file, a zip of flows, or `{"files":[…]}` naming
 * several), stored versions, their HTML reports, auto-publishing where the environment says so,
 * and the notification out. Each entry point only adapts its transport to it: how the bytes
 * arrive, and how the result is shown.
 */
import { z } from 'zod';
import { unzipFlows } from '../adapters/zip/unzipFlows.js';
import type { Actor } from '../core/config.js';
import type { ServiceDeps } from '../core/deps.js';
import { FlowFileError } from '../core/errors.js';
import { decodeText, parseJsonText } from '../core/formats/jsonText.js';
import { readFlow } from '../core/formats/readFlow.js';
import { type AutoPublishResult, autoPublish } from '../core/service/autoPublish.js';
import { type ImportFile, type ImportResult, importFlows } from '../core/service/importFlows.js';
import type { VersionSource } from '../core/versions/types.js';
import { storeImportReports } from './versionReport.js';

/** A file as a source delivers it. */
export interface Upload {
  /**
   * Its name (the shared file's, the object key's, the path's); null when the sender gave none
   * (a webhook body), so files unpacked from it carry their own names alone.
   */
  readonly name: string | null;
  readonly bytes: Uint8Array;
}

/** The name a single flow file that came without one is imported under. */
export const UNNAMED_FILE = 'flow.json';

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/** True when the bytes start with a zip archive's signature. */
export function isZip(bytes: Uint8Array): boolean {
  return ZIP_MAGIC.every((byte, i) => bytes[i] === byte);
}

/** A file name a sender may give: 1–255 characters, none of them control characters. */
export const uploadName = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[^\p{Cc}]+$/u, 'must not hold control characters');

/** `{"files":[{"name":…, "content": <flow as text, or the flow itself>}]}`. */
const manifestSchema = z.object({
  files: z
    .array(z.object({ name: uploadName, content: z.union([z.string(), z.record(z.string(), z.unknown())]) }))
    .min(1),
});

/**
 * The flow files an upload holds, told apart by content (never by name or content type, which
 * senders get wrong): a zip by its signature, unpacked (each entry named `<upload>/<entry>`);
 * JSON with a top-level `files` list (no flow has one) as a manifest of several files; anything
 * else as one flow file, which the import reads or reports as unreadable. Throws
 * `FlowFileError` saying that nothing was imported: the zip codes of `unzipFlows`,
 * `invalid-manifest`, `no-flow-files` for an archive with none.
 */
export function unpackUpload(upload: Upload): ImportFile[] {
  const label = upload.name ?? 'the upload';
  if (isZip(upload.bytes)) {
    const entries = unzipped(upload.bytes, label);
    if (entries.length === 0) {
      throw new FlowFileError(
        'no-flow-files',
        label,
        `${label} holds no flow files (.json, or files without an extension); nothing was imported`,
        'Put the exported flows in the archive (for example `zip -r flows.zip flows/`), or send them directly.',
      );
    }
    return entries.map((entry) => ({ name: within(upload.name, entry.name), bytes: entry.bytes }));
  }
  const manifest = manifestOf(upload.bytes);
  if (manifest !== null) return manifestFiles(manifest, label);
  return [{ name: upload.name ?? UNNAMED_FILE, bytes: upload.bytes }];
}

/** What an import runs on. */
export interface ImportUploadsDeps {
  readonly service: ServiceDeps;
  /** Where a report that could not be kept is told (the import itself stands). */
  readonly log: (message: string, error?: unknown) => void;
}

/** Where to import, as whom, and how. */
export interface ImportTarget {
  readonly env: string;
  readonly actor: Actor;
  /** Where the import came from: recorded with each version; S3 and webhook imports auto-publish. */
  readonly channel: VersionSource['channel'];
  /**
   * All or nothing: refuse the whole import (`not-a-flow`, nothing stored) when any file is not a
   * flow. For S3 drops, where nobody is watching to finish half of it by hand.
   */
  readonly whole?: boolean;
  /** Told after each file is stored (see `ImportInput.onProgress`). */
  readonly onProgress?: (stored: number, total: number) => void;
}

/** What an import did. */
export interface ImportUploadsResult {
  readonly result: ImportResult;
  /** What auto-publishing did; null where it does not run (Slack, CLI) or the environment has it off. */
  readonly published: AutoPublishResult | null;
}

/** Sources nobody watches as they import: they publish by themselves where the environment says `autoPublish`. */
const UNATTENDED: ReadonlySet<VersionSource['channel']> = new Set(['s3', 'webhook']);

/**
 * Imports the uploads' flow files into `env` as `actor`: stores each as a version (one import
 * audit event each, one notification for the whole import), keeps each new version's HTML
 * report, and auto-publishes unattended imports where the environment says so. Throws
 * `FlowFileError` for uploads that hold no importable file (see `unpackUpload`; `whole`), and the
 * use cases' `ServiceError`s (no such environment, not an editor).
 */
export function importUploads(
  deps: ImportUploadsDeps,
  target: ImportTarget & { readonly uploads: readonly Upload[] },
): Promise<ImportUploadsResult> {
  return importUnpacked(deps, { ...target, files: target.uploads.flatMap(unpackUpload) });
}

/**
 * {@link importUploads} for files already unpacked with `unpackUpload` (the webhook unpacks
 * first, to decide whether to import while the request waits).
 */
export async function importUnpacked(
  deps: ImportUploadsDeps,
  target: ImportTarget & { readonly files: readonly ImportFile[] },
): Promise<ImportUploadsResult> {
  if (target.whole === true) refuseUnreadable(target.files);
  const result = await importFlows(deps.service, {
    env: target.env,
    files: target.files,
    actor: target.actor,
    channel: target.channel,
    ...(target.onProgress === undefined ? {} : { onProgress: target.onProgress }),
  });
  await storeImportReports(deps.service, result, deps.log);
  const published = UNATTENDED.has(target.channel)
    ? await autoPublish(deps.service, result, target.actor)
    : null;
  return { result, published };
}

/** The first file that is not a flow, as `not-a-flow`. */
function refuseUnreadable(files: readonly ImportFile[]): void {
  for (const file of files) {
    const read = readFlow(file.name, file.bytes);
    if (read.ok) continue;
    const first = read.diagnostics.find((d) => d.severity === 'error');
    throw new FlowFileError(
      'not-a-flow',
      file.name,
      `${file.name} could not be read as an Amazon Connect flow; nothing was imported${first === undefined ? '' : `: ${first.message}`}`,
      first?.hint ?? 'Export the flow from the Amazon Connect flow designer and send that file.',
    );
  }
}

/** The archive's flow files; its problems say that nothing was imported, as every refusal here does. */
function unzipped(bytes: Uint8Array, label: string): ReturnType<typeof unzipFlows> {
  try {
    return unzipFlows(bytes, label);
  } catch (error) {
    if (!(error instanceof FlowFileError)) throw error;
    throw new FlowFileError(
      error.code,
      error.file,
      `${error.message}; nothing was imported`,
      error.hint,
      error.position,
      { cause: error },
    );
  }
}

function within(archive: string | null, entry: string): string {
  return archive === null ? entry : `${archive}/${entry}`;
}

/** The parsed JSON when the bytes are JSON with a top-level `files` key, else null. */
function manifestOf(bytes: Uint8Array): unknown {
  const text = decodeText(bytes);
  // Parsed a second time only when it may be one: a flow file's own parse is the import's.
  if (text === null || !text.includes('"files"')) return null;
  const parsed = parseJsonText(text);
  if (!parsed.ok) return null;
  const { value } = parsed;
  const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
  return isObject && 'files' in value ? value : null;
}

function manifestFiles(value: unknown, label: string): ImportFile[] {
  const parsed = manifestSchema.safeParse(value);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`);
    throw new FlowFileError(
      'invalid-manifest',
      label,
      `${label} has "files" but is not a list of files: ${problems.join('; ')}; nothing was imported`,
      'Send {"files":[{"name":"main.json","content":<the flow, as JSON or as text>}, …]}.',
    );
  }
  const encoder = new TextEncoder();
  return parsed.data.files.map((file) => ({
    name: file.name,
    bytes: encoder.encode(
      typeof file.content === 'string' ? file.content : `${JSON.stringify(file.content, null, 2)}\n`,
    ),
  }));
}
