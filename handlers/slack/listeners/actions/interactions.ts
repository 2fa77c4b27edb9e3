import type { App } from '@slack/bolt';
import { z } from 'zod';
import { JOB_LIMITS } from '../../../../app/jobs.js';
import { ACTION_IDS } from '../../../../blocks/actionIds.js';
import { enqueue, firstDelivery, type ListenerContext } from '../../context.js';

/** A Slack id (user, team, channel, message ts): short, and bounded before it becomes a key. */
const slackId = z.string().min(1).max(JOB_LIMITS.id);

/**
 * The parts of a block_actions payload flowgate uses; everything else is ignored. Ids and lengths
 * are bounded here, before the idempotency key is written: a payload beyond them is not Slack's.
 */
const blockActions = z.object({
  user: z.object({ id: slackId, team_id: slackId.optional() }),
  team: z.object({ id: slackId }).nullable().optional(),
  channel: z.object({ id: slackId }).optional(),
  container: z.object({ message_ts: slackId.optional(), thread_ts: slackId.optional() }).partial().optional(),
  message: z.object({ ts: slackId, thread_ts: slackId.optional() }).optional(),
  response_url: z.string().max(JOB_LIMITS.url).url().optional(),
  actions: z
    .array(
      z.object({
        action_id: z.string().min(1).max(JOB_LIMITS.elementId),
        action_ts: slackId,
        block_id: z.string().max(JOB_LIMITS.value).optional(),
        value: z.string().max(JOB_LIMITS.value).optional(),
        selected_option: z
          .object({ value: z.string().max(JOB_LIMITS.value) })
          .nullable()
          .optional(),
      }),
    )
    .min(1),
});

/** Link buttons: Slack opens the URL and still sends the click, which needs only the ack. */
function isLink(actionId: string): boolean {
  return actionId.startsWith(ACTION_IDS.viewReport) || actionId.startsWith(ACTION_IDS.openRequest);
}

/**
 * Every button and select of flowgate's messages (action ids start with `flowgate.`): queue it for the
 * worker and ack at once. A double click or a Slack retry carries the same action_ts, so it is
 * queued once; the worker's use cases also decide each transition exactly once.
 */
export function registerInteractions(app: App, ctx: ListenerContext): void {
  // Reject is the reject button listener's: it opens a modal asking for the reason.
  app.action(/^flowgate\.(?!reject(?::\d+)?$)/, async ({ ack, body }) => {
    await ack();
    try {
      const parsed = blockActions.safeParse(body);
      if (!parsed.success) return ctx.log(`block action not understood: ${parsed.error.message}`);
      const payload = parsed.data;
      const [action] = payload.actions;
      const channel = payload.channel?.id;
      // A link button's click (the report, App Home's request link) needs only the ack.
      if (action === undefined || channel === undefined || isLink(action.action_id)) return;
      const key = `action:${action.action_ts}:${payload.user.id}:${action.action_id}`;
      if (!(await firstDelivery(ctx, key))) return;
      await enqueue(ctx, key, {
        kind: 'interaction',
        user: payload.user.id,
        team: payload.team?.id ?? payload.user.team_id ?? null,
        channel,
        messageTs: payload.container?.message_ts ?? payload.message?.ts ?? null,
        threadTs: payload.container?.thread_ts ?? payload.message?.thread_ts ?? null,
        responseUrl: payload.response_url ?? null,
        actionId: action.action_id,
        value: action.value ?? '',
        selected: action.selected_option?.value ?? null,
        blockId: action.block_id ?? null,
      });
    } catch (error) {
      ctx.log('block action listener failed', error);
    }
  });
}
