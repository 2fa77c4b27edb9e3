import type { App } from '@slack/bolt';
import { z } from 'zod';
import { ACTION_IDS } from '../../../../blocks/actionIds.js';
import { enqueue, firstDelivery, type ListenerContext } from '../../context.js';

/** The parts of a block_actions payload flowgate uses; everything else is ignored. */
const blockActions = z.object({
  user: z.object({ id: z.string().min(1), team_id: z.string().optional() }),
  team: z.object({ id: z.string() }).nullable().optional(),
  channel: z.object({ id: z.string().min(1) }).optional(),
  container: z
    .object({ message_ts: z.string().optional(), thread_ts: z.string().optional() })
    .partial()
    .optional(),
  message: z.object({ ts: z.string(), thread_ts: z.string().optional() }).optional(),
  response_url: z.string().url().optional(),
  actions: z
    .array(
      z.object({
        action_id: z.string().min(1),
        action_ts: z.string().min(1),
        block_id: z.string().optional(),
        value: z.string().optional(),
        selected_option: z.object({ value: z.string() }).nullable().optional(),
      }),
    )
    .min(1),
});

/**
 * Every button and select of flowgate's messages (action ids start with `flowgate.`): queue it for the
 * worker and ack at once. A double click or a Slack retry carries the same action_ts, so it is
 * queued once; the worker's use cases also decide each transition exactly once.
 */
export function registerInteractions(app: App, ctx: ListenerContext): void {
  app.action(/^flowgate\./, async ({ ack, body }) => {
    await ack();
    try {
      const parsed = blockActions.safeParse(body);
      if (!parsed.success) return ctx.log(`block action not understood: ${parsed.error.message}`);
      const payload = parsed.data;
      const [action] = payload.actions;
      const channel = payload.channel?.id;
      // A link button's click (the report) needs only the ack.
      if (action === undefined || channel === undefined || action.action_id.startsWith(ACTION_IDS.viewReport))
        return;
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
