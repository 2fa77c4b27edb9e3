import type { Block, HomeView, KnownBlock, View } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import { FlowgateError } from '../../core/errors.js';
import { toSlackApiError } from './slackErrors.js';

/** Blocks as the Web API takes them. */
export type SlackBlocks = readonly (KnownBlock | Block)[];

/** A message to post or to replace one with. `text` is the notification and screen-reader fallback. */
export interface SlackMessageContent {
  readonly text: string;
  readonly blocks?: SlackBlocks;
}

/** Where a posted message lives: what `update` needs. */
export interface SlackMessageRef {
  readonly channel: string;
  readonly ts: string;
}

/** A file to put in a thread. */
export interface SlackFileUpload {
  readonly channel: string;
  /** The message whose thread gets the file (post the message first: the upload's `shares` arrive late). */
  readonly threadTs: string;
  readonly filename: string;
  readonly content: Uint8Array | string;
  readonly title?: string;
  readonly initialComment?: string;
}

/** A reply through an interaction's `response_url` (valid 30 minutes, 5 uses). */
export interface SlackResponse extends SlackMessageContent {
  /** Replace the message the interaction came from (works on ephemeral messages too). */
  readonly replaceOriginal?: boolean;
  readonly deleteOriginal?: boolean;
  readonly responseType?: 'ephemeral' | 'in_channel';
}

/** What `SlackMessenger` needs. */
export interface SlackMessengerOptions {
  /** The bot's client (`createWebClient`): the worker's retries or a listener's fail-fast. */
  readonly client: WebClient;
  /** For `respond`; the global `fetch` when unset. */
  readonly fetch?: typeof fetch;
}

const postedSchema = z.object({ channel: z.string(), ts: z.string() });
const viewOpenedSchema = z.object({ view: z.object({ id: z.string() }) });
const usergroupSchema = z.object({ users: z.array(z.string()) });
const permalinkSchema = z.object({ permalink: z.string().url() });
const uploadedSchema = z.object({
  files: z.array(z.object({ files: z.array(z.object({ id: z.string() })).optional() })),
});

/**
 * The Slack calls the worker makes, over one `WebClient`: post a message, update it in place
 * (one message per job rather than many: `chat.postMessage` allows about one per second per
 * channel), ephemeral notices, modals, files in threads, and `response_url` replies. Failures
 * become `SlackApiError`s (`slack-rate-limited` carries `retryAfterSeconds`).
 */
export class SlackMessenger {
  readonly #client: WebClient;
  readonly #fetch: typeof fetch;

  constructor(options: SlackMessengerOptions) {
    this.#client = options.client;
    this.#fetch = options.fetch ?? globalThis.fetch;
  }

  /** Posts a message to a channel (in a thread when `threadTs` is given) and says where it is. */
  async post(channel: string, content: SlackMessageContent, threadTs?: string): Promise<SlackMessageRef> {
    const result = await this.#call('chat.postMessage', () =>
      this.#client.chat.postMessage({
        channel,
        text: content.text,
        ...blocksOf(content),
        ...(threadTs === undefined ? {} : { thread_ts: threadTs }),
      }),
    );
    return parseResult('chat.postMessage', postedSchema, result);
  }

  /** Replaces a message this bot posted. */
  async update(message: SlackMessageRef, content: SlackMessageContent): Promise<void> {
    await this.#call('chat.update', () =>
      this.#client.chat.update({
        channel: message.channel,
        ts: message.ts,
        text: content.text,
        ...blocksOf(content),
      }),
    );
  }

  /** A link to a message (`chat.getPermalink`), to point at it from another message. */
  async permalink(message: SlackMessageRef): Promise<string> {
    const result = await this.#call('chat.getPermalink', () =>
      this.#client.chat.getPermalink({ channel: message.channel, message_ts: message.ts }),
    );
    return parseResult('chat.getPermalink', permalinkSchema, result).permalink;
  }

  /** Shows a message to one user only (usage, refusals, "you can't approve this"). */
  async postEphemeral(
    channel: string,
    user: string,
    content: SlackMessageContent,
    threadTs?: string,
  ): Promise<void> {
    await this.#call('chat.postEphemeral', () =>
      this.#client.chat.postEphemeral({
        channel,
        user,
        text: content.text,
        ...blocksOf(content),
        ...(threadTs === undefined ? {} : { thread_ts: threadTs }),
      }),
    );
  }

  /** Opens a modal; `triggerId` comes from the interaction and lasts 3 seconds. Returns the view id. */
  async openView(triggerId: string, view: View): Promise<string> {
    const result = await this.#call('views.open', () =>
      this.#client.views.open({ trigger_id: triggerId, view }),
    );
    return parseResult('views.open', viewOpenedSchema, result).view.id;
  }

  /**
   * Publishes `user`'s App Home tab (`views.publish`). With `hash` (the tab's state as Slack last
   * sent it, in `app_home_opened`), Slack answers `hash_conflict` when the tab was published again
   * since: this rejects with a `SlackApiError` whose `slackError` says so.
   */
  async publishHome(user: string, view: HomeView, hash?: string): Promise<void> {
    await this.#call('views.publish', () =>
      this.#client.views.publish({ user_id: user, view, ...(hash === undefined ? {} : { hash }) }),
    );
  }

  /** Uploads a file into a message's thread (`files.uploadV2`); returns the file id. */
  async uploadFile(upload: SlackFileUpload): Promise<string> {
    const content =
      typeof upload.content === 'string' ? Buffer.from(upload.content, 'utf8') : Buffer.from(upload.content);
    const result = await this.#call('files.uploadV2', () =>
      this.#client.filesUploadV2({
        channel_id: upload.channel,
        thread_ts: upload.threadTs,
        filename: upload.filename,
        file: content,
        ...(upload.title === undefined ? {} : { title: upload.title }),
        ...(upload.initialComment === undefined ? {} : { initial_comment: upload.initialComment }),
      }),
    );
    const id = parseResult('files.uploadV2', uploadedSchema, result).files[0]?.files?.[0]?.id;
    if (id === undefined)
      throw new FlowgateError('slack-api-failed', 'Slack files.uploadV2 returned no file id');
    return id;
  }

  /** The members of a user group (approver groups in the roles). */
  async usergroupMembers(usergroup: string): Promise<readonly string[]> {
    const result = await this.#call('usergroups.users.list', () =>
      this.#client.usergroups.users.list({ usergroup }),
    );
    return parseResult('usergroups.users.list', usergroupSchema, result).users;
  }

  /** Answers through an interaction's `response_url` (no token: the URL is the credential). */
  async respond(responseUrl: string, response: SlackResponse): Promise<void> {
    const body = {
      text: response.text,
      ...blocksOf(response),
      ...(response.replaceOriginal === undefined ? {} : { replace_original: response.replaceOriginal }),
      ...(response.deleteOriginal === undefined ? {} : { delete_original: response.deleteOriginal }),
      ...(response.responseType === undefined ? {} : { response_type: response.responseType }),
    };
    let answer: Response;
    try {
      answer = await this.#fetch(responseUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify(body),
        redirect: 'error',
      });
    } catch (error) {
      throw new FlowgateError(
        'slack-api-failed',
        `Slack response_url could not be reached: ${String(error)}`,
        {
          cause: error,
        },
      );
    }
    // Drain the body so the connection is released; Slack answers plain `ok` or a JSON error.
    const text = await answer.text();
    if (!answer.ok)
      throw new FlowgateError(
        'slack-api-failed',
        `Slack response_url answered HTTP ${answer.status}: ${text.slice(0, 200)}`,
      );
  }

  async #call<T>(method: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw toSlackApiError(method, error);
    }
  }
}

function blocksOf(content: SlackMessageContent): { blocks?: (KnownBlock | Block)[] } {
  return content.blocks === undefined ? {} : { blocks: [...content.blocks] };
}

function parseResult<T>(method: string, schema: z.ZodType<T>, result: unknown): T {
  const parsed = schema.safeParse(result);
  if (!parsed.success)
    throw new FlowgateError(
      'slack-api-failed',
      `Slack ${method} answered in an unexpected shape: ${parsed.error.message}`,
    );
  return parsed.data;
}
