import type { InteractionJob } from '../../../app/jobs.js';
import { ACTION_IDS, decodeActionValue } from '../../../blocks/actionIds.js';
import { AlreadyRequestedError } from '../../../core/errors.js';
import { requestPublish } from '../../../core/service/requestPublish.js';
import { rollbackFlow } from '../../../core/service/rollbackFlow.js';
import { tellAlreadyRequested } from '../alreadyRequested.js';
import { announceRequest } from '../announceRequest.js';
import { type JobContext, refreshReportsOf } from '../workerDeps.js';
import { clickedDecision, clickedReport } from './message.js';
import { answeredStale } from './versionNow.js';

/**
 * Request publish (import report): asks approvers for exactly the version the report shows, in
 * the report's channel (only from the report flowgate posted for that version).
 */
export async function requestPublishing(ctx: JobContext<InteractionJob>): Promise<void> {
  const { env, flow, version } = decodeActionValue(ACTION_IDS.requestPublish, ctx.job.value);
  const report = await clickedReport(ctx, { env, flow, version });
  // Never asks for content already live or replaced: the click is answered from where it stands.
  if (await answeredStale(ctx, 'request', { env, flow, version })) return;
  const actor = await ctx.actor();
  try {
    const request = await requestPublish(ctx.deps.service, { env, flow, version, actor });
    await announceRequest(ctx, request, actor, report.channel);
  } catch (error) {
    // A double click (two payloads) or a click on a copy of the report: the request that stands.
    if (!(error instanceof AlreadyRequestedError)) throw error;
    await tellAlreadyRequested(ctx, error.request);
    await refreshReportsOf(ctx, env, [flow]);
  }
}

/**
 * Roll back (decided request): a version restoring the replaced content, and a request to publish
 * it, posted where flowgate posted the decided request (only from such a message of `env`).
 */
export async function rollBack(ctx: JobContext<InteractionJob>): Promise<void> {
  const { env, flow, to } = decodeActionValue(ACTION_IDS.rollback, ctx.job.value);
  const { message } = await clickedDecision(ctx, env);
  const actor = await ctx.actor();
  const { request } = await rollbackFlow(ctx.deps.service, { env, flow, to, actor });
  await announceRequest(ctx, request, actor, message.channel);
}
