import { flowCommandSyntax } from '../../../app/flowCommands.js';
import type { CommandJob } from '../../../app/jobs.js';
import { buildNotice } from '../../../blocks/messages.js';
import { AlreadyRequestedError } from '../../../core/errors.js';
import { requestPublish } from '../../../core/service/requestPublish.js';
import { rollbackFlow } from '../../../core/service/rollbackFlow.js';
import { flowLabel } from '../../../core/versions/flowKey.js';
import type { PublishRequest } from '../../../core/versions/types.js';
import { tellAlreadyRequested } from '../alreadyRequested.js';
import { announceRequest } from '../announceRequest.js';
import { type CommandArgs, commandEnv, flowName, trailingVersions, versionNumber } from '../commandArgs.js';
import { WorkerRefusal } from '../refusal.js';
import { tellUser } from '../replies.js';
import type { JobContext } from '../workerDeps.js';

/** `/flow publish <flow> [<version>|--version N]`: asks approvers, in the channel. */
export async function runPublish(ctx: JobContext<CommandJob>, args: CommandArgs): Promise<void> {
  const { service } = ctx.deps;
  const env = commandEnv(service.config, args, ctx.job.channel);
  const { rest, versions } = trailingVersions(args.words, 1);
  const flow = flowName(rest, flowCommandSyntax('publish'));
  const version = args.version ?? versions[0];
  const actor = await ctx.actor();
  let request: PublishRequest;
  try {
    request = await requestPublish(service, {
      env,
      flow,
      actor,
      ...(version === undefined ? {} : { version }),
    });
  } catch (error) {
    if (!(error instanceof AlreadyRequestedError)) throw error;
    await tellAlreadyRequested(ctx, error.request);
    return;
  }
  await announceRequest(ctx, request, actor);
  await tellUser(ctx, buildNotice(requestNotice(request.flowKey, request.version, request.state, env)));
}

/** `/flow rollback <flow> <version>` or `--to N`: a new version restoring it, and its publish request. */
export async function runRollback(ctx: JobContext<CommandJob>, args: CommandArgs): Promise<void> {
  const { service } = ctx.deps;
  const env = commandEnv(service.config, args, ctx.job.channel);
  const syntax = flowCommandSyntax('rollback');
  const { rest, versions } = trailingVersions(args.words, 1);
  // `--to abc` is refused as not a version, as it always was.
  const to = args.to ?? (args.toWord === null ? undefined : versionNumber(args.toWord)) ?? versions[0];
  if (to === undefined) throw new WorkerRefusal(`Say which version to go back to: ${syntax}`);
  const flow = flowName(rest, syntax);
  const actor = await ctx.actor();
  const { request } = await rollbackFlow(service, { env, flow, to, actor });
  await announceRequest(ctx, request, actor);
  await tellUser(ctx, buildNotice(requestNotice(request.flowKey, request.version, request.state, env)));
}

function requestNotice(flow: string, version: number, state: string, env: string): string {
  const name = flowLabel(flow);
  return state === 'pending'
    ? `You asked to publish ${name} v${version} to ${env}: the request is in the channel for another publisher to approve.`
    : `${name} v${version} needs no approval in ${env}: the outcome is in the channel.`;
}
