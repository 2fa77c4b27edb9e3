import type { App } from '@slack/bolt';
import { z } from 'zod';
import { JOB_LIMITS } from '../../../../app/jobs.js';
import { ACTION_IDS, actionIdPattern, decodeActionValue } from '../../../../blocks/actionIds.js';
import { buildRejectModal } from '../../../../blocks/rejectModal.js';
import type { ListenerContext } from '../../context.js';

const slackId = z.string().min(1).max(JOB_LIMITS.id);

/** The parts of a Reject click the modal needs: who, the trigger, the message, the request. */
const rejectClick = z.object({
  trigger_id: z.string().min(1).max(JOB_LIMITS.arg),
  channel: z.object({ id: slackId }),
  container: z.object({ message_ts: slackId.optional(), thread_ts: slackId.optional() }).partial().optional(),
  message: z.object({ ts: slackId, thread_ts: slackId.optional() }).optional(),
  actions: z.array(z.object({ value: z.string().max(JOB_LIMITS.value).optional() })).min(1),
});

/**
 * Reject on a publish request: opens the modal that asks for the reason, at once (a trigger_id
 * lasts 3 seconds, so this cannot wait for the worker). Nothing is decided here: the submission
 * (`listeners/views/rejectModal.ts`) queues the rejection, and the worker checks the role, the
 * message and the request's state then.
 */
export function registerRejectButton(app: App, ctx: ListenerContext): void {
  app.action(actionIdPattern(ACTION_IDS.reject), async ({ ack, body, client }) => {
    await ack();
    try {
      const parsed = rejectClick.safeParse(body);
      if (!parsed.success) return ctx.log(`reject click not understood: ${parsed.error.message}`);
      const click = parsed.data;
      const messageTs = click.container?.message_ts ?? click.message?.ts;
      if (messageTs === undefined) return ctx.log('reject click without its message');
      const { request } = decodeActionValue(ACTION_IDS.reject, click.actions[0]?.value);
      const threadTs = click.container?.thread_ts ?? click.message?.thread_ts ?? null;
      await client.views.open({
        trigger_id: click.trigger_id,
        view: buildRejectModal({ request, channel: click.channel.id, messageTs, threadTs }),
      });
    } catch (error) {
      ctx.log('reject button listener failed', error);
    }
  });
}
