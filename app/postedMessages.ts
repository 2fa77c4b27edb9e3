import { z } from 'zod';
import type { SlackMessageRef } from '../adapters/slack/SlackMessenger.js';
import type { FileStore } from '../core/ports.js';
import { getJson, putJson } from './jsonFiles.js';
import { loadReport } from './reportRecord.js';

/**
 * The messages flowgate posted that carry buttons, kept in the FileStore by channel and ts (and
 * a publish request's by its id): a click names the message it came from (`container`), and only
 * a message flowgate posted for that very import, picker or request may be changed by it. A
 * payload claiming another message (any ts the bot ever posted) is refused, never `chat.update`d.
 * Import reports are kept by `reportRecord.ts`; this file keeps the other two kinds.
 */

const postedSchema = z.discriminatedUnion('kind', [
  /** The question "which environment?" for a file shared in an unbound channel. */
  z.object({ kind: z.literal('environment-picker'), file: z.string().min(1) }),
  /** A publish request (pending, then decided in place). */
  z.object({ kind: z.literal('request'), request: z.string().min(1) }),
]);

/** What flowgate posted at a channel and ts (other than an import report). */
export type PostedMessage = z.infer<typeof postedSchema>;

const messageRefSchema = z.object({ channel: z.string().min(1), ts: z.string().min(1) });

function messageKey(message: SlackMessageRef): string {
  return `slack/messages/${encodeURIComponent(message.channel)}/${encodeURIComponent(message.ts)}.json`;
}

function requestKey(id: string): string {
  return `slack/requests/${encodeURIComponent(id)}.json`;
}

/** Remembers that `message` asks which environment to import Slack file `file` into. */
export async function saveEnvironmentPicker(
  files: FileStore,
  message: SlackMessageRef,
  file: string,
): Promise<void> {
  await putJson(files, messageKey(message), { kind: 'environment-picker', file } satisfies PostedMessage);
}

/** Remembers that `message` is publish request `request`'s (both ways: by message and by request). */
export async function saveRequestMessage(
  files: FileStore,
  message: SlackMessageRef,
  request: string,
): Promise<void> {
  await putJson(files, messageKey(message), { kind: 'request', request } satisfies PostedMessage);
  await putJson(files, requestKey(request), { channel: message.channel, ts: message.ts });
}

/** What flowgate posted at `message`, or null when it posted nothing there it keeps (or nothing at all). */
export async function postedAt(files: FileStore, message: SlackMessageRef): Promise<PostedMessage | null> {
  return getJson(files, messageKey(message), postedSchema);
}

/** The message flowgate posted for publish request `request`, or null when none was recorded. */
export async function requestMessageOf(files: FileStore, request: string): Promise<SlackMessageRef | null> {
  return getJson(files, requestKey(request), messageRefSchema);
}

/** True when `a` and `b` are the same message. */
export function isSameMessage(a: SlackMessageRef | null, b: SlackMessageRef | null): boolean {
  return a !== null && b !== null && a.channel === b.channel && a.ts === b.ts;
}

/**
 * True when `message` is an import report flowgate posted into `env` that shows `flow` (at
 * `version`, when given): a button for that flow can only have come from it.
 */
export async function isReportOf(
  files: FileStore,
  message: SlackMessageRef | null,
  shows: { readonly env: string; readonly flow: string; readonly version?: number },
): Promise<boolean> {
  if (message === null) return false;
  const report = await loadReport(files, message);
  if (report === null || report.env !== shows.env) return false;
  return report.flows.some(
    (f) => f.flowKey === shows.flow && (shows.version === undefined || f.version === shows.version),
  );
}
