import type { InteractionJob } from '../../../app/jobs.js';
import { publishRequestView } from '../../../app/views.js';
import { ACTION_IDS, decodeActionValue } from '../../../blocks/actionIds.js';
import { buildRequestDecided } from '../../../blocks/requestDecided.js';
import { requestDecidedView } from '../../../blocks/views.js';
import type { ServiceDeps } from '../../../core/deps.js';
import { approveRequest } from '../../../core/service/approveRequest.js';
import { rejectRequest } from '../../../core/service/rejectRequest.js';
import { flowLabel } from '../../../core/versions/flowKey.js';
import type { JobContext } from '../workerDeps.js';
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
}

/** Reject: decided exactly once by the use case; the request message shows who rejected it. */
export async function reject(ctx: JobContext<InteractionJob>): Promise<void> {
  const { service } = ctx.deps;
  const { request: id } = decodeActionValue(ACTION_IDS.reject, ctx.job.value);
  const posted = await clickedRequest(ctx, id, 'Reject');
  const actor = await ctx.actor();
  const replaces = await publishedBefore(service, id);
  // A button carries no reason; the empty one shows as none.
  const rejected = await rejectRequest(service, { id, actor, reason: '' });
  const view = await publishRequestView(service, rejected, actor, replaces, ctx.deps.reportLink ?? null);
  await ctx.deps.messenger.update(posted, buildRequestDecided(requestDecidedView(view, rejected, null)));
}

/** The version published before the decision (what the request replaces), read before publishing moves it. */
async function publishedBefore(service: ServiceDeps, id: string): Promise<number | null> {
  const request = await service.requests.getRequest(id);
  if (request === null) return null;
  return (await service.versions.getHead(request.env, request.flowKey))?.published ?? null;
}
