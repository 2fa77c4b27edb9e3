import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A fake of the Slack Web API on 127.0.0.1 for tests: the real `@slack/web-api` `WebClient` talks
 * to it through `slackApiUrl: fake.apiUrl`. It records every call, keeps the messages it was asked
 * to post (so a test can read what a message shows now) and each user's App Home tab
 * (`views.publish`, with the `hash` check Slack documents), serves the files it hands out, and can
 * be told to fail a method the ways Slack does.
 */

/** One recorded request. */
export interface FakeSlackCall {
  /** The Web API method (`chat.postMessage`), or `upload` / `download` / `response_url`. */
  readonly method: string;
  /** The body, parsed: form fields whose value is a JSON object or array come back decoded. */
  readonly args: Readonly<Record<string, unknown>>;
  /** The bearer token (from `Authorization`, else the body's `token`), or null. */
  readonly token: string | null;
  /** The request path, query included. */
  readonly path: string;
}

/** A message as the fake holds it after `chat.postMessage` and any `chat.update`s. */
export interface FakeSlackMessage {
  readonly channel: string;
  readonly ts: string;
  readonly threadTs: string | null;
  readonly text: string;
  readonly blocks: readonly unknown[];
  /** How many times `chat.update` replaced it. */
  readonly updates: number;
}

/** A user's App Home tab as the last `views.publish` left it. */
export interface FakeSlackHome {
  readonly user: string;
  readonly blocks: readonly unknown[];
  /** What Slack hands back as `view.hash`: a later publish naming another hash is refused. */
  readonly hash: string;
  /** How many times it was published. */
  readonly publishes: number;
}

/** An ephemeral message as the fake recorded it: its fallback text and its blocks. */
export interface FakeSlackEphemeral {
  readonly text: string;
  readonly blocks: unknown;
}

/** A modal the fake opened with `views.open`, as it holds it. */
export interface FakeSlackView {
  readonly id: string;
  readonly triggerId: string;
  /** The view payload as sent (`callback_id`, `private_metadata`, `blocks`, …). */
  readonly view: Readonly<Record<string, unknown>>;
}

/** A file a test uploaded with `files.uploadV2` (the three-step sequence). */
export interface FakeSlackUpload {
  readonly id: string;
  readonly filename: string;
  readonly title: string | null;
  readonly bytes: Uint8Array;
  readonly channel: string | null;
  readonly threadTs: string | null;
  readonly initialComment: string | null;
}

/** How a method fails. */
export type FakeSlackFailure =
  /** HTTP 429 with `Retry-After` (seconds). */
  | { readonly kind: 'ratelimited'; readonly retryAfterSeconds: number }
  /** HTTP 200 with `{ ok: false, error }` (`invalid_auth`, `channel_not_found`, …). */
  | { readonly kind: 'error'; readonly error: string };

/** How `registerFile` serves a file's download. */
export type FakeDownloadMode =
  /** The bytes (a login page when the request lacks a valid token, as Slack does). */
  | 'file'
  /** The bytes without `Content-Length` (chunked), so only reading the body shows its size. */
  | 'chunked'
  /** An HTML login page with HTTP 200, whatever the token. */
  | 'login-page'
  /** A 302 to another URL. */
  | { readonly redirectTo: string };

/** What `registerFile` needs besides the bytes. */
export interface FakeFileOptions {
  readonly name: string;
  readonly mimetype: string;
  /** Slack's short type (`json`, `zip`, `text`); default from the name's extension. */
  readonly filetype?: string;
  /** The size `files.info` reports; default the real byte length. */
  readonly size?: number;
  /** The `url_private_download` to hand out instead of the fake's own URL. */
  readonly downloadUrl?: string;
  readonly serve?: FakeDownloadMode;
  /** The download's `Content-Type`; default `mimetype`. */
  readonly contentType?: string;
}

/** A registered file: the id to share and the record `files.info` returns. */
export interface FakeSlackFile {
  readonly id: string;
  readonly record: Readonly<Record<string, unknown>>;
}

/** What `startFakeSlackApi` accepts. */
export interface FakeSlackApiOptions {
  /** Tokens that authenticate; default: any token that starts with `xox`. */
  readonly tokens?: readonly string[];
  readonly teamId?: string;
  readonly botUserId?: string;
}

/** A running fake. */
export interface FakeSlackApi {
  /** `http://127.0.0.1:<port>/api/`: pass as the WebClient's `slackApiUrl`. */
  readonly apiUrl: string;
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  readonly botUserId: string;
  /** Every call so far, oldest first; only those of `method` when given. */
  calls(method?: string): FakeSlackCall[];
  /** The ephemeral messages shown to `user` (`chat.postEphemeral`), oldest first. */
  ephemerals(user: string): FakeSlackEphemeral[];
  /** The message at `channel` + `ts`, or null. */
  message(channel: string, ts: string): FakeSlackMessage | null;
  /** Every message posted (not ephemeral ones), oldest first. */
  messages(): FakeSlackMessage[];
  /** `user`'s App Home tab as last published, or null when none was. */
  home(user: string): FakeSlackHome | null;
  /** Every modal opened with `views.open`, oldest first. */
  views(): FakeSlackView[];
  uploads(): FakeSlackUpload[];
  /** Makes a file downloadable and known to `files.info`. */
  registerFile(bytes: Uint8Array | string, options: FakeFileOptions): FakeSlackFile;
  /** A fresh `response_url`; posts to it are recorded as `response_url` calls. */
  responseUrl(): string;
  /** Sets a user's profile for `users.info`. */
  setUser(user: { readonly id: string; readonly name: string; readonly realName?: string }): void;
  /** Sets a user group's members for `usergroups.users.list`. */
  setUsergroup(id: string, users: readonly string[]): void;
  /** Makes `method` fail `times` times (every time when omitted), before it answers normally again. */
  fail(method: string, failure: FakeSlackFailure, times?: number): void;
  /** Forgets calls, messages, uploads and failures (registered files, users and groups stay). */
  reset(): void;
  stop(): Promise<void>;
}

type Json = Record<string, unknown>;

const LOGIN_PAGE =
  '<!DOCTYPE html><html lang="en"><head><title>Slack</title></head><body><form action="/signin">Sign in to your workspace</form></body></html>';

/** Starts the fake on a free port of 127.0.0.1. */
export async function startFakeSlackApi(options: FakeSlackApiOptions = {}): Promise<FakeSlackApi> {
  const state = new FakeState(options);
  const server = createServer((request, response) => {
    state.handle(request, response).catch((error: unknown) => {
      response.writeHead(500, { 'content-type': 'text/plain' });
      response.end(String(error));
    });
  });
  const port = await listen(server);
  state.origin = `http://127.0.0.1:${port}`;
  return {
    apiUrl: `${state.origin}/api/`,
    origin: state.origin,
    botUserId: state.botUserId,
    calls: (method) => state.calls.filter((call) => method === undefined || call.method === method),
    ephemerals: (user) =>
      state.calls
        .filter((call) => call.method === 'chat.postEphemeral' && call.args.user === user)
        .map((call) => ({ text: String(call.args.text), blocks: call.args.blocks ?? [] })),
    message: (channel, ts) => state.messages.get(messageKey(channel, ts)) ?? null,
    messages: () => [...state.messages.values()],
    home: (user) => state.homes.get(user) ?? null,
    views: () => [...state.views],
    uploads: () =>
      [...state.uploads.values()].filter((upload) => upload.completed).map(({ upload }) => upload),
    registerFile: (bytes, fileOptions) => state.registerFile(bytes, fileOptions),
    responseUrl: () => `${state.origin}/actions/R${state.nextId()}`,
    setUser: (user) => state.users.set(user.id, user),
    setUsergroup: (id, users) => state.usergroups.set(id, [...users]),
    fail: (method, failure, times) =>
      state.failures.set(method, { failure, remaining: times ?? Number.POSITIVE_INFINITY }),
    reset: () => state.reset(),
    stop: () => close(server),
  };
}

interface StoredFile {
  readonly bytes: Uint8Array;
  readonly record: Json;
  readonly serve: FakeDownloadMode;
  readonly contentType: string;
}

interface PendingUpload {
  upload: FakeSlackUpload;
  completed: boolean;
}

class FakeState {
  origin = '';
  readonly botUserId: string;
  readonly teamId: string;
  readonly calls: FakeSlackCall[] = [];
  readonly messages = new Map<string, FakeSlackMessage>();
  readonly homes = new Map<string, FakeSlackHome>();
  readonly views: FakeSlackView[] = [];
  /** Trigger ids already exchanged for a view: Slack takes each once. */
  readonly #exchanged = new Set<string>();
  readonly uploads = new Map<string, PendingUpload>();
  readonly files = new Map<string, StoredFile>();
  readonly users = new Map<
    string,
    { readonly id: string; readonly name: string; readonly realName?: string }
  >();
  readonly usergroups = new Map<string, string[]>();
  readonly failures = new Map<string, { failure: FakeSlackFailure; remaining: number }>();
  readonly #tokens: readonly string[] | null;
  #counter = 0;
  #clock = 1_700_000_000;

  constructor(options: FakeSlackApiOptions) {
    this.#tokens = options.tokens ?? null;
    this.teamId = options.teamId ?? 'T0FAKE0001';
    this.botUserId = options.botUserId ?? 'U0FAKEBOT1';
  }

  nextId(): string {
    this.#counter += 1;
    return String(this.#counter).padStart(8, '0');
  }

  reset(): void {
    this.calls.length = 0;
    this.messages.clear();
    this.homes.clear();
    this.views.length = 0;
    this.#exchanged.clear();
    this.uploads.clear();
    this.failures.clear();
  }

  registerFile(bytes: Uint8Array | string, options: FakeFileOptions): FakeSlackFile {
    const data = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
    const id = `F${this.nextId()}`;
    const ownUrl = `${this.origin}/files-pri/${this.teamId}-${id}/download/${encodeURIComponent(options.name)}`;
    const record: Json = {
      id,
      name: options.name,
      title: options.name,
      mimetype: options.mimetype,
      filetype: options.filetype ?? extensionOf(options.name),
      size: options.size ?? data.byteLength,
      mode: 'hosted',
      is_external: false,
      url_private: ownUrl.replace('/download/', '/'),
      url_private_download: options.downloadUrl ?? ownUrl,
    };
    this.files.set(id, {
      bytes: data,
      record,
      serve: options.serve ?? 'file',
      contentType: options.contentType ?? options.mimetype,
    });
    return { id, record };
  }

  async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', this.origin);
    const body = await readBody(request);
    const token = bearerOf(request);
    if (url.pathname.startsWith('/api/')) {
      const method = url.pathname.slice('/api/'.length);
      const args = await parseBody(body, request.headers['content-type']);
      this.record(method, args, token ?? stringField(args, 'token'), url);
      this.#answerApi(method, args, token ?? stringField(args, 'token'), response);
      return;
    }
    if (url.pathname.startsWith('/upload/')) {
      this.record('upload', {}, token, url);
      await this.#receiveUpload(
        url.pathname.slice('/upload/'.length),
        body,
        request.headers['content-type'],
        response,
      );
      return;
    }
    if (url.pathname.startsWith('/files-pri/')) {
      this.record('download', {}, token, url);
      this.#serveDownload(url.pathname, token, response);
      return;
    }
    if (url.pathname.startsWith('/actions/')) {
      this.record('response_url', await parseBody(body, request.headers['content-type']), token, url);
      sendJson(response, 200, { ok: true });
      return;
    }
    response.writeHead(404, { 'content-type': 'text/plain' });
    response.end('not found');
  }

  record(method: string, args: Json, token: string | null, url: URL): void {
    this.calls.push({ method, args, token, path: `${url.pathname}${url.search}` });
  }

  #answerApi(method: string, args: Json, token: string | null, response: ServerResponse): void {
    const failure = this.#takeFailure(method);
    if (failure?.kind === 'ratelimited') {
      response.writeHead(429, {
        'content-type': 'application/json',
        'retry-after': String(failure.retryAfterSeconds),
      });
      response.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
      return;
    }
    sendJson(
      response,
      200,
      failure === null ? this.#answer(method, args, token) : { ok: false, error: failure.error },
    );
  }

  #answer(method: string, args: Json, token: string | null): Json {
    if (token === null) return { ok: false, error: 'not_authed' };
    if (!this.#isValidToken(token)) return { ok: false, error: 'invalid_auth' };
    const answer = this.#methods[method];
    return answer === undefined ? { ok: false, error: 'unknown_method' } : answer(args);
  }

  #takeFailure(method: string): FakeSlackFailure | null {
    const entry = this.failures.get(method);
    if (entry === undefined || entry.remaining <= 0) return null;
    entry.remaining -= 1;
    return entry.failure;
  }

  #isValidToken(token: string): boolean {
    return this.#tokens === null ? token.startsWith('xox') : this.#tokens.includes(token);
  }

  #nextTs(): string {
    this.#clock += 1;
    return `${this.#clock}.${this.nextId().slice(2)}`;
  }

  readonly #methods: Readonly<Record<string, (args: Json) => Json>> = {
    'auth.test': () => ({
      ok: true,
      url: `${this.origin}/`,
      team: 'Fake Team',
      user: 'flowgate',
      team_id: this.teamId,
      user_id: this.botUserId,
      bot_id: 'B0FAKEBOT1',
    }),
    'chat.postMessage': (args) => {
      const channel = stringField(args, 'channel') ?? '';
      const ts = this.#nextTs();
      const message: FakeSlackMessage = {
        channel,
        ts,
        threadTs: stringField(args, 'thread_ts'),
        text: stringField(args, 'text') ?? '',
        blocks: arrayField(args, 'blocks'),
        updates: 0,
      };
      this.messages.set(messageKey(channel, ts), message);
      return { ok: true, channel, ts, message: { type: 'message', text: message.text, ts } };
    },
    'chat.update': (args) => {
      const channel = stringField(args, 'channel') ?? '';
      const ts = stringField(args, 'ts') ?? '';
      const current = this.messages.get(messageKey(channel, ts));
      if (current === undefined) return { ok: false, error: 'message_not_found' };
      const updated: FakeSlackMessage = {
        ...current,
        text: stringField(args, 'text') ?? current.text,
        blocks: 'blocks' in args ? arrayField(args, 'blocks') : current.blocks,
        updates: current.updates + 1,
      };
      this.messages.set(messageKey(channel, ts), updated);
      return { ok: true, channel, ts, text: updated.text };
    },
    'chat.postEphemeral': () => ({ ok: true, message_ts: this.#nextTs() }),
    'views.open': (args) => this.#openView(args),
    'chat.getPermalink': (args) => {
      const channel = stringField(args, 'channel') ?? '';
      const ts = stringField(args, 'message_ts') ?? '';
      if (!this.messages.has(messageKey(channel, ts))) return { ok: false, error: 'message_not_found' };
      return {
        ok: true,
        channel,
        permalink: `${this.origin}/archives/${channel}/p${ts.replace('.', '')}`,
      };
    },
    'views.update': () => ({ ok: true, view: { id: `V${this.nextId()}` } }),
    'views.publish': (args) => this.#publishHome(args),
    'files.info': (args) => {
      const file = this.files.get(stringField(args, 'file') ?? '');
      return file === undefined ? { ok: false, error: 'file_not_found' } : { ok: true, file: file.record };
    },
    'conversations.info': (args) => {
      const id = stringField(args, 'channel') ?? '';
      return {
        ok: true,
        channel: { id, name: `channel-${id.toLowerCase()}`, is_channel: true, is_member: true },
      };
    },
    'users.info': (args) => {
      const id = stringField(args, 'user') ?? '';
      const user = this.users.get(id);
      if (user === undefined) return { ok: false, error: 'user_not_found' };
      const realName = user.realName ?? user.name;
      return {
        ok: true,
        user: {
          id,
          name: user.name,
          real_name: realName,
          profile: { display_name: user.name, real_name: realName },
        },
      };
    },
    'usergroups.users.list': (args) => {
      const users = this.usergroups.get(stringField(args, 'usergroup') ?? '');
      return users === undefined ? { ok: false, error: 'no_such_subteam' } : { ok: true, users };
    },
    'files.getUploadURLExternal': (args) => {
      const id = `F${this.nextId()}`;
      const filename = stringField(args, 'filename') ?? 'file';
      this.uploads.set(id, {
        completed: false,
        upload: {
          id,
          filename,
          title: null,
          bytes: new Uint8Array(),
          channel: null,
          threadTs: null,
          initialComment: null,
        },
      });
      return { ok: true, upload_url: `${this.origin}/upload/${id}`, file_id: id };
    },
    'files.completeUploadExternal': (args) => this.#completeUploads(args),
  };

  /**
   * `views.publish` as Slack documents it: a `user_id`, a `view` of type `home` with at most 100
   * blocks, and an optional `hash` that must match the tab's current one (`hash_conflict`).
   */
  #publishHome(args: Json): Json {
    const user = stringField(args, 'user_id') ?? '';
    const view = isRecord(args.view) ? args.view : null;
    if (!/^[UW][A-Z0-9]+$/.test(user))
      return {
        ok: false,
        error: 'invalid_arguments',
        response_metadata: { messages: ['invalid `user_id`'] },
      };
    if (view === null || view.type !== 'home' || !Array.isArray(view.blocks) || view.blocks.length > 100)
      return { ok: false, error: 'invalid_arguments' };
    const current = this.homes.get(user);
    const hash = stringField(args, 'hash');
    if (hash !== null && current !== undefined && hash !== current.hash)
      return { ok: false, error: 'hash_conflict' };
    const published: FakeSlackHome = {
      user,
      blocks: view.blocks,
      hash: `${this.#nextTs()}`,
      publishes: (current?.publishes ?? 0) + 1,
    };
    this.homes.set(user, published);
    return {
      ok: true,
      view: { id: `V${this.nextId()}`, type: 'home', blocks: view.blocks, hash: published.hash },
    };
  }

  /**
   * `views.open` as Slack documents it: `view` is required, and so is one of `trigger_id` or
   * `interactivity_pointer`; a trigger is exchanged once (`exchanged_trigger_id` after). The
   * answer holds the view with its new id and empty state.
   */
  #openView(args: Json): Json {
    const view = args.view;
    const trigger = stringField(args, 'trigger_id') ?? stringField(args, 'interactivity_pointer');
    if (!isRecord(view) || trigger === null) return { ok: false, error: 'invalid_arguments' };
    if (this.#exchanged.has(trigger)) return { ok: false, error: 'exchanged_trigger_id' };
    this.#exchanged.add(trigger);
    const id = `V${this.nextId()}`;
    this.views.push({ id, triggerId: trigger, view });
    return { ok: true, view: { ...view, id, team_id: this.teamId, state: { values: {} } } };
  }

  #completeUploads(args: Json): Json {
    const files = args.files;
    if (!Array.isArray(files)) return { ok: false, error: 'invalid_arguments' };
    const done: Json[] = [];
    for (const entry of files) {
      const id = isRecord(entry) && typeof entry.id === 'string' ? entry.id : '';
      const pending = this.uploads.get(id);
      if (pending === undefined) return { ok: false, error: 'file_not_found' };
      const title = isRecord(entry) && typeof entry.title === 'string' ? entry.title : null;
      pending.upload = {
        ...pending.upload,
        title,
        channel: stringField(args, 'channel_id'),
        threadTs: stringField(args, 'thread_ts'),
        initialComment: stringField(args, 'initial_comment'),
      };
      pending.completed = true;
      done.push({ id, name: pending.upload.filename, title: title ?? pending.upload.filename });
    }
    return { ok: true, files: done };
  }

  async #receiveUpload(
    id: string,
    body: Buffer,
    contentType: string | undefined,
    response: ServerResponse,
  ): Promise<void> {
    const pending = this.uploads.get(id);
    if (pending === undefined) {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('unknown upload');
      return;
    }
    const bytes = await uploadedBytes(body, contentType);
    pending.upload = { ...pending.upload, bytes };
    response.writeHead(200, { 'content-type': 'text/plain' });
    response.end(`OK - ${bytes.byteLength}`);
  }

  #serveDownload(pathname: string, token: string | null, response: ServerResponse): void {
    const id = /^\/files-pri\/[^/]+-(F\w+)\//.exec(pathname)?.[1];
    const file = id === undefined ? undefined : this.files.get(id);
    if (file === undefined) {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('not found');
      return;
    }
    const { serve } = file;
    if (typeof serve === 'object') {
      response.writeHead(302, { location: serve.redirectTo });
      response.end();
      return;
    }
    // Slack answers an unauthenticated download with its sign-in page and HTTP 200.
    if (serve === 'login-page' || token === null || !this.#isValidToken(token)) {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(LOGIN_PAGE);
      return;
    }
    const headers: Record<string, string> = { 'content-type': file.contentType };
    if (serve === 'file') headers['content-length'] = String(file.bytes.byteLength);
    response.writeHead(200, headers);
    response.end(file.bytes);
  }
}

function messageKey(channel: string, ts: string): string {
  return `${channel}:${ts}`;
}

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? 'binary' : name.slice(dot + 1).toLowerCase();
}

function bearerOf(request: IncomingMessage): string | null {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : null;
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks);
}

/** Form bodies (what the WebClient sends), multipart (uploads) and JSON (response_url). */
async function parseBody(body: Buffer, contentType: string | undefined): Promise<Json> {
  const type = contentType ?? '';
  if (body.byteLength === 0) return {};
  if (type.startsWith('application/json')) {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    return isRecord(parsed) ? parsed : { value: parsed };
  }
  if (type.startsWith('multipart/form-data')) {
    const form = await new Response(body, { headers: { 'content-type': type } }).formData();
    const fields: Json = {};
    for (const [key, value] of form) fields[key] = typeof value === 'string' ? decodeField(value) : value;
    return fields;
  }
  const fields: Json = {};
  for (const [key, value] of new URLSearchParams(body.toString('utf8'))) fields[key] = decodeField(value);
  return fields;
}

/** The WebClient JSON-encodes object and array arguments inside its form bodies. */
function decodeField(value: string): unknown {
  if (!value.startsWith('{') && !value.startsWith('[')) return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

/** The WebClient posts the bytes as a multipart field; other clients post them raw. */
async function uploadedBytes(body: Buffer, contentType: string | undefined): Promise<Uint8Array> {
  if (!contentType?.startsWith('multipart/form-data')) return new Uint8Array(body);
  const form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
  for (const [, value] of form) {
    if (typeof value !== 'string') return new Uint8Array(await value.arrayBuffer());
  }
  return new Uint8Array();
}

function sendJson(response: ServerResponse, status: number, body: Json): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringField(args: Json, key: string): string | null {
  const value = args[key];
  return typeof value === 'string' ? value : null;
}

function arrayField(args: Json, key: string): unknown[] {
  const value = args[key];
  return Array.isArray(value) ? value : [];
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
}
