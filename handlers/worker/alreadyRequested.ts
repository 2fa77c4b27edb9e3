import type { SlackMessageRef } from '../../adapters/slack/SlackMessenger.js';
import { requestMessageOf } from '../../app/postedMessages.js';
import { buildAlreadyRequested } from '../../blocks/alreadyRequested.js';
import { parseFlowKey } from '../../core/versions/flowKey.js';
import type { PublishRequest } from '../../core/versions/types.js';
import { tellUser } from './replies.js';
import type { JobContext } from './workerDeps.js';

/**
 * Tells the user who asked again for a version with an open request about that request (who,
 * when, where it stands, a link to its message): the answer to a double click or a repeated
 * command, in place of a second request.
 */
export async function tellAlreadyRequested(ctx: JobContext, request: PublishRequest): Promise<void> {
  const { service, messenger } = ctx.deps;
  const head = await service.versions.getHead(request.env, request.flowKey);
  const posted = await requestMessage(ctx, request);
  let link: string | null = null;
  if (posted !== null) {
    // Without the link the answer still says who asked and when.
    link = await messenger.permalink(posted).catch((failure: unknown) => {
      ctx.deps.log(`no permalink for the message of request ${request.id}`, failure);
      return null;
    });
  }
  await tellUser(
    ctx,
    buildAlreadyRequested({
      name: head?.name ?? parseFlowKey(request.flowKey)?.name ?? request.flowKey,
      version: request.version,
      env: request.env,
      requester: request.requester,
      requestedAt: request.requestedAt,
      state: request.state === 'approved' ? 'approved' : 'pending',
      decidedBy: request.decidedBy,
      link,
      reader: ctx.job.user,
    }),
  );
}

/** How long a request's message may still be on its way: its job posts it right after storing it. */
const POSTING_MS = 30_000;
const POLLS = 10;
const POLL_MS = 200;

/**
 * The request's message. A double click's second job can find the request before the first job
 * has posted and recorded its message: a request that young is looked for a little longer.
 */
async function requestMessage(ctx: JobContext, request: PublishRequest): Promise<SlackMessageRef | null> {
  const { service } = ctx.deps;
  const young = service.clock.now().getTime() - Date.parse(request.requestedAt) < POSTING_MS;
  for (let poll = 0; ; poll += 1) {
    const posted = await requestMessageOf(service.files, request.id);
    if (posted !== null || !young || poll >= POLLS) return posted;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
