import type { InteractionJob } from '../../../app/jobs.js';
import { loadReport, saveReport } from '../../../app/reportRecord.js';
import { importReportView } from '../../../app/views.js';
import { ACTION_IDS, decodeActionValue } from '../../../blocks/actionIds.js';
import { buildImportReport } from '../../../blocks/importReport.js';
import { buildDiscardedMessage, buildDiscardedNote } from '../../../blocks/messages.js';
import { requireRole } from '../../../core/access.js';
import { parseFlowKey } from '../../../core/versions/flowKey.js';
import type { JobContext } from '../workerDeps.js';
import { clickedReport } from './message.js';
import { answeredStale } from './versionNow.js';

/**
 * Discard (import report): the message stops offering the flow for publishing. Nothing is
 * deleted: versions are immutable and stay in the history. The other flows of a zip's report
 * stay, with a note in the thread; a report left with nothing says it was discarded.
 */
export async function discardImport(ctx: JobContext<InteractionJob>): Promise<void> {
  const { service, messenger } = ctx.deps;
  const { env, flow, version } = decodeActionValue(ACTION_IDS.discardImport, ctx.job.value);
  requireRole(service.config, await ctx.actor(), 'editor', `discard imports in ${env}`);
  const label = `${parseFlowKey(flow)?.name ?? flow} v${version}`;
  // Only the report flowgate posted for this flow: a payload naming any other message is refused.
  const message = await clickedReport(ctx, { env, flow, version });
  if (await answeredStale(ctx, 'discard', { env, flow, version })) return;
  const shown = await loadReport(service.files, message);
  const rest = shown?.flows.filter((f) => f.flowKey !== flow && f.version !== null) ?? [];
  if (shown === null || rest.length === 0) {
    await messenger.update(message, buildDiscardedMessage([label], ctx.job.user, env));
    // Nothing left to show: state changes of the flow leave the discarded message as it is.
    if (shown !== null) await saveReport(service.files, message, { ...shown, flows: [] });
    return;
  }
  const content = { ...shown, flows: rest };
  await messenger.update(
    message,
    buildImportReport(await importReportView(service, content, ctx.deps.reportLink ?? null)),
  );
  await saveReport(service.files, message, content);
  const note = buildDiscardedNote(label, ctx.job.user, env);
  await messenger.post(ctx.job.channel, note, ctx.job.threadTs ?? message.ts);
}
