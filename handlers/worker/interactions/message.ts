import type { SlackMessageRef } from '../../../adapters/slack/SlackMessenger.js';
import type { InteractionJob } from '../../../app/jobs.js';
import type { SlackMessage } from '../../../blocks/limits.js';
import type { JobContext } from '../workerDeps.js';

/** The message the interaction came from, when Slack said which (not for ephemeral messages). */
export function messageOf(job: InteractionJob): SlackMessageRef | null {
  return job.messageTs === null ? null : { channel: job.channel, ts: job.messageTs };
}

/** Replaces the message the interaction came from; posts `message` in the channel when there is none. */
export async function replaceMessage(ctx: JobContext<InteractionJob>, message: SlackMessage): Promise<void> {
  const ref = messageOf(ctx.job);
  if (ref === null) {
    await ctx.deps.messenger.post(ctx.job.channel, message, ctx.job.threadTs ?? undefined);
    return;
  }
  await ctx.deps.messenger.update(ref, message);
}
