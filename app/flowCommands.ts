import type { Role } from '../core/config.js';

/*
 * Why this lives in app/: a subcommand's definition is mostly routing (who may run it, which
 * entry point answers it), and four parties read it: the Slack listener (role check, routing), the
 * job contract (app/jobs.ts: which subcommands may cross the queue), the worker (its dispatch map
 * is keyed by the queued names) and the usage text. app/ is the floor both entry points and the
 * job contract may import. blocks/ may import only core/, so `buildUsage` takes these entries as
 * an argument instead of importing them, and core/ is the domain, which knows nothing of Slack's
 * `/flow`.
 */

/**
 * Who answers a subcommand: the listener, at once (Slack's 3 seconds; `import` opens a modal whose
 * trigger expires in 3 s), or the worker, after the listener has queued a job.
 */
export type FlowCommandAnswerer = 'listener' | 'worker';

/** What defines one `/flow` subcommand. */
export interface FlowCommand {
  /** The word after `/flow`. */
  readonly name: string;
  /** The role the listener checks before answering or queueing; null when anyone may run it (`help`). */
  readonly role: Role | null;
  readonly answeredBy: FlowCommandAnswerer;
  /** Shown in the usage and in the worker's "say which flow" refusals; starts with `/flow <name>`. */
  readonly syntax: string;
  /** One sentence or two for the usage, ending with who may run it. */
  readonly about: string;
}

/**
 * Every `/flow` subcommand, in the order the usage lists them. Adding one here puts it in the
 * usage, the listener's role check and routing and, when the worker answers it, in the job schema.
 * The dispatch map of whoever answers it (`RUNS` in handlers/worker/command.ts, `ANSWERS` in
 * handlers/slack/listeners/commands/flowCommand.ts) then fails to compile until it has a handler.
 * Slack's app manifest (slack/manifest.yml) repeats the names as a usage hint; a test keeps it in step.
 */
export const FLOW_COMMANDS = [
  {
    name: 'import',
    role: 'editor',
    answeredBy: 'listener',
    syntax: '/flow import',
    about: 'Opens a form to upload flow files (JSON or a zip) into an environment. Editors.',
  },
  {
    name: 'plan',
    role: 'viewer',
    answeredBy: 'worker',
    syntax: '/flow plan <flow> [--env <env>]',
    about: 'Shows what publishing the latest version would do: create or update, order, references. Viewers.',
  },
  {
    name: 'versions',
    role: 'viewer',
    answeredBy: 'worker',
    syntax: '/flow versions <flow> [--env <env>]',
    about: "Lists a flow's versions, newest first. Viewers.",
  },
  {
    name: 'diff',
    role: 'viewer',
    answeredBy: 'worker',
    syntax: '/flow diff <flow> <from> <to> [--env <env>]',
    about: 'Compares two versions block by block: added, removed, changed, re-pointed references. Viewers.',
  },
  {
    name: 'export',
    role: 'viewer',
    answeredBy: 'worker',
    syntax: '/flow export <flow> [<version>] [--env <env>]',
    about: 'Posts the version as a Flow Language file in the thread. Viewers.',
  },
  {
    name: 'publish',
    role: 'editor',
    answeredBy: 'worker',
    syntax: '/flow publish <flow> [<version>] [--env <env>]',
    about: 'Asks for approval to publish the version (the latest by default). Editors; a publisher approves.',
  },
  {
    name: 'rollback',
    role: 'editor',
    answeredBy: 'worker',
    syntax: '/flow rollback <flow> <version> [--env <env>]',
    about: 'Asks for approval to put an earlier version back. Editors.',
  },
  {
    name: 'pull',
    role: 'editor',
    answeredBy: 'worker',
    syntax: '/flow pull [<flow or pattern>, …] [--env <source>] [--saved]',
    about:
      "Reads flows and modules straight from the environment's instance (all of them, or those named; published content, or saved with --saved) and stores them as its versions. Editors.",
  },
  {
    name: 'promote',
    role: 'editor',
    answeredBy: 'worker',
    syntax: '/flow promote <flow>, … | --all --from <source> --to <target>',
    about:
      'Takes what is live in the source (and the modules and flows it uses) to the target: references re-pointed there, one request for the batch. Editors; a publisher approves.',
  },
  {
    name: 'status',
    role: 'viewer',
    answeredBy: 'worker',
    syntax: '/flow status [--env <env>]',
    about: 'Lists pending publish requests. Viewers.',
  },
  {
    name: 'map',
    role: 'viewer',
    answeredBy: 'worker',
    syntax: '/flow map [--env <env>]',
    about: 'Lists remembered replacements (source → resource in the environment). Viewers.',
  },
  {
    name: 'help',
    role: null,
    answeredBy: 'listener',
    syntax: '/flow help [<subcommand>]',
    about: 'Shows this help, or one subcommand in detail.',
  },
] as const satisfies readonly FlowCommand[];

/** One entry of {@link FLOW_COMMANDS}, with its literal name, role and answerer. */
export type DefinedFlowCommand = (typeof FLOW_COMMANDS)[number];

/** The name of a `/flow` subcommand. */
export type FlowCommandName = DefinedFlowCommand['name'];

/** A subcommand the listener queues for the worker. */
export type QueuedFlowCommand = Extract<DefinedFlowCommand, { readonly answeredBy: 'worker' }>;

/** The name of a subcommand the worker answers: the job schema's `sub`, the worker's dispatch keys. */
export type QueuedFlowCommandName = QueuedFlowCommand['name'];

/** The name of a subcommand the listener answers itself. */
export type ListenerFlowCommandName = Extract<
  DefinedFlowCommand,
  { readonly answeredBy: 'listener' }
>['name'];

/** True when the worker answers `command` (the listener queues it). */
export function isQueuedFlowCommand(command: DefinedFlowCommand): command is QueuedFlowCommand {
  return command.answeredBy === 'worker';
}

/** The names of the subcommands the worker answers, in usage order (the job schema's enum). */
export const QUEUED_FLOW_COMMANDS: readonly QueuedFlowCommandName[] = FLOW_COMMANDS.filter(
  isQueuedFlowCommand,
).map((command) => command.name);

/** The subcommand `word` names, or undefined when it names none. */
export function findFlowCommand(word: string): DefinedFlowCommand | undefined {
  return FLOW_COMMANDS.find((command) => command.name === word);
}

/** The syntax of subcommand `name`, as the usage shows it (the worker quotes it in refusals). */
export function flowCommandSyntax(name: FlowCommandName): string {
  const command = findFlowCommand(name);
  // Unreachable: `name` is typed as one of the defined names.
  if (command === undefined) throw new Error(`/flow ${name} is not defined`);
  return command.syntax;
}
