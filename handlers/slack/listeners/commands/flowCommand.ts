import type { AllMiddlewareArgs, App, RespondArguments, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { findFlowCommand, type ListenerFlowCommandName } from '../../../../app/flowCommands.js';
import { JOB_LIMITS } from '../../../../app/jobs.js';
import type { SlackMessage } from '../../../../blocks/limits.js';
import { enqueue, type ListenerContext, mayAct } from '../../context.js';
import { slackMessage } from '../../slackMessage.js';

/** What a subcommand the listener answers itself gets: Bolt's arguments, the context, the words after it. */
type ListenerAnswer = (
  request: SlackCommandMiddlewareArgs & AllMiddlewareArgs,
  ctx: ListenerContext,
  args: readonly string[],
) => Promise<void>;

/**
 * The listener's half of the subcommands app/flowCommands.ts marks as answered by the listener:
 * keyed by their names, so a new one there fails to compile until it has an answer here.
 */
const ANSWERS: Readonly<Record<ListenerFlowCommandName, ListenerAnswer>> = {
  help: async ({ ack }, _ctx, args) => {
    await ack(ephemeral(slackMessage.usage(args[0] ?? null, null)));
  },
  // Opened here, not by the worker: the trigger id expires 3 seconds after the command.
  import: async ({ ack, client, command }, ctx) => {
    await ack();
    await client.views.open({
      trigger_id: command.trigger_id,
      view: slackMessage.importModal(Object.keys(ctx.config.environments), command.channel_id),
    });
  },
};

/**
 * `/flow <subcommand> …`. Answers within Slack's 3 seconds: usage and refusals at once
 * (ephemeral), what app/flowCommands.ts says the listener answers at once (help; the import
 * modal), everything else queued for the worker, which answers through the command's response_url.
 */
export function registerFlowCommand(app: App, ctx: ListenerContext): void {
  app.command('/flow', async (request) => {
    const { command, ack, body } = request;
    try {
      const [word = 'help', ...args] = command.text
        .trim()
        .split(/\s+/)
        .filter((w) => w !== '');
      if (args.length > JOB_LIMITS.args || args.some((arg) => arg.length > JOB_LIMITS.arg)) {
        await ack(
          ephemeral(
            slackMessage.error(
              `That command is too long for flowgate: at most ${JOB_LIMITS.args} words of ${JOB_LIMITS.arg} characters.`,
            ),
          ),
        );
        return;
      }
      const sub = findFlowCommand(word);
      if (sub === undefined) {
        await ack(ephemeral(slackMessage.usage(null, word)));
        return;
      }
      // The use case checks again in the worker, with the user's groups.
      if (sub.role !== null && !mayAct(ctx.config, command.user_id, sub.role)) {
        await ack(
          ephemeral(
            slackMessage.error(
              `You need the ${sub.role} role for /flow ${sub.name}. Ask a flowgate admin to add you.`,
            ),
          ),
        );
        return;
      }
      if (sub.answeredBy === 'listener') {
        await ANSWERS[sub.name](request, ctx, args);
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
        sub: sub.name,
        args,
      });
      await ack(ephemeral(slackMessage.working(`/flow ${sub.name}`)));
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
