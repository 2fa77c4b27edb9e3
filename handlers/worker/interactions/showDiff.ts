import type { InteractionJob } from '../../../app/jobs.js';
import { ACTION_IDS, decodeActionValue } from '../../../blocks/actionIds.js';
import { buildDiffMessage } from '../../../blocks/messages.js';
import { diffVersions } from '../../../core/service/diffVersions.js';
import type { JobContext } from '../workerDeps.js';

/** Diff (import report): the change from the previous version, posted in the report's thread. */
export async function showDiff(ctx: JobContext<InteractionJob>): Promise<void> {
  const { env, flow, from, to } = decodeActionValue(ACTION_IDS.showDiff, ctx.job.value);
  const diff = await diffVersions(ctx.deps.service, { env, flow, from, to, actor: await ctx.actor() });
  const thread = ctx.job.threadTs ?? ctx.job.messageTs ?? undefined;
  await ctx.deps.messenger.post(ctx.job.channel, buildDiffMessage(diff), thread);
}
