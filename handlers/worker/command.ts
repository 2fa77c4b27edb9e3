import { FLOW_COMMANDS, type QueuedFlowCommandName } from '../../app/flowCommands.js';
import type { CommandJob } from '../../app/jobs.js';
import { fitMessage } from '../../blocks/limits.js';
import { buildProblem } from '../../blocks/messages.js';
import { buildUsage } from '../../blocks/usage.js';
import { parseCommandArgs } from './commandArgs.js';
import { runDiff } from './commands/diff.js';
import { runExport } from './commands/export.js';
import { runMap, runStatus, runVersions } from './commands/listings.js';
import { runPlan } from './commands/plan.js';
import { runPromote, runPull } from './commands/promote.js';
import { runPublish, runRollback } from './commands/publish.js';
import { WorkerRefusal } from './refusal.js';
import { tellUser } from './replies.js';
import type { JobContext } from './workerDeps.js';

type Run = (ctx: JobContext<CommandJob>, args: ReturnType<typeof parseCommandArgs>) => Promise<void>;

/**
 * The worker's half of each queued subcommand. Keyed by the names app/flowCommands.ts marks as
 * answered by the worker, so a new one there fails to compile until it has a handler here.
 */
const RUNS: Readonly<Record<QueuedFlowCommandName, Run>> = {
  plan: runPlan,
  versions: runVersions,
  diff: runDiff,
  export: runExport,
  publish: runPublish,
  rollback: runRollback,
  pull: runPull,
  promote: runPromote,
  status: runStatus,
  map: runMap,
};

/**
 * `/flow <sub> …` queued by the listener: answered through the command's response_url,
 * ephemeral, except what others need (a publish request for approvers, an export file), which is
 * posted in the channel. A command the worker cannot make sense of gets its problem and usage.
 */
export async function processCommand(ctx: JobContext<CommandJob>): Promise<void> {
  const { sub } = ctx.job;
  try {
    await RUNS[sub](ctx, parseCommandArgs(ctx.job.args));
  } catch (error) {
    if (!(error instanceof WorkerRefusal)) throw error;
    const problem = buildProblem(error.message);
    const usage = buildUsage(FLOW_COMMANDS, sub);
    await tellUser(
      ctx,
      fitMessage({ text: `${problem.text} ${usage.text}`, blocks: [...problem.blocks, ...usage.blocks] }),
    );
  }
}
