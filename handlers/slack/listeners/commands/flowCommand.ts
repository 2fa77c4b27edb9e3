import type { App, RespondArguments } from '@slack/bolt';
import type { CommandJob } from '../../../../app/jobs.js';
import type { SlackMessage } from '../../../../blocks/limits.js';
import type { Role } from '../../../../core/config.js';
import { enqueue, type ListenerContext, mayAct } from '../../context.js';
import { slackMessage } from '../../slackMessage.js';

/** The role each subcommand needs (the use case checks again, with the user's groups). */
const ROLES: Readonly<Record<CommandJob['sub'] | 'import', Role>> = {
  import: 'editor',
  plan: 'viewer',
  versions: 'viewer',
  diff: 'viewer',
  export: 'viewer',
  publish: 'editor',
  rollback: 'editor',
  status: 'viewer',
  map: 'viewer',
};

const QUEUED: readonly CommandJob['sub'][] = [
  'plan',
  'versions',
  'diff',
  'export',
  'publish',
  'rollback',
  'status',
  'map',
];

function isQueued(sub: string): sub is CommandJob['sub'] {
  return (QUEUED as readonly string[]).includes(sub);
}

/**
 * `/flow <subcommand> …`. Answers within Slack's 3 seconds: usage and refusals at once
 * (ephemeral), the import modal at once (its trigger expires in 3 s), everything else queued for
 * the worker, which answers through the command's response_url.
 */
export function registerFlowCommand(app: App, ctx: ListenerContext): void {
  app.command('/flow', async ({ command, ack, client, body }) => {
    try {
      const [sub = 'help', ...args] = command.text
        .trim()
        .split(/\s+/)
        .filter((w) => w !== '');
      if (sub === 'help' || (sub !== 'import' && !isQueued(sub))) {
        await ack(
          ephemeral(
            slackMessage.usage(sub === 'help' ? (args[0] ?? null) : null, sub === 'help' ? null : sub),
          ),
        );
        return;
      }
      if (!mayAct(ctx.config, command.user_id, ROLES[sub])) {
        await ack(
          ephemeral(
            slackMessage.error(
              `You need the ${ROLES[sub]} role for /flow ${sub}. Ask a flowgate admin to add you.`,
            ),
          ),
        );
        return;
      }
      if (sub === 'import') {
        await ack();
        await client.views.open({
          trigger_id: command.trigger_id,
          view: slackMessage.importModal(Object.keys(ctx.config.environments), command.channel_id),
        });
        return;
      }
      await enqueue(ctx, `command:${command.trigger_id}`, {
        kind: 'command',
        user: command.user_id,
        team: typeof body.team_id === 'string' ? body.team_id : null,
        channel: command.channel_id,
        messageTs: null,
        threadTs: null,
        responseUrl: command.response_url,
        sub,
        args,
      });
      await ack(ephemeral(slackMessage.working(`/flow ${sub}`)));
    } catch (error) {
      ctx.log('/flow listener failed', error);
      await ack(
        ephemeral(slackMessage.error('flowgate could not take that command just now; please try again.')),
      ).catch(() => {});
    }
  });
}

function ephemeral(message: SlackMessage): RespondArguments {
  // An empty `blocks` is not a valid payload; a plain text answer has none.
  return message.blocks.length === 0
    ? { response_type: 'ephemeral', text: message.text }
    : { response_type: 'ephemeral', text: message.text, blocks: message.blocks };
}
