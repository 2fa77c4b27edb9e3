import type { InteractionJob } from '../../../app/jobs.js';
import { ACTION_IDS, decodeActionValue } from '../../../blocks/actionIds.js';
import { requestPublish } from '../../../core/service/requestPublish.js';
import { rollbackFlow } from '../../../core/service/rollbackFlow.js';
import { announceRequest } from '../announceRequest.js';
import type { JobContext } from '../workerDeps.js';

/** Request publish (import report): asks approvers for exactly the version the report shows. */
export async function requestPublishing(ctx: JobContext<InteractionJob>): Promise<void> {
  const { env, flow, version } = decodeActionValue(ACTION_IDS.requestPublish, ctx.job.value);
  const actor = await ctx.actor();
  const request = await requestPublish(ctx.deps.service, { env, flow, version, actor });
  await announceRequest(ctx, request, actor);
}

/** Roll back (decided request): a version restoring the replaced content, and a request to publish it. */
export async function rollBack(ctx: JobContext<InteractionJob>): Promise<void> {
  const { env, flow, to } = decodeActionValue(ACTION_IDS.rollback, ctx.job.value);
  const actor = await ctx.actor();
  const { request } = await rollbackFlow(ctx.deps.service, { env, flow, to, actor });
  await announceRequest(ctx, request, actor);
}
