import type { App } from '@slack/bolt';
import { z } from 'zod';
import { JOB_LIMITS } from '../../../../app/jobs.js';
import { decodeModalMetadata } from '../../../../blocks/actionIds.js';
import { enqueue, firstDelivery, type ListenerContext, mayAct } from '../../context.js';
import { IMPORT_MODAL } from '../../slackMessage.js';
import { slackId, viewSubmission as submission } from './submission.js';

const fileValue = z.object({
  files: z
    .array(z.object({ id: slackId }))
    .min(1)
    .max(JOB_LIMITS.args),
});
const envValue = z.object({ selected_option: z.object({ value: slackId }) });

/** `/flow import`'s modal: each uploaded file becomes an import job into the chosen environment. */
export function registerImportModal(app: App, ctx: ListenerContext): void {
  app.view(IMPORT_MODAL.callbackId, async ({ ack, body }) => {
    try {
      const parsed = submission.safeParse(body);
      if (!parsed.success) {
        await ack({
          response_action: 'errors',
          errors: { [IMPORT_MODAL.fileBlock]: 'flowgate could not read this form; please try again.' },
        });
        return;
      }
      const { user, view } = parsed.data;
      const files = fileValue.safeParse(view.state.values[IMPORT_MODAL.fileBlock]?.[IMPORT_MODAL.fileAction]);
      const env = envValue.safeParse(view.state.values[IMPORT_MODAL.envBlock]?.[IMPORT_MODAL.envAction]);
      if (!files.success) {
        await ack({
          response_action: 'errors',
          errors: { [IMPORT_MODAL.fileBlock]: 'Attach at least one flow file or zip.' },
        });
        return;
      }
      if (!env.success || ctx.config.environments[env.data.selected_option.value] === undefined) {
        await ack({
          response_action: 'errors',
          errors: { [IMPORT_MODAL.envBlock]: 'Choose the environment to import into.' },
        });
        return;
      }
      if (!mayAct(ctx.config, user.id, 'editor')) {
        await ack({
          response_action: 'errors',
          errors: { [IMPORT_MODAL.envBlock]: 'You need the editor role to import.' },
        });
        return;
      }
      await ack();
      // The report goes where /flow import was run; without a channel, to the user directly.
      const channel = decodeModalMetadata(view.private_metadata).channel ?? user.id;
      for (const file of files.data.files) {
        const key = `modal:${view.id}:${file.id}`;
        if (!(await firstDelivery(ctx, key))) continue;
        await enqueue(ctx, key, {
          kind: 'import-file',
          user: user.id,
          team: parsed.data.team?.id ?? null,
          channel,
          messageTs: null,
          threadTs: null,
          responseUrl: null,
          fileId: file.id,
          env: env.data.selected_option.value,
        });
      }
    } catch (error) {
      ctx.log('import modal listener failed', error);
      await ack().catch(() => {});
    }
  });
}
