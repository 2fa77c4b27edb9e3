import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import { SlackApiError, SlackFileError, type SlackFileErrorCode, toSlackApiError } from './slackErrors.js';

/** What `SlackFileSource` needs. */
export interface SlackFileSourceOptions {
  /**
   * The bot's client: `files.info` goes through it, and its `token` and `slackApiUrl` decide
   * the download (the token is sent only to Slack's file host or the API URL's own origin).
   */
  readonly client: WebClient;
  /** Files larger than this are refused, before and while downloading. */
  readonly maxBytes: number;
  /** The global `fetch` when unset. */
  readonly fetch?: typeof fetch;
  /** Gives up on a download after this long; default 30 s. */
  readonly timeoutMs?: number;
}

/** A downloaded file. */
export interface SlackFile {
  readonly id: string;
  readonly name: string;
  /** Slack's `mimetype` and `filetype`; either may be empty right after upload (malware scan). */
  readonly mimetype: string;
  readonly filetype: string;
  readonly bytes: Uint8Array;
}

/** Where Slack serves `url_private_download`. */
export const SLACK_FILE_HOST = 'files.slack.com';

const DEFAULT_TIMEOUT_MS = 30_000;

const fileInfoSchema = z.object({
  file: z.object({
    id: z.string(),
    name: z.string().optional(),
    title: z.string().optional(),
    mimetype: z.string().optional(),
    filetype: z.string().optional(),
    size: z.number().int().nonnegative().optional(),
    mode: z.string().optional(),
    is_external: z.boolean().optional(),
    url_private: z.string().optional(),
    url_private_download: z.string().optional(),
  }),
});

type FileInfo = z.infer<typeof fileInfoSchema>['file'];

/** Types that are never a flow export (media, Slack's own documents, web pages). */
const REFUSED_MIME = /^(?:image|audio|video)\/|^text\/html\b/i;
const REFUSED_FILETYPES = new Set(['html', 'gdoc', 'gsheet', 'gpres', 'post', 'space', 'quip', 'canvas']);

/**
 * Downloads files shared in Slack without leaking the bot token or trusting a login page:
 * `files.info` first (size and type checked before any download), then a GET of
 * `url_private_download` with the token only when its host is Slack's file host or the
 * configured API URL's origin, with redirects refused rather than followed (the token must not
 * travel with them, and Slack redirects only unauthenticated requests, to its sign-in page),
 * HTML refused by `Content-Type` and by its first bytes, and the size limit enforced on the body
 * as it streams. Each refusal is a `SlackFileError` naming the file, with a hint for the user.
 */
export class SlackFileSource {
  readonly #client: WebClient;
  readonly #maxBytes: number;
  readonly #fetch: typeof fetch;
  readonly #timeoutMs: number;

  constructor(options: SlackFileSourceOptions) {
    this.#client = options.client;
    this.#maxBytes = options.maxBytes;
    this.#fetch = options.fetch ?? globalThis.fetch;
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  /** The file `fileId`'s bytes, after the checks above. */
  async download(fileId: string): Promise<SlackFile> {
    const info = await this.#fileInfo(fileId);
    const file = { id: info.id, name: info.name ?? info.title ?? null };
    const label = describe(file);
    const refuse = (
      code: SlackFileErrorCode,
      message: string,
      hint: string,
      cause?: unknown,
    ): SlackFileError =>
      new SlackFileError(code, file, message, hint, cause === undefined ? undefined : { cause });

    if (info.size !== undefined && info.size > this.#maxBytes)
      throw refuse(
        'slack-file-too-large',
        `${label} is ${info.size} bytes; flowgate takes files up to ${this.#maxBytes} bytes`,
        'Share the flow export itself, or split a large zip into several smaller ones.',
      );
    if (isRefusedType(info))
      throw refuse(
        'slack-file-unsupported-type',
        `${label} is ${info.mimetype ?? info.filetype ?? 'an unknown type'}, not a flow export`,
        'Share a flow exported from Amazon Connect (.json) or a .zip of flow exports.',
      );
    const location = info.url_private_download ?? info.url_private;
    if (location === undefined || info.is_external === true)
      throw refuse(
        'slack-file-no-url',
        `${label} has no download link Slack lets the bot use`,
        'Upload the file to Slack directly (not as a link to another service) and share it again.',
      );
    const url = this.#trustedUrl(location);
    if (url === null)
      throw refuse(
        'slack-file-untrusted-host',
        `${label} is served from ${hostOf(location)}, not from Slack; the bot token is only sent to Slack`,
        'Upload the file to Slack directly and share it again.',
      );
    const bytes = await this.#fetchBody(url, label, refuse);
    return {
      id: info.id,
      name: file.name ?? info.id,
      mimetype: info.mimetype ?? '',
      filetype: info.filetype ?? '',
      bytes,
    };
  }

  async #fileInfo(fileId: string): Promise<FileInfo> {
    let result: unknown;
    try {
      result = await this.#client.files.info({ file: fileId });
    } catch (error) {
      const failure = toSlackApiError('files.info', error);
      if (failure instanceof SlackApiError && failure.slackError === 'file_not_found')
        throw new SlackFileError(
          'slack-file-not-found',
          { id: fileId, name: null },
          `Slack has no file ${fileId} the bot can see`,
          'Make sure the file was not deleted and the bot is a member of the channel, then share it again.',
          { cause: error },
        );
      throw failure;
    }
    const parsed = fileInfoSchema.safeParse(result);
    if (!parsed.success)
      throw new SlackApiError(
        'files.info',
        'unexpected_shape',
        `Slack files.info for ${fileId} answered in an unexpected shape: ${parsed.error.message}`,
      );
    return parsed.data.file;
  }

  /** The URL when the token may go there: Slack's file host over HTTPS, or the API URL's own origin. */
  #trustedUrl(location: string): URL | null {
    const url = URL.canParse(location) ? new URL(location) : null;
    if (url === null || url.username !== '' || url.password !== '') return null;
    if (url.protocol === 'https:' && url.hostname === SLACK_FILE_HOST && url.port === '') return url;
    const api = new URL(this.#client.slackApiUrl);
    return url.origin === api.origin ? url : null;
  }

  async #fetchBody(
    url: URL,
    label: string,
    refuse: (code: SlackFileErrorCode, message: string, hint: string, cause?: unknown) => SlackFileError,
  ): Promise<Uint8Array> {
    const token = this.#client.token;
    let response: Response;
    try {
      response = await this.#fetch(url, {
        headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
        redirect: 'manual',
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
    } catch (error) {
      throw refuse(
        'slack-file-download-failed',
        `${label} could not be downloaded: ${error instanceof Error ? error.message : String(error)}`,
        'Share the file again in a minute.',
        error,
      );
    }
    try {
      return await this.#readChecked(response, label, refuse);
    } finally {
      // Release the connection whatever was refused; a body already read cancels as a no-op.
      await response.body?.cancel().catch(() => undefined);
    }
  }

  async #readChecked(
    response: Response,
    label: string,
    refuse: (code: SlackFileErrorCode, message: string, hint: string) => SlackFileError,
  ): Promise<Uint8Array> {
    if (response.status >= 300 && response.status < 400)
      throw refuse(
        'slack-file-redirected',
        `${label}: Slack redirected the download to ${hostOf(response.headers.get('location') ?? '')}; not followed with the bot token`,
        'The bot may lack the files:read scope or be outside the channel; add it to the channel and share the file again.',
      );
    if (response.status !== 200)
      throw refuse(
        'slack-file-download-failed',
        `${label}: Slack answered the download with HTTP ${response.status}`,
        'Share the file again in a minute.',
      );
    const loginPage = refuse(
      'slack-file-login-page',
      `${label}: Slack sent a web page instead of the file (its sign-in page: the download was not authorised)`,
      'The bot needs the files:read scope and must be a member of the channel; fix that and share the file again.',
    );
    if (/^text\/html\b/i.test(response.headers.get('content-type') ?? '')) throw loginPage;
    const tooLarge = refuse(
      'slack-file-too-large',
      `${label} is larger than the ${this.#maxBytes} bytes flowgate takes`,
      'Share the flow export itself, or split a large zip into several smaller ones.',
    );
    const declared = Number(response.headers.get('content-length') ?? Number.NaN);
    if (declared > this.#maxBytes) throw tooLarge;
    const bytes = await readLimited(response, this.#maxBytes);
    if (bytes === null) throw tooLarge;
    if (looksLikeHtml(bytes)) throw loginPage;
    return bytes;
  }
}

/** The body, or null as soon as it grows past `maxBytes` (the rest is never read). */
async function readLimited(response: Response, maxBytes: number): Promise<Uint8Array | null> {
  if (response.body === null) return new Uint8Array();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** An HTML document, whatever the `Content-Type` said: `<!DOCTYPE html` or `<html` after any BOM and whitespace. */
export function looksLikeHtml(bytes: Uint8Array): boolean {
  const head = new TextDecoder('utf-8', { ignoreBOM: false }).decode(bytes.subarray(0, 512)).trimStart();
  return /^<(?:!doctype\s+html|html[\s>])/i.test(head);
}

function isRefusedType(info: FileInfo): boolean {
  return REFUSED_MIME.test(info.mimetype ?? '') || REFUSED_FILETYPES.has((info.filetype ?? '').toLowerCase());
}

function describe(file: { readonly id: string; readonly name: string | null }): string {
  return file.name === null ? `File ${file.id}` : `File "${file.name}" (${file.id})`;
}

function hostOf(location: string): string {
  return URL.canParse(location) ? new URL(location).host : 'an unreadable address';
}
