import type { App } from '@slack/bolt';
import { z } from 'zod';
import { JOB_LIMITS } from '../../../../app/jobs.js';
import { enqueue, firstDelivery, type ListenerContext } from '../../context.js';

const slackId = z.string().min(1).max(JOB_LIMITS.id);

/**
 * What flowgate reads of `app_home_opened` (Slack's Events API reference): the reader, the App
 * Home's channel, which tab, and the tab's current view (present once a view was published), whose
 * `hash` guards the publish. Bounded before the ids become an idempotency key.
 */
const appHomeOpenedEvent = z.object({
  user: slackId,
  channel: slackId,
  tab: z.string().optional(),
  event_ts: slackId,
  view: z.object({ hash: slackId.optional() }).passthrough().optional(),
});

/**
 * The reader opened flowgate's App Home: on the Home tab, queue showing it (the worker reads what
 * waits on them and publishes the view; a listener only records a key and queues, within Slack's
 * 3 seconds). The Messages tab needs nothing. Each opening is shown once however often Slack
 * delivers it.
 */
export function registerAppHomeOpened(app: App, ctx: ListenerContext): void {
  app.event('app_home_opened', async ({ event, body }) => {
    try {
      const parsed = appHomeOpenedEvent.safeParse(event);
      if (!parsed.success) return ctx.log(`app_home_opened event not understood: ${parsed.error.message}`);
      const { user, channel, tab, event_ts: eventTs, view } = parsed.data;
      if (tab !== 'home') return;
      const key = `home:${user}:${eventTs}`;
      if (!(await firstDelivery(ctx, key))) return;
      await enqueue(ctx, key, {
        kind: 'home',
        user,
        team: typeof body.team_id === 'string' ? body.team_id : null,
        channel,
        messageTs: null,
        threadTs: null,
        responseUrl: null,
        hash: view?.hash ?? null,
      });
    } catch (error) {
      // Never throw from an event listener: Slack would redeliver the event up to three times.
      ctx.log('app_home_opened listener failed', error);
    }
  });
}
