import { FlowFileError, FlowgateError } from '../core/errors.js';
import { decodeText, parseJsonText } from '../core/formats/jsonText.js';
import type { ImportFile } from '../core/service/importFlows.js';
import { isZip, UNNAMED_FILE, unpackUpload, uploadName } from './importUploads.js';

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

const ZIP_LIMIT_CODES: ReadonlySet<string> = new Set([
  'zip-too-many-entries',
  'zip-too-large',
  'zip-entry-too-large',
]);

/** The default name of a single flow body that does not say its name. */
export const DEFAULT_FILE_NAME = UNNAMED_FILE;

/**
 * The flow files a webhook body holds: a zip of flows, a JSON manifest naming several files, or
 * one flow file, told apart by content as every import does (`unpackUpload`). Throws
 * {@link WebhookBodyError}: 400 for bodies that are empty, neither JSON nor a zip, unsafe or
 * malformed archives and manifests; 413 for archives over the unzip limits. A file that is JSON
 * but not a flow is not refused here: the import reports why.
 */
export function readWebhookBody(body: Uint8Array, hints: BodyHints): ImportFile[] {
  if (body.byteLength === 0)
    throw new WebhookBodyError(
      400,
      'empty-body',
      'The request has no body.',
      'Send a flow file, a zip of flows, or {"files":[…]} as the body.',
    );
  if (!isZip(body)) refuseNonJson(body);
  try {
    // A zip body has no name of its own (the name hint is a single flow's): its entries keep theirs.
    return unpackUpload({ name: isZip(body) ? null : hints.fileName, bytes: body });
  } catch (error) {
    if (!(error instanceof FlowFileError)) throw error;
    const status = ZIP_LIMIT_CODES.has(error.code) ? 413 : 400;
    throw new WebhookBodyError(status, error.code, error.message, error.hint, { cause: error });
  }
}

/** A body that is not a zip must be JSON (a flow, or a manifest): anything else is refused at once. */
function refuseNonJson(body: Uint8Array): void {
  const text = decodeText(body);
  const parsed = text === null ? null : parseJsonText(text);
  if (parsed?.ok) return;
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

/** The parameter-free, lower-case media type of a `content-type` header. */
export function mediaTypeOf(header: string | undefined): string {
  return (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** A file name given by the sender, or the default when it gives none or an unusable one. */
export function fileNameOf(given: string | undefined): string {
  const parsed = uploadName.safeParse(given);
  return parsed.success ? parsed.data : DEFAULT_FILE_NAME;
}
