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

/** Remembers what the report message at `message` shows, and that it shows each of its flows. */
export async function saveReport(
  files: FileStore,
  message: SlackMessageRef,
  content: ReportContent,
): Promise<void> {
  await putJson(files, keyOf(message), content);
  for (const flow of content.flows) {
    if (flow.flowKey !== null && flow.version !== null)
      await indexReport(files, content.env, flow.flowKey, message);
  }
}

/**
 * The newest report messages of each flow are kept (by flow, newest first), so a change of a
 * version's state updates where it is shown; older ones answer a click from the current state.
 */
const KEPT_REPORTS = 10;

const flowReportsSchema = z.array(z.object({ channel: z.string().min(1), ts: z.string().min(1) }));

function flowReportsKey(env: string, flowKey: string): string {
  return `slack/flow-reports/${encodeURIComponent(env)}/${encodeURIComponent(flowKey)}.json`;
}

async function indexReport(
  files: FileStore,
  env: string,
  flowKey: string,
  message: SlackMessageRef,
): Promise<void> {
  const known = await reportsOfFlow(files, env, flowKey);
  const others = known.filter((m) => m.channel !== message.channel || m.ts !== message.ts);
  const kept = [{ channel: message.channel, ts: message.ts }, ...others].slice(0, KEPT_REPORTS);
  await putJson(files, flowReportsKey(env, flowKey), kept);
}

/** The report messages that show a version of `flowKey` in `env`, newest first (the last ten). */
export async function reportsOfFlow(
  files: FileStore,
  env: string,
  flowKey: string,
): Promise<SlackMessageRef[]> {
  return (await getJson(files, flowReportsKey(env, flowKey), flowReportsSchema)) ?? [];
}

/** What the report message at `message` shows, or null when it was not recorded (or is unreadable). */
export async function loadReport(files: FileStore, message: SlackMessageRef): Promise<ReportContent | null> {
  return getJson(files, keyOf(message), contentSchema);
}
