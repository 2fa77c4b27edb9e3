import type { SlackMessageRef } from '../../../adapters/slack/SlackMessenger.js';
import { flowCommandSyntax } from '../../../app/flowCommands.js';
import type { CommandJob } from '../../../app/jobs.js';
import { plural } from '../../../blocks/format.js';
import { buildNotice } from '../../../blocks/messages.js';
import { buildProgress, buildPromoteReport, buildPullReport } from '../../../blocks/promote.js';
import { type PromoteResult, promoteFlows } from '../../../core/service/promoteFlows.js';
import { type ProgressReporter, pullFlows } from '../../../core/service/pullFlows.js';
import { tellAlreadyRequested } from '../alreadyRequested.js';
import { announceRequest } from '../announceRequest.js';
import { type CommandArgs, commandEnv, flowNames } from '../commandArgs.js';
import { WorkerRefusal } from '../refusal.js';
import { tellUser, threadOf } from '../replies.js';
import type { JobContext } from '../workerDeps.js';

/**
 * One message in the channel that follows a long job: posted when it starts, updated as it goes
 * (updates wait for one another, so they land in order), replaced by the report at the end.
 */
async function progressMessage(
  ctx: JobContext<CommandJob>,
  doing: string,
): Promise<{ report: ProgressReporter; done: () => Promise<SlackMessageRef> }> {
  const { messenger, log } = ctx.deps;
  const posted = await messenger.post(
    ctx.job.channel,
    buildProgress(ctx.job.user, doing, 'starting…'),
    threadOf(ctx),
  );
  let chain = Promise.resolve();
  const report: ProgressReporter = (latest) => {
    chain = chain
      .then(() => messenger.update(posted, buildProgress(ctx.job.user, doing, latest)))
      // Progress is a courtesy: a failed update must not stop the job.
      .catch((error: unknown) => log('could not update the progress message', error));
  };
  return {
    report,
    done: async () => {
      await chain;
      return posted;
    },
  };
}

/** `/flow pull [<flow or pattern>, …] [--env <source>] [--saved]`: the report replaces the progress message. */
export async function runPull(ctx: JobContext<CommandJob>, args: CommandArgs): Promise<void> {
  const { service, messenger } = ctx.deps;
  const env = commandEnv(service.config, args, ctx.job.channel);
  const actor = await ctx.actor();
  const progress = await progressMessage(ctx, `pulling from ${env}`);
  const result = await pullFlows(service, {
    env,
    flows: flowNames(args.words),
    saved: args.saved,
    actor,
    progress: progress.report,
  });
  await messenger.update(await progress.done(), buildPullReport(result, ctx.job.user));
  const stored = result.flows.filter((f) => f.created).length;
  await tellUser(
    ctx,
    buildNotice(
      `Pulled ${plural(result.flows.length, 'flow')} from ${env} (${plural(stored, 'new version')}): the report is in the channel.`,
    ),
  );
}

/**
 * `/flow promote <flow>, … | --all --from <source> --to <target>`: what changes in the target
 * replaces the progress message, and the batch's one request is posted for approvers.
 */
export async function runPromote(ctx: JobContext<CommandJob>, args: CommandArgs): Promise<void> {
  const { service, messenger } = ctx.deps;
  const syntax = flowCommandSyntax('promote');
  const flows = flowNames(args.words);
  if (args.from === null || args.toWord === null)
    throw new WorkerRefusal(`Say where from and where to: ${syntax}`);
  if (args.all === flows.length > 0)
    throw new WorkerRefusal(`Name the flows to promote, or say --all: ${syntax}`);
  const actor = await ctx.actor();
  const progress = await progressMessage(ctx, `promoting ${args.from} → ${args.toWord}`);
  const result = await promoteFlows(service, {
    from: args.from,
    to: args.toWord,
    flows,
    all: args.all,
    actor,
    progress: progress.report,
  });
  await messenger.update(await progress.done(), buildPromoteReport(result, ctx.job.user));
  if (result.request !== null) await announceRequest(ctx, result.request.lead, actor);
  // A version already asked for is answered as a repeated publish is: who asked, when, a link.
  if (result.alreadyRequested !== null) await tellAlreadyRequested(ctx, result.alreadyRequested.request);
  else await tellUser(ctx, buildNotice(promoteNotice(result)));
}

function promoteNotice(result: PromoteResult): string {
  if (result.request !== null) {
    return `Promoted ${result.from} → ${result.to}: one request for ${plural(result.request.members.length, 'flow')} is in the channel for a publisher to approve.`;
  }
  if (result.refused !== null)
    return `Promoted ${result.from} → ${result.to}, but no request was opened: ${result.refused}`;
  return `Promoted ${result.from} → ${result.to}: nothing changes in ${result.to}, so nothing was written.`;
}
