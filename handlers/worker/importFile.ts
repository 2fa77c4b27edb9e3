import type { SlackFile } from '../../adapters/slack/SlackFileSource.js';
import type { SlackMessageRef } from '../../adapters/slack/SlackMessenger.js';
import { SlackFileError } from '../../adapters/slack/slackErrors.js';
import { postFlowPictures } from '../../app/flowPicture.js';
import { importUploads } from '../../app/importUploads.js';
import type { ImportFileJob, InteractionJob } from '../../app/jobs.js';
import { saveEnvironmentPicker } from '../../app/postedMessages.js';
import { saveReport } from '../../app/reportRecord.js';
import { importReportView } from '../../app/views.js';
import { buildEnvironmentPicker } from '../../blocks/environmentPicker.js';
import { buildFullReportText } from '../../blocks/fullReportText.js';
import { buildImportReport } from '../../blocks/importReport.js';
import type { SlackMessage } from '../../blocks/limits.js';
import { buildProblem } from '../../blocks/messages.js';
import { reportContentOf } from '../../blocks/views.js';
import { requireRole } from '../../core/access.js';
import type { Actor } from '../../core/config.js';
import { FlowFileError } from '../../core/errors.js';
import type { ImportResult } from '../../core/service/importFlows.js';
import { threadOf } from './replies.js';
import { type JobContext, refreshReportsOf } from './workerDeps.js';

/** Where an import's report goes: a new message, or in place of the message the choice came from. */
export interface ImportPlace {
  readonly env: string;
  readonly fileId: string;
  /** The environment picker the user answered: the report replaces it. Null: post a new message. */
  readonly replace: SlackMessageRef | null;
}

/**
 * A flow file (or zip of flows) shared in a channel. Bound channel: import it there. Unbound:
 * ask which environment with buttons (the answer comes back as an interaction).
 */
export async function processImportFile(ctx: JobContext<ImportFileJob>): Promise<void> {
  const { job } = ctx;
  if (job.env === null) {
    await askEnvironment(ctx, job.fileId);
    return;
  }
  await importSharedFile(ctx, { env: job.env, fileId: job.fileId, replace: null });
}

async function askEnvironment(ctx: JobContext<ImportFileJob>, fileId: string): Promise<void> {
  const { service, messenger } = ctx.deps;
  requireRole(service.config, await ctx.actor(), 'editor', 'import flows');
  // Downloaded now for its name, and so a file that cannot be imported is said so before anyone chooses.
  const file = await download(ctx, fileId, null);
  if (file === null) return;
  const picker = buildEnvironmentPicker({
    fileId,
    fileName: file.name,
    environments: Object.keys(service.config.environments),
  });
  const question = await messenger.post(ctx.job.channel, picker, threadOf(ctx));
  // Its buttons may replace this message only (see interactions/message.ts).
  await saveEnvironmentPicker(service.files, question, fileId);
}

/**
 * Downloads the file, imports its flows as the Slack user, posts the import report (or puts it
 * in place of the environment picker) and the full report as a file in its thread. What the
 * report message shows is remembered, so choices made in it can rebuild it.
 */
export async function importSharedFile(
  ctx: JobContext<ImportFileJob | InteractionJob>,
  place: ImportPlace,
): Promise<void> {
  const { service, messenger } = ctx.deps;
  const actor = await ctx.actor();
  requireRole(service.config, actor, 'editor', `import flows into ${place.env}`);
  const file = await download(ctx, place.fileId, place.replace);
  if (file === null) return;
  const result = await importShared(ctx, place, file, actor);
  if (result === null) return;
  const unreadable = unreadableProblem(file, result);
  if (unreadable !== null) {
    await show(ctx, place.replace, unreadable);
    return;
  }
  const content = reportContentOf(result, actor.id);
  const view = await importReportView(service, content, ctx.deps.reportLink ?? null);
  const report = await show(ctx, place.replace, buildImportReport(view));
  await saveReport(service.files, report, content);
  // The flows' earlier reports now show their versions superseded by this import.
  const flowKeys = content.flows.flatMap((f) => (f.flowKey === null || !f.created ? [] : [f.flowKey]));
  await refreshReportsOf(ctx, place.env, flowKeys, report);
  await messenger.uploadFile({
    channel: report.channel,
    threadTs: threadOf(ctx) ?? report.ts,
    filename: `flowgate-import-${place.env}.md`,
    title: `Import of ${file.name} into ${place.env}: full report`,
    content: buildFullReportText(view),
  });
  await postFlowPictures(messenger, ctx.deps.picture, report.channel, threadOf(ctx) ?? report.ts, result);
}

/** The file, or null after telling the channel why it cannot be imported. */
async function download(
  ctx: JobContext,
  fileId: string,
  replace: SlackMessageRef | null,
): Promise<SlackFile | null> {
  try {
    return await ctx.deps.files.download(fileId);
  } catch (error) {
    if (!(error instanceof SlackFileError)) throw error;
    await show(ctx, replace, buildProblem(`${error.message}; nothing was imported`, error.hint));
    return null;
  }
}

/** The shared file imported, or null after telling the channel why nothing could be. */
async function importShared(
  ctx: JobContext,
  place: ImportPlace,
  file: SlackFile,
  actor: Actor,
): Promise<ImportResult | null> {
  try {
    const { result } = await importUploads(
      { service: ctx.deps.service, log: ctx.deps.log },
      { env: place.env, uploads: [{ name: file.name, bytes: file.bytes }], actor, channel: 'slack' },
    );
    return result;
  } catch (error) {
    if (!(error instanceof FlowFileError)) throw error;
    await show(ctx, place.replace, buildProblem(error.message, error.hint));
    return null;
  }
}

/**
 * When no file of the import could be read as a flow, the problem with the first one, naming the
 * shared file (a report of nothing but unreadable files helps nobody); otherwise null.
 */
function unreadableProblem(file: SlackFile, result: ImportResult): SlackMessage | null {
  if (result.flows.some((f) => f.flowKey !== null)) return null;
  const first = result.flows[0]?.analysis.diagnostics.find((d) => d.severity === 'error');
  const what =
    result.flows.length > 1 ? `None of the ${result.flows.length} files in ${file.name}` : file.name;
  return buildProblem(
    `${what} could not be read as an Amazon Connect flow; nothing was imported${first === undefined ? '' : `: ${first.message}`}`,
    first?.hint ?? 'Export the flow from the Amazon Connect flow designer and share that file.',
  );
}

/** Posts `message` in the job's channel (and thread), or puts it in place of `replace`. */
async function show(
  ctx: JobContext,
  replace: SlackMessageRef | null,
  message: SlackMessage,
): Promise<SlackMessageRef> {
  if (replace === null) return ctx.deps.messenger.post(ctx.job.channel, message, threadOf(ctx));
  await ctx.deps.messenger.update(replace, message);
  return replace;
}
