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

/** The `/flow` subcommands. */
export const SUBCOMMANDS = [
  'import',
  'plan',
  'versions',
  'diff',
  'export',
  'publish',
  'rollback',
  'status',
  'map',
  'help',
] as const;

/** A `/flow` subcommand. */
export type Subcommand = (typeof SUBCOMMANDS)[number];

/** Syntax and what each subcommand does (and who may run it). */
const USAGE: Readonly<Record<Subcommand, { readonly syntax: string; readonly about: string }>> = {
  import: {
    syntax: '/flow import',
    about: 'Opens a form to upload flow files (JSON or a zip) into an environment. Editors.',
  },
  plan: {
    syntax: '/flow plan <flow> [--env <env>]',
    about: 'Shows what publishing the latest version would do: create or update, order, references. Viewers.',
  },
  versions: {
    syntax: '/flow versions <flow> [--env <env>]',
    about: "Lists a flow's versions, newest first. Viewers.",
  },
  diff: {
    syntax: '/flow diff <flow> <from> <to> [--env <env>]',
    about: 'Compares two versions block by block: added, removed, changed, re-pointed references. Viewers.',
  },
  export: {
    syntax: '/flow export <flow> [<version>] [--env <env>]',
    about: 'Posts the version as a Flow Language file in the thread. Viewers.',
  },
  publish: {
    syntax: '/flow publish <flow> [<version>] [--env <env>]',
    about: 'Asks for approval to publish the version (the latest by default). Editors; a publisher approves.',
  },
  rollback: {
    syntax: '/flow rollback <flow> <version> [--env <env>]',
    about: 'Asks for approval to put an earlier version back. Editors.',
  },
  status: { syntax: '/flow status [--env <env>]', about: 'Lists pending publish requests. Viewers.' },
  map: {
    syntax: '/flow map [--env <env>]',
    about: 'Lists remembered replacements (source → resource in the environment). Viewers.',
  },
  help: { syntax: '/flow help [<subcommand>]', about: 'Shows this help, or one subcommand in detail.' },
};

/** True when `word` names a `/flow` subcommand. */
export function isSubcommand(word: string): word is Subcommand {
  return (SUBCOMMANDS as readonly string[]).includes(word);
}

/**
 * The ephemeral usage message: one subcommand in detail when `topic` names one, else every
 * subcommand; an unknown topic is named first, so the user sees what was not understood.
 * `<flow>` is a flow's name or key; `--env` may be left out in a channel bound to an environment.
 */
export function buildUsage(topic?: string): SlackMessage {
  const known = topic !== undefined && isSubcommand(topic) ? topic : null;
  if (known !== null) {
    const { syntax, about } = USAGE[known];
    return fitMessage({
      text: `${syntax}: ${about}`,
      blocks: [section(`${code(syntax)}\n${escapeMrkdwn(about)}`), context(flowNote())],
    });
  }
  const blocks: KnownBlock[] = [];
  if (topic !== undefined && topic !== '') {
    blocks.push(section(`:grey_question: ${code(topic)} is not a \`/flow\` subcommand.`));
  }
  const lines = SUBCOMMANDS.map((s) => `${code(USAGE[s].syntax)}: ${escapeMrkdwn(USAGE[s].about)}`);
  blocks.push(section(joinLines(['*Usage*', ...lines], SLACK_LIMITS.sectionText, 'subcommand')));
  blocks.push(
    context(`${flowNote()} Upload a flow file to a channel bound to an environment to import it there.`),
  );
  const first = topic !== undefined && topic !== '' ? `'${topic}' is not a /flow subcommand. ` : '';
  return fitMessage({ text: `${first}Usage: /flow ${SUBCOMMANDS.join(' | ')}`, blocks });
}

function flowNote(): string {
  return '`<flow>` is a flow name or key (`flow:Main`, `module:Greeting`); `--env` can be left out in a channel bound to an environment.';
}
