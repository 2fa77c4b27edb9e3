import type { App } from '@slack/bolt';
import { z } from 'zod';
import {
  ACTION_IDS,
  decodeRejectMetadata,
  encodeActionValue,
  REJECT_MODAL,
} from '../../../../blocks/actionIds.js';
import { enqueue, firstDelivery, type ListenerContext, mayAct } from '../../context.js';
import { viewSubmission as submission } from './submission.js';

/** The reason as typed: required, and something other than spaces. */
const reasonInput = z.object({
  value: z
    .string({ error: 'Say why you reject it: the requester sees your reason.' })
    .trim()
    .min(1, 'Say why you reject it: the requester sees your reason.')
    .max(REJECT_MODAL.reasonMax, `Keep the reason under ${REJECT_MODAL.reasonMax} characters.`),
});

/** Answers a submission with an error under the reason input (the modal stays open). */
function reasonError(message: string) {
  return { response_action: 'errors' as const, errors: { [REJECT_MODAL.reasonBlock]: message } };
}

/**
 * The reject modal's submission: an empty reason is refused under its input (the modal stays
 * open); otherwise the modal closes and the rejection is queued for the worker, as a Reject click
 * from the request message with the reason.
 */
export function registerRejectModal(app: App, ctx: ListenerContext): void {
  app.view(REJECT_MODAL.callbackId, async ({ ack, body }) => {
    try {
      const parsed = submission.safeParse(body);
      if (!parsed.success) {
        await ack(reasonError('flowgate could not read this form; please try again.'));
        return;
      }
      const { user, view } = parsed.data;
      const reason = reasonInput.safeParse(
        view.state.values[REJECT_MODAL.reasonBlock]?.[REJECT_MODAL.reasonAction],
      );
      if (!reason.success) {
        await ack(reasonError(reason.error.issues[0]?.message ?? 'Say why you reject it.'));
        return;
      }
      if (!mayAct(ctx.config, user.id, 'publisher')) {
        await ack(reasonError('You need the publisher role to reject publish requests.'));
        return;
      }
      const metadata = decodeRejectMetadata(view.private_metadata);
      await ack();
      const key = `reject:${view.id}`;
      if (!(await firstDelivery(ctx, key))) return;
      await enqueue(ctx, key, {
        kind: 'interaction',
        user: user.id,
        team: parsed.data.team?.id ?? null,
        channel: metadata.channel,
        messageTs: metadata.messageTs,
        threadTs: metadata.threadTs,
        responseUrl: null,
        actionId: ACTION_IDS.reject,
        value: encodeActionValue(ACTION_IDS.reject, { request: metadata.request }),
        selected: null,
        blockId: null,
        reason: reason.data.value,
      });
    } catch (error) {
      ctx.log('reject modal listener failed', error);
      await ack().catch(() => {});
    }
  });
}
