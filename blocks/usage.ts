import type { KnownBlock } from '@slack/types';
import { code } from './format.js';
import {
  context,
  escapeMrkdwn,
  fitMessage,
  joinLines,
  SLACK_LIMITS,
  type SlackMessage,
  section,
} from './limits.js';

/**
 * What the usage shows of one `/flow` subcommand. The subcommands are defined in
 * app/flowCommands.ts, which blocks/ may not import (it imports only core/), so callers pass them in.
 */
export interface UsageEntry {
  readonly name: string;
  readonly syntax: string;
  readonly about: string;
}

/**
 * The ephemeral usage message: one of `commands` in detail when `topic` names one, else all of
 * them, in their order; an unknown topic is named first, so the user sees what was not understood.
 * `<flow>` is a flow's name or key; `--env` may be left out in a channel bound to an environment.
 */
export function buildUsage(commands: readonly UsageEntry[], topic?: string): SlackMessage {
  const known = topic === undefined ? undefined : commands.find((c) => c.name === topic);
  if (known !== undefined) {
    const { syntax, about } = known;
    return fitMessage({
      text: `${syntax}: ${about}`,
      blocks: [section(`${code(syntax)}\n${escapeMrkdwn(about)}`), context(flowNote())],
    });
  }
  const blocks: KnownBlock[] = [];
  if (topic !== undefined && topic !== '') {
    blocks.push(section(`:grey_question: ${code(topic)} is not a \`/flow\` subcommand.`));
  }
  const lines = commands.map((c) => `${code(c.syntax)}: ${escapeMrkdwn(c.about)}`);
  blocks.push(section(joinLines(['*Usage*', ...lines], SLACK_LIMITS.sectionText, 'subcommand')));
  blocks.push(
    context(`${flowNote()} Upload a flow file to a channel bound to an environment to import it there.`),
  );
  const first = topic !== undefined && topic !== '' ? `'${topic}' is not a /flow subcommand. ` : '';
  return fitMessage({ text: `${first}Usage: /flow ${commands.map((c) => c.name).join(' | ')}`, blocks });
}

function flowNote(): string {
  return '`<flow>` is a flow name or key (`flow:Main`, `module:Greeting`); `--env` can be left out in a channel bound to an environment.';
}
