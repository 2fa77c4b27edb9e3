import { SlackApiError } from '../../adapters/slack/slackErrors.js';
import { appHomeView } from '../../app/appHome.js';
import type { HomeJob } from '../../app/jobs.js';
import { requestMessageOf } from '../../app/postedMessages.js';
import { buildAppHome } from '../../blocks/appHome.js';
import type { PublishRequest } from '../../core/versions/types.js';
import type { JobContext, WorkerDeps } from './workerDeps.js';

/**
 * Shows the reader's App Home tab (`views.publish`): what waits on them, their open requests and
 * the recent publishes, read now. Published with the hash Slack sent, so when the tab was
 * published again meanwhile (the reader opened it twice) that newer view stays and this one is
 * dropped.
 */
export async function processHome(ctx: JobContext<HomeJob>): Promise<void> {
  const { deps, job } = ctx;
  const view = await appHomeView(deps.service, await ctx.actor(), (request) => requestLink(deps, request));
  try {
    await deps.messenger.publishHome(job.user, buildAppHome(view), job.hash ?? undefined);
  } catch (error) {
    if (error instanceof SlackApiError && error.slackError === 'hash_conflict') return;
    throw error;
  }
}

/** Slack errors that mean the request message is gone for good (deleted, or its channel). */
const GONE = new Set(['message_not_found', 'channel_not_found']);

/** The permalink of the message flowgate posted for `request`; null when it posted none or it is gone. */
async function requestLink(deps: WorkerDeps, request: PublishRequest): Promise<string | null> {
  const message = await requestMessageOf(deps.service.files, request.id);
  if (message === null) return null;
  try {
    return await deps.messenger.permalink(message);
  } catch (error) {
    if (error instanceof SlackApiError && GONE.has(error.slackError)) return null;
    throw error;
  }
}
