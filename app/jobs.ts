import { z } from 'zod';
import { QUEUED_FLOW_COMMANDS } from './flowCommands.js';

/**
 * The work Slack listeners hand to the worker (through SQS in AWS, in-process locally). Jobs
 * cross a queue, so they are parsed with zod on the way out: a malformed message is reported,
 * not half-processed. Jobs carry ids only, never flow content.
 */

const who = {
  /** Slack user id of the person who acted. */
  user: z.string().min(1),
  /** Slack team (workspace) id, for user-group lookups. */
  team: z.string().nullable(),
  channel: z.string().min(1),
};

/** Where the worker answers: a thread, a message to update, a response_url. */
const reply = {
  /** The message the interaction came from (updated in place rather than posting a new one). */
  messageTs: z.string().nullable(),
  threadTs: z.string().nullable(),
  responseUrl: z.string().url().nullable(),
};

export const importFileJob = z.object({
  kind: z.literal('import-file'),
  ...who,
  ...reply,
  fileId: z.string().min(1),
  /** Null when the channel is not bound: the worker asks which environment. */
  env: z.string().nullable(),
});

export const commandJob = z.object({
  kind: z.literal('command'),
  ...who,
  ...reply,
  /** `/flow <sub> …`: the subcommand and its words; only those the worker answers (app/flowCommands.ts). */
  sub: z.enum(QUEUED_FLOW_COMMANDS),
  args: z.array(z.string()),
});

export const interactionJob = z.object({
  kind: z.literal('interaction'),
  ...who,
  ...reply,
  /** The action id that was clicked or chosen (see blocks/actionIds.ts). */
  actionId: z.string().min(1),
  /** The raw action value, decoded by the worker with blocks' decoder. */
  value: z.string(),
  /** For selects: the chosen option's value. */
  selected: z.string().nullable(),
  /** The block the action sits in: a replacement picker's block id says which reference it is for. */
  blockId: z.string().nullable(),
});

/** Any job. */
export const slackJob = z.discriminatedUnion('kind', [importFileJob, commandJob, interactionJob]);

export type ImportFileJob = z.infer<typeof importFileJob>;
export type CommandJob = z.infer<typeof commandJob>;
export type InteractionJob = z.infer<typeof interactionJob>;
export type SlackJob = z.infer<typeof slackJob>;

/** Parses a job read from a queue; throws naming the problem. */
export function parseSlackJob(value: unknown): SlackJob {
  const parsed = slackJob.safeParse(value);
  if (parsed.success) return parsed.data;
  const problem = parsed.error.issues[0];
  throw new Error(
    `Not a flowgate job: ${problem?.path.join('.') || '(root)'}: ${problem?.message ?? 'invalid'}`,
  );
}
