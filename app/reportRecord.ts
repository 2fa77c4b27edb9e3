import { z } from 'zod';
import { diagnosticSchema } from '../adapters/dynamo/itemSchemas.js';
import type { SlackMessageRef } from '../adapters/slack/SlackMessenger.js';
import type { ReportContent } from '../blocks/views.js';
import type { FileStore } from '../core/ports.js';
import { getJson, putJson } from './jsonFiles.js';

/**
 * What an import report message shows, kept in the FileStore under the message's channel and
 * ts: a choice made in the message, or a Discard, rebuilds the whole message (every flow of a
 * zip, not only the one clicked) without reading Slack's history.
 */

const contentSchema = z.object({
  env: z.string().min(1),
  actor: z.string(),
  flows: z.array(
    z.object({
      file: z.string(),
      name: z.string(),
      flowKey: z.string().nullable(),
      version: z.number().int().positive().nullable(),
      created: z.boolean(),
      diagnostics: z.array(diagnosticSchema),
    }),
  ),
});

function keyOf(message: SlackMessageRef): string {
  return `slack/reports/${encodeURIComponent(message.channel)}/${encodeURIComponent(message.ts)}.json`;
}

/** Remembers what the report message at `message` shows. */
export async function saveReport(
  files: FileStore,
  message: SlackMessageRef,
  content: ReportContent,
): Promise<void> {
  await putJson(files, keyOf(message), content);
}

/** What the report message at `message` shows, or null when it was not recorded (or is unreadable). */
export async function loadReport(files: FileStore, message: SlackMessageRef): Promise<ReportContent | null> {
  return getJson(files, keyOf(message), contentSchema);
}
