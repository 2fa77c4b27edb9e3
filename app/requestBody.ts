import { z } from 'zod';
import { unzipFlows } from '../adapters/zip/unzipFlows.js';
import { FlowFileError, FlowgateError } from '../core/errors.js';
import { decodeText, parseJsonText } from '../core/formats/jsonText.js';
import type { ImportFile } from '../core/service/importFlows.js';

/** What the sender said about the body, besides its bytes. */
export interface BodyHints {
  /** The `content-type` header, without parameters, lower case ('' when absent). */
  readonly contentType: string;
  /** The file name of a single flow body (`?name=` or `x-flowgate-file-name`). */
  readonly fileName: string;
}

/**
 * A body that cannot be turned into flow files. `status` is the HTTP answer: 400 unreadable,
 * 413 too large.
 */
export class WebhookBodyError extends FlowgateError {
  readonly status: 400 | 413;
  readonly hint: string;
  constructor(status: 400 | 413, code: string, message: string, hint: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'WebhookBodyError';
    this.status = status;
    this.hint = hint;
  }
}

const ZIP_TYPES: ReadonlySet<string> = new Set(['application/zip', 'application/x-zip-compressed']);
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const ZIP_LIMIT_CODES: ReadonlySet<string> = new Set([
  'zip-too-many-entries',
  'zip-too-large',
  'zip-entry-too-large',
]);

const fileName = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[^\p{Cc}]+$/u, 'must not hold control characters');

/** `{"files":[{"name":…, "content": <flow as text, or the flow itself>}]}`. */
const manifestSchema = z.object({
  files: z
    .array(
      z.object({
        name: fileName,
        content: z.union([z.string(), z.record(z.string(), z.unknown())]),
      }),
    )
    .min(1),
});

/** The default name of a single flow body that does not say its name. */
export const DEFAULT_FILE_NAME = 'flow.json';

/**
 * The flow files a webhook body holds: a zip of flows (by content type, or by its signature, as
 * `curl --data-binary` sends form content type), a JSON manifest naming several files, or one
 * flow file. Throws {@link WebhookBodyError}: 400 for bodies that are empty, neither JSON nor a
 * zip, unsafe or malformed archives and manifests; 413 for archives over the unzip limits.
 * A file that is JSON but not a flow is not refused here: the import reports why.
 */
export function readWebhookBody(body: Uint8Array, hints: BodyHints): ImportFile[] {
  if (body.byteLength === 0)
    throw new WebhookBodyError(
      400,
      'empty-body',
      'The request has no body.',
      'Send a flow file, a zip of flows, or {"files":[…]} as the body.',
    );
  if (ZIP_TYPES.has(hints.contentType) || isZip(body)) return zipFiles(body);
  const text = decodeText(body);
  const parsed = text === null ? null : parseJsonText(text);
  if (parsed === null || !parsed.ok) {
    const where =
      parsed?.ok === false
        ? ` (line ${parsed.problem.position.line}, column ${parsed.problem.position.column}: ${parsed.problem.found})`
        : ' (not UTF-8 or UTF-16 text)';
    throw new WebhookBodyError(
      400,
      'unreadable-body',
      `The body is neither JSON nor a zip archive${where}.`,
      'Send the flow file as it was exported (JSON), or a zip with content-type application/zip.',
    );
  }
  if (isManifest(parsed.value)) return manifestFiles(parsed.value);
  return [{ name: hints.fileName, bytes: body }];
}

/** The parameter-free, lower-case media type of a `content-type` header. */
export function mediaTypeOf(header: string | undefined): string {
  return (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** A file name given by the sender, or the default when it gives none or an unusable one. */
export function fileNameOf(given: string | undefined): string {
  const parsed = fileName.safeParse(given);
  return parsed.success ? parsed.data : DEFAULT_FILE_NAME;
}

function isZip(body: Uint8Array): boolean {
  return ZIP_MAGIC.every((byte, i) => body[i] === byte);
}

function zipFiles(body: Uint8Array): ImportFile[] {
  let files: ImportFile[];
  try {
    files = unzipFlows(body, 'request body');
  } catch (error) {
    if (!(error instanceof FlowFileError)) throw error;
    const status = ZIP_LIMIT_CODES.has(error.code) ? 413 : 400;
    throw new WebhookBodyError(status, error.code, error.message, error.hint, { cause: error });
  }
  if (files.length === 0)
    throw new WebhookBodyError(
      400,
      'no-flow-files',
      'The zip archive holds no flow files (.json, or files without an extension).',
      'Zip the folder of exported flows (for example `zip -r flows.zip flows/`).',
    );
  return files;
}

/** A flow never has a top-level `files` key: a body with one is meant as a manifest. */
function isManifest(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'files' in value;
}

function manifestFiles(value: unknown): ImportFile[] {
  const parsed = manifestSchema.safeParse(value);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`);
    throw new WebhookBodyError(
      400,
      'invalid-manifest',
      `The body has "files" but is not a list of files: ${problems.join('; ')}.`,
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
