import type { SlackMessage } from '../../blocks/limits.js';
import type { JobContext } from './workerDeps.js';

/**
 * Tells only the acting user: through the command's response_url (replacing the "Working on…"
 * acknowledgement), else as an ephemeral message in the channel, in the thread the job came from.
 */
export async function tellUser(ctx: JobContext, message: SlackMessage): Promise<void> {
  const { job, deps } = ctx;
  if (job.kind === 'command' && job.responseUrl !== null) {
    await deps.messenger.respond(job.responseUrl, {
      ...message,
      responseType: 'ephemeral',
      replaceOriginal: true,
    });
    return;
  }
  await deps.messenger.postEphemeral(job.channel, job.user, message, job.threadTs ?? undefined);
}

/** Where a job's new messages go: its thread when it came from one, else the channel itself. */
export function threadOf(ctx: JobContext): string | undefined {
  return ctx.job.threadTs ?? undefined;
}
