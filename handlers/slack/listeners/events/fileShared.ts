import type { App } from '@slack/bolt';
import { z } from 'zod';
import { environmentOfChannel } from '../../../../app/channelEnvironment.js';
import { JOB_LIMITS } from '../../../../app/jobs.js';
import { enqueue, firstDelivery, type ListenerContext } from '../../context.js';

const slackId = z.string().min(1).max(JOB_LIMITS.id);

/** What flowgate reads of the event, bounded before the ids become an idempotency key. */
const fileSharedEvent = z.object({
  file_id: slackId,
  user_id: slackId,
  channel_id: slackId,
  event_ts: z.string().optional(),
});

/**
 * A file shared in a channel: queue its import (into the channel's environment, or ask which one
 * when the channel is not bound). Slack redelivers events it thinks failed, and a file can be
 * shared to several channels: each file imports once per channel.
 */
export function registerFileShared(app: App, ctx: ListenerContext): void {
  app.event('file_shared', async ({ event, body, context }) => {
    try {
      const parsed = fileSharedEvent.safeParse(event);
      if (!parsed.success) return ctx.log(`file_shared event not understood: ${parsed.error.message}`);
      const { file_id: fileId, user_id: user, channel_id: channel } = parsed.data;
      if (user === context.botUserId) return; // our own uploads (reports, exports)
      const key = `file:${fileId}:${channel}`;
      if (!(await firstDelivery(ctx, key))) return;
      const team = typeof body.team_id === 'string' ? body.team_id : null;
      await enqueue(ctx, key, {
        kind: 'import-file',
        user,
        team,
        channel,
        messageTs: null,
        threadTs: null,
        responseUrl: null,
        fileId,
        env: environmentOfChannel(ctx.config, channel),
      });
    } catch (error) {
      // Never throw from an event listener: Slack would redeliver the event up to three times.
      ctx.log('file_shared listener failed', error);
    }
  });
}
