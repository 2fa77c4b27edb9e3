import type { App } from '@slack/bolt';
import { z } from 'zod';
import { ACTION_IDS, decodePickerBlockId, encodeActionValue } from '../../../../blocks/actionIds.js';
import { clip, SLACK_LIMITS } from '../../../../blocks/limits.js';
import type { ListenerContext } from '../../context.js';

const optionsRequest = z.object({
  block_id: z.string(),
  value: z.string().default(''),
});

/**
 * Type-ahead for a replacement picker with more than 100 candidates (an external select): Slack
 * asks as the user types and waits at most 3 seconds, so the answer is the best found by then,
 * and an empty list (never an error) when the search is not available or fails.
 */
export function registerReplacementOptions(app: App, ctx: ListenerContext): void {
  app.options(ACTION_IDS.pickReplacement, async ({ ack, body }) => {
    try {
      const parsed = optionsRequest.safeParse(body);
      if (!parsed.success || ctx.candidates === undefined) {
        await ack({ options: [] });
        return;
      }
      const picker = decodePickerBlockId(parsed.data.block_id);
      const found = await ctx.candidates(picker, parsed.data.value);
      await ack({
        options: found.map((option) => ({
          text: { type: 'plain_text' as const, text: clip(option.text, SLACK_LIMITS.optionText) },
          value: encodeActionValue(ACTION_IDS.pickReplacement, { to: option.value }),
        })),
      });
    } catch (error) {
      ctx.log('replacement options failed', error);
      await ack({ options: [] }).catch(() => {});
    }
  });
}
