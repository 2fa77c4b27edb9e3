import type { InteractionJob } from '../../../app/jobs.js';
import { ACTION_IDS, decodeActionValue } from '../../../blocks/actionIds.js';
import { buildDiffMessage } from '../../../blocks/messages.js';
import { diffVersions } from '../../../core/service/diffVersions.js';
import type { JobContext } from '../workerDeps.js';
import { clickedReport } from './message.js';

/**
 * Diff (import report): the change from the previous version, posted in the thread of the report
 * flowgate posted for that version (a click claiming another message is refused).
 */
export async function showDiff(ctx: JobContext<InteractionJob>): Promise<void> {
  const { env, flow, from, to } = decodeActionValue(ACTION_IDS.showDiff, ctx.job.value);
  const report = await clickedReport(ctx, { env, flow, version: to });
  const diff = await diffVersions(ctx.deps.service, { env, flow, from, to, actor: await ctx.actor() });
  await ctx.deps.messenger.post(report.channel, buildDiffMessage(diff), ctx.job.threadTs ?? report.ts);
}
