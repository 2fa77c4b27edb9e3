import type { Button, KnownBlock } from '@slack/types';
import { ACTION_IDS, encodeActionValue } from './actionIds.js';
import { code } from './format.js';
import {
  actionsBlocks,
  context,
  fitMessage,
  plain,
  SLACK_LIMITS,
  type SlackMessage,
  section,
} from './limits.js';
import type { EnvironmentPickerView } from './types.js';

/**
 * Asks where a file shared in an unbound channel should be imported: one button per
 * environment (25 to an actions block; the buttons are numbered `flowgate.choose_environment:<i>`
 * because action ids must be unique in a block). Each carries the environment and the Slack
 * file id; nothing is imported until one is clicked.
 */
export function buildEnvironmentPicker(view: EnvironmentPickerView): SlackMessage {
  if (view.environments.length === 0) {
    return fitMessage({
      text: `${view.fileName} was not imported: no environment is configured.`,
      blocks: [section(`${code(view.fileName)} was not imported: flowgate has no environment configured.`)],
    });
  }
  const buttons = view.environments.map(
    (env, i): Button => ({
      type: 'button',
      action_id: `${ACTION_IDS.chooseEnvironment}:${i}`,
      text: plain(env, SLACK_LIMITS.buttonText),
      value: encodeActionValue(ACTION_IDS.chooseEnvironment, { env, file: view.fileId }),
    }),
  );
  const blocks: KnownBlock[] = [
    section(`Which environment should ${code(view.fileName)} be imported into?`),
    ...actionsBlocks(buttons),
    context('Bind this channel to an environment in the configuration to skip this question.'),
  ];
  return fitMessage({ text: `Which environment should ${view.fileName} be imported into?`, blocks });
}
