import { z } from 'zod';
import { QUEUED_FLOW_COMMANDS } from './flowCommands.js';

/**
 * The work Slack listeners hand to the worker (through SQS in AWS, in-process locally). Jobs
 * cross a queue, so they are parsed with zod on the way out: a malformed message is reported,
 * not half-processed. Jobs carry ids only, never flow content.
 */

/**
 * Bounds on what a job carries, so a forged payload cannot carry kilobytes into ids: Slack's ids
 * (users, teams, channels, files, message timestamps) are short words; its action and block ids
 * stop at 255 characters, a button's value at 2,000 and an option's at 150. A value longer than
 * Slack allows still fits (twice the limit), so the worker's decoder refuses it and tells the user.
 */
export const JOB_LIMITS = {
  id: 64,
  elementId: 255,
  value: 4_000,
  url: 2_048,
  arg: 1_000,
  args: 100,
} as const;

const slackId = z.string().min(1).max(JOB_LIMITS.id);

const who = {
  /** Slack user id of the person who acted. */
  user: slackId,
  /** Slack team (workspace) id, for user-group lookups. */
  team: slackId.nullable(),
  channel: slackId,
};

/** Where the worker answers: a thread, a message to update, a response_url. */
const reply = {
  /** The message the interaction came from (updated in place rather than posting a new one). */
  messageTs: slackId.nullable(),
  threadTs: slackId.nullable(),
  responseUrl: z.string().max(JOB_LIMITS.url).url().nullable(),
};

export const importFileJob = z.object({
  kind: z.literal('import-file'),
  ...who,
  ...reply,
  fileId: slackId,
  /** Null when the channel is not bound: the worker asks which environment. */
  env: slackId.nullable(),
});

export const commandJob = z.object({
  kind: z.literal('command'),
  ...who,
  ...reply,
  /** `/flow <sub> …`: the subcommand and its words; only those the worker answers (app/flowCommands.ts). */
  sub: z.enum(QUEUED_FLOW_COMMANDS),
  args: z.array(z.string().max(JOB_LIMITS.arg)).max(JOB_LIMITS.args),
});

export const interactionJob = z.object({
  kind: z.literal('interaction'),
  ...who,
  ...reply,
  /** The action id that was clicked or chosen (see blocks/actionIds.ts). */
  actionId: z.string().min(1).max(JOB_LIMITS.elementId),
  /** The raw action value, decoded by the worker with blocks' decoder. */
  value: z.string().max(JOB_LIMITS.value),
  /** For selects: the chosen option's value. */
  selected: z.string().max(JOB_LIMITS.value).nullable(),
  /** The block the action sits in: a replacement picker's block id says which reference it is for. */
  blockId: z.string().max(JOB_LIMITS.value).nullable(),
  /** A rejection's reason, from the reject modal (a Reject click alone carries none). */
  reason: z.string().min(1).max(JOB_LIMITS.arg).nullable().optional(),
});

export const homeJob = z.object({
  kind: z.literal('home'),
  ...who,
  ...reply,
  /**
   * The tab's `hash` as Slack sent it in `app_home_opened` (absent the first time): publishing with
   * it is refused when the tab was published again since, so an older read never hides a newer one.
   */
  hash: z.string().max(JOB_LIMITS.id).nullable(),
});

/** Any job. */
export const slackJob = z.discriminatedUnion('kind', [importFileJob, commandJob, interactionJob, homeJob]);

export type ImportFileJob = z.infer<typeof importFileJob>;
export type CommandJob = z.infer<typeof commandJob>;
export type InteractionJob = z.infer<typeof interactionJob>;
export type HomeJob = z.infer<typeof homeJob>;
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
