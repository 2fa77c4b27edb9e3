import type { SlackMessageRef } from '../../../adapters/slack/SlackMessenger.js';
import type { InteractionJob } from '../../../app/jobs.js';
import { isReportOf, isSameMessage, postedAt, requestMessageOf } from '../../../app/postedMessages.js';
import { parseFlowKey } from '../../../core/versions/flowKey.js';
import type { PublishRequest } from '../../../core/versions/types.js';
import { WorkerRefusal } from '../refusal.js';
import type { JobContext } from '../workerDeps.js';

/**
 * Where a click came from is what the payload claims (`container`): anyone who can send Slack a
 * payload can name any message the bot ever posted. So a click changes, or answers beside, only
 * the message flowgate recorded for the very import, picker or request its value names; anything
 * else is refused and the clicker told (see app/postedMessages.ts).
 */

/** The message the interaction came from, when Slack said which (not for ephemeral messages). */
export function messageOf(job: InteractionJob): SlackMessageRef | null {
  return job.messageTs === null ? null : { channel: job.channel, ts: job.messageTs };
}

/**
 * The import report the click came from, when it is the report flowgate posted into `env` for
 * `flow` at `version`; otherwise refused, nothing changed.
 */
export async function clickedReport(
  ctx: JobContext<InteractionJob>,
  shows: { readonly env: string; readonly flow: string; readonly version: number },
): Promise<SlackMessageRef> {
  const message = messageOf(ctx.job);
  if (message !== null && (await isReportOf(ctx.deps.service.files, message, shows))) return message;
  const name = parseFlowKey(shows.flow)?.name ?? shows.flow;
  throw new WorkerRefusal(
    `That button is not on the import report flowgate posted for ${name} v${shows.version} in ${shows.env}, so nothing was changed. Use the buttons on the latest report of ${name}.`,
  );
}

/**
 * The message flowgate posted for publish request `request`, when the click came from it;
 * otherwise refused, nothing decided. The decision is shown there, never where the click claims.
 */
export async function clickedRequest(
  ctx: JobContext<InteractionJob>,
  request: string,
  what: string,
): Promise<SlackMessageRef> {
  const posted = await requestMessageOf(ctx.deps.service.files, request);
  if (posted !== null && isSameMessage(posted, messageOf(ctx.job))) return posted;
  throw new WorkerRefusal(
    posted === null
      ? `flowgate has no request message for that ${what} button, so nothing was decided. Ask for the publish again with /flow publish.`
      : `That ${what} button is not on the request message flowgate posted in <#${posted.channel}>, so nothing was decided. Use the buttons on that message.`,
  );
}

/**
 * The decided request message a Roll back click came from, when flowgate posted it for a request
 * in `env`; otherwise refused. Its channel is where the new request goes.
 */
export async function clickedDecision(
  ctx: JobContext<InteractionJob>,
  env: string,
): Promise<{ readonly message: SlackMessageRef; readonly request: PublishRequest }> {
  const message = messageOf(ctx.job);
  const posted = message === null ? null : await postedAt(ctx.deps.service.files, message);
  const request =
    posted?.kind === 'request' ? await ctx.deps.service.requests.getRequest(posted.request) : null;
  if (message !== null && request !== null && request.env === env) return { message, request };
  throw new WorkerRefusal(
    `That Roll back button is not on a publish request flowgate posted for ${env}, so nothing was rolled back. Use the Roll back button on the decided request, or /flow rollback.`,
  );
}

/**
 * The environment picker a choice came from, when flowgate posted it for Slack file `file`;
 * otherwise refused, nothing imported.
 */
export async function clickedEnvironmentPicker(
  ctx: JobContext<InteractionJob>,
  file: string,
): Promise<SlackMessageRef> {
  const message = messageOf(ctx.job);
  const posted = message === null ? null : await postedAt(ctx.deps.service.files, message);
  if (message !== null && posted?.kind === 'environment-picker' && posted.file === file) return message;
  throw new WorkerRefusal(
    'That environment button is not on the question flowgate asked about this file, so nothing was imported. Share the file again, or use /flow import.',
  );
}
