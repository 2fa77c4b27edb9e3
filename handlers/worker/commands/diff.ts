import { flowCommandSyntax } from '../../../app/flowCommands.js';
import type { CommandJob } from '../../../app/jobs.js';
import { buildDiffMessage } from '../../../blocks/messages.js';
import { diffVersions } from '../../../core/service/diffVersions.js';
import { type CommandArgs, commandEnv, flowName, trailingVersions } from '../commandArgs.js';
import { WorkerRefusal } from '../refusal.js';
import { tellUser } from '../replies.js';
import type { JobContext } from '../workerDeps.js';

const SYNTAX = flowCommandSyntax('diff');

/** `/flow diff <flow> <from> <to>`: what changed between two versions, block by block. */
export async function runDiff(ctx: JobContext<CommandJob>, args: CommandArgs): Promise<void> {
  const { service } = ctx.deps;
  const env = commandEnv(service.config, args, ctx.job.channel);
  const { rest, versions } = trailingVersions(args.words, 2);
  const [from, to] = versions;
  if (from === undefined || to === undefined) throw new WorkerRefusal(`Say which two versions: ${SYNTAX}`);
  const flow = flowName(rest, SYNTAX);
  const diff = await diffVersions(service, { env, flow, from, to, actor: await ctx.actor() });
  await tellUser(ctx, buildDiffMessage(diff));
}
