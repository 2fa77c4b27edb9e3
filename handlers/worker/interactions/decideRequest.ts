import type { InteractionJob } from '../../../app/jobs.js';
import { publishRequestView } from '../../../app/views.js';
import { ACTION_IDS, decodeActionValue } from '../../../blocks/actionIds.js';
import { buildRequestDecided } from '../../../blocks/requestDecided.js';
import { buildRequestRejectedNotice } from '../../../blocks/requestRejected.js';
import { requestDecidedView } from '../../../blocks/views.js';
import type { ServiceDeps } from '../../../core/deps.js';
import { approveRequest } from '../../../core/service/approveRequest.js';
import { rejectRequest } from '../../../core/service/rejectRequest.js';
import { flowLabel } from '../../../core/versions/flowKey.js';
import { WorkerRefusal } from '../refusal.js';
import { type JobContext, refreshReportsOf } from '../workerDeps.js';
import { clickedRequest } from './message.js';

/**
 * Approve, from the message flowgate posted for the request (any other is refused before
 * anything is decided): the use case checks role, four eyes, hashes, expiry and state, and
 * publishes. The request message then shows who approved, when, what publishing did, and a Roll back button;
 * its Approve/Reject buttons are gone, so the decision cannot be clicked twice.
 */
export async function approve(ctx: JobContext<InteractionJob>): Promise<void> {
  const { service } = ctx.deps;
  const { request: id } = decodeActionValue(ACTION_IDS.approve, ctx.job.value);
  const posted = await clickedRequest(ctx, id, 'Approve');
  const actor = await ctx.actor();
  const replaces = await publishedBefore(service, id);
  const result = await approveRequest(service, { id, actor });
  const view = await publishRequestView(
    service,
    result.request,
    actor,
    replaces,
    ctx.deps.reportLink ?? null,
  );
  const waiting = result.waitingKeys.map(flowLabel);
  const decided = requestDecidedView(view, result.request, result.outcome, waiting);
  await ctx.deps.messenger.update(posted, buildRequestDecided(decided));
  const published = result.outcome?.flows.map((f) => f.flowKey) ?? [];
  await refreshReportsOf(ctx, result.request.env, [result.request.flowKey, ...published]);
}

/**
 * Reject, as the reject modal submits it (the Reject button opens the modal; its reason comes
 * with the job): decided exactly once by the use case. The request message then shows who
 * rejected it, when and why, and the requester is told in its thread.
 */
export async function reject(ctx: JobContext<InteractionJob>): Promise<void> {
  const { service, messenger } = ctx.deps;
  const { request: id } = decodeActionValue(ACTION_IDS.reject, ctx.job.value);
  const reason = ctx.job.reason ?? null;
  if (reason === null) {
    throw new WorkerRefusal('Nothing was rejected: use the Reject button, which asks for your reason.');
  }
  const posted = await clickedRequest(ctx, id, 'Reject');
  const actor = await ctx.actor();
  const replaces = await publishedBefore(service, id);
  const rejected = await rejectRequest(service, { id, actor, reason });
  const view = await publishRequestView(service, rejected, actor, replaces, ctx.deps.reportLink ?? null);
  const decided = requestDecidedView(view, rejected, null);
  await messenger.update(posted, buildRequestDecided(decided));
  await messenger.post(posted.channel, buildRequestRejectedNotice(decided), posted.ts);
  await refreshReportsOf(ctx, rejected.env, [rejected.flowKey]);
}

/** The version published before the decision (what the request replaces), read before publishing moves it. */
async function publishedBefore(service: ServiceDeps, id: string): Promise<number | null> {
  const request = await service.requests.getRequest(id);
  if (request === null) return null;
  return (await service.versions.getHead(request.env, request.flowKey))?.published ?? null;
}
