import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import type { Diagnostic } from '../../core/diagnostics.js';
import { FlowgateError } from '../../core/errors.js';
import type { FileStore } from '../../core/ports.js';
import { sha256 } from '../../core/versions/hash.js';
import type { FlowVersion, VersionDraft, VersionSummary } from '../../core/versions/types.js';
import { describeKey, parseItem, type VersionItem, versionBodySchema } from './itemSchemas.js';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/** Where offloaded bodies live in the file store: addressed by the sha256 of their uncompressed JSON. */
export const BODY_KEY_PREFIX = 'content/';

/** Room kept for keys, attribute names and DynamoDB's per-value overhead that JSON does not count. */
const ITEM_OVERHEAD_BYTES = 1024;

/** The large fields of a version, kept together inline (gzip) or in one file. */
interface VersionBody {
  readonly content: string;
  readonly original: string;
  readonly references: FlowVersion['references'];
  readonly resolutions: FlowVersion['resolutions'];
  /** Set only when the diagnostics were too large to stay in the item. */
  readonly diagnostics: readonly Diagnostic[] | null;
}

/** A version item's attributes without its key and number: what a draft becomes, once. */
export type EncodedVersion = Omit<VersionItem, 'number'>;

/**
 * Turns a draft into item attributes. The body is gzip-compressed inline when the item stays
 * under `inlineLimitBytes`; otherwise it is put in `files` first (under `content/<sha256>`), so no
 * item is ever written pointing at nothing. Diagnostics move into the body when they alone would
 * fill half the item.
 */
export async function encodeVersion(
  draft: VersionDraft,
  files: FileStore,
  inlineLimitBytes: number,
): Promise<EncodedVersion> {
  const summary = summaryFields(draft);
  const summaryBytes = jsonBytes(summary) + ITEM_OVERHEAD_BYTES;
  const diagnosticsInBody = summaryBytes + jsonBytes(draft.diagnostics) > inlineLimitBytes / 2;
  const body: VersionBody = {
    content: draft.content,
    original: draft.original,
    references: draft.references,
    resolutions: draft.resolutions,
    diagnostics: diagnosticsInBody ? draft.diagnostics : null,
  };
  const raw = new TextEncoder().encode(JSON.stringify(body));
  const gz = new Uint8Array(await gzipAsync(raw));
  const fields = {
    ...summary,
    diagnostics: diagnosticsInBody ? [] : [...draft.diagnostics],
    diagnosticsInBody,
  };
  if (summaryBytes + jsonBytes(fields.diagnostics) + gz.byteLength <= inlineLimitBytes)
    return { ...fields, bodyGzip: gz };
  const bodyKey = `${BODY_KEY_PREFIX}${sha256(raw)}`;
  await files.put(bodyKey, gz, 'application/gzip');
  return { ...fields, bodyKey };
}

/** The whole version an item holds, its body read back (from the file store when offloaded). */
export async function decodeVersion(
  item: VersionItem,
  raw: Record<string, unknown>,
  files: FileStore,
): Promise<FlowVersion> {
  const body = await readBody(item, raw, files);
  return {
    ...toSummary(item, body.diagnostics ?? item.diagnostics),
    references: body.references,
    resolutions: body.resolutions,
    content: body.content,
    original: body.original,
  };
}

/** A version's summary; its body is read only when the diagnostics live there. */
export async function decodeSummary(
  item: VersionItem,
  raw: Record<string, unknown>,
  files: FileStore,
): Promise<VersionSummary> {
  if (!item.diagnosticsInBody) return toSummary(item, item.diagnostics);
  const body = await readBody(item, raw, files);
  return toSummary(item, body.diagnostics ?? []);
}

function toSummary(item: VersionItem, diagnostics: readonly Diagnostic[]): VersionSummary {
  return {
    env: item.env,
    flowKey: item.flowKey,
    number: item.number,
    name: item.name,
    type: item.type,
    format: item.format,
    contentHash: item.contentHash,
    sourceHash: item.sourceHash,
    source: item.source,
    author: item.author,
    createdAt: item.createdAt,
    restores: item.restores,
    diagnostics,
  };
}

function summaryFields(draft: VersionDraft) {
  return {
    env: draft.env,
    flowKey: draft.flowKey,
    name: draft.name,
    type: draft.type,
    format: draft.format,
    contentHash: draft.contentHash,
    sourceHash: draft.sourceHash,
    source: {
      channel: draft.source.channel,
      ref: draft.source.ref,
      ...(draft.source.env === undefined ? {} : { env: draft.source.env }),
    },
    author: draft.author,
    createdAt: draft.createdAt,
    restores: draft.restores,
  };
}

async function readBody(
  item: VersionItem,
  raw: Record<string, unknown>,
  files: FileStore,
): Promise<VersionBody> {
  const json = await unzip(await compressedBody(item, raw, files), raw);
  if (item.bodyKey !== undefined && `${BODY_KEY_PREFIX}${sha256(json)}` !== item.bodyKey)
    throw corrupt(raw, `its body ${item.bodyKey} does not match its sha256`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(json));
  } catch (error) {
    throw corrupt(raw, 'its body is not JSON', error);
  }
  return parseItem(versionBodySchema, { ...(parsed as object), pk: raw.pk, sk: raw.sk }, 'version body');
}

async function compressedBody(
  item: VersionItem,
  raw: Record<string, unknown>,
  files: FileStore,
): Promise<Uint8Array> {
  if (item.bodyGzip !== undefined) return item.bodyGzip;
  if (item.bodyKey === undefined) throw corrupt(raw, 'it has neither bodyGzip nor bodyKey');
  const stored = await files.get(item.bodyKey);
  if (stored === null)
    throw new FlowgateError(
      'missing-content',
      `version item ${describeKey(raw)} points at ${item.bodyKey}, which the file store does not hold`,
    );
  return stored;
}

async function unzip(gz: Uint8Array, raw: Record<string, unknown>): Promise<Uint8Array> {
  try {
    return new Uint8Array(await gunzipAsync(gz));
  } catch (error) {
    throw corrupt(raw, 'its body is not gzip', error);
  }
}

function corrupt(raw: Record<string, unknown>, why: string, cause?: unknown): FlowgateError {
  return new FlowgateError(
    'corrupt-item',
    `DynamoDB item ${describeKey(raw)} is not a valid version: ${why}`,
    cause === undefined ? undefined : { cause },
  );
}

function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value));
}
