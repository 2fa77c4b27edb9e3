import type { SlackMessageRef } from '../../adapters/slack/SlackMessenger.js';
import { saveRequestMessage } from '../../app/postedMessages.js';
import { publishRequestView } from '../../app/views.js';
import { buildPublishRequest } from '../../blocks/publishRequest.js';
import { buildRequestDecided } from '../../blocks/requestDecided.js';
import { requestDecidedView } from '../../blocks/views.js';
import type { Actor } from '../../core/config.js';
import { publishIfApproved } from '../../core/service/publishIfApproved.js';
import type { PublishRequest } from '../../core/versions/types.js';
import { type JobContext, refreshReportsOf } from './workerDeps.js';

/**
 * Posts a new publish request in `channel` (the job's by default) for approvers (top level, where
 * they see it), and records the message as the request's: its buttons act on that message only.
 * In an environment that requires no approval the request is already approved: it is published
 * at once, and the message shows the outcome with its Roll back button instead of Approve/Reject.
 * Either way the flow's import reports then show the request (or the publish) and stop offering
 * Request publish.
 */
export async function announceRequest(
  ctx: JobContext,
  request: PublishRequest,
  actor: Actor,
  channel: string = ctx.job.channel,
): Promise<SlackMessageRef> {
  const { service, messenger } = ctx.deps;
  const head = await service.versions.getHead(request.env, request.flowKey);
  const replaces = head?.published ?? null;
  if (request.state !== 'approved') {
    const view = await publishRequestView(service, request, actor, replaces, ctx.deps.reportLink ?? null);
    const posted = await messenger.post(channel, buildPublishRequest(view));
    await saveRequestMessage(service.files, posted, request.id);
    await refreshReportsOf(ctx, request.env, [request.flowKey]);
    return posted;
  }
  const { request: after, outcome } = await publishIfApproved(service, request, actor);
  const view = await publishRequestView(service, after, actor, replaces, ctx.deps.reportLink ?? null);
  const posted = await messenger.post(channel, buildRequestDecided(requestDecidedView(view, after, outcome)));
  await saveRequestMessage(service.files, posted, request.id);
  const published = outcome?.flows.map((f) => f.flowKey) ?? [];
  await refreshReportsOf(ctx, request.env, [request.flowKey, ...published]);
  return posted;
}
