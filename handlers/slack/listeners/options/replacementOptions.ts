import type { App } from '@slack/bolt';
import { z } from 'zod';
import { ACTION_IDS, decodePickerBlockId, encodeActionValue } from '../../../../blocks/actionIds.js';
import { clip, SLACK_LIMITS } from '../../../../blocks/limits.js';
import { type GroupMembers, holdsRoleNow, type ListenerContext } from '../../context.js';

const optionsRequest = z.object({
  user: z.object({ id: z.string().min(1).max(64) }),
  block_id: z.string().max(SLACK_LIMITS.blockId),
  value: z.string().max(256).default(''),
});

/**
 * Type-ahead for a replacement picker with more than 100 candidates (an external select): Slack
 * asks as the user types and waits at most 3 seconds, so the answer is the best found by then,
 * and an empty list (never an error) when the search is not available or fails.
 *
 * The answer lists the environment's resources (prompts, hours, queues, flows, Lambda functions),
 * and no job runs after it to check again: only a viewer (or higher) of flowgate gets options. A
 * user who holds the role through a user group is answered when Slack lists the group in time
 * (`holdsRoleNow`); otherwise the list is empty, as for anyone without a role.
 */
export function registerReplacementOptions(app: App, ctx: ListenerContext): void {
  app.options(ACTION_IDS.pickReplacement, async ({ ack, body, client }) => {
    try {
      const parsed = optionsRequest.safeParse(body);
      if (!parsed.success || ctx.candidates === undefined) {
        await ack({ options: [] });
        return;
      }
      const members: GroupMembers = async (usergroup) =>
        (await client.usergroups.users.list({ usergroup })).users ?? [];
      if (!(await holdsRoleNow(ctx.config, parsed.data.user.id, 'viewer', members))) {
        ctx.log(`type-ahead refused: ${parsed.data.user.id} holds no flowgate role`);
        await ack({ options: [] });
        return;
      }
      const picker = decodePickerBlockId(parsed.data.block_id);
      if (ctx.config.environments[picker.env] === undefined) {
        await ack({ options: [] });
        return;
      }
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
