import { flowCommandSyntax } from '../../../app/flowCommands.js';
import type { CommandJob } from '../../../app/jobs.js';
import { buildMappings } from '../../../blocks/mappings.js';
import { buildStatus } from '../../../blocks/status.js';
import { buildVersions } from '../../../blocks/versions.js';
import { environmentOf, requireRole } from '../../../core/access.js';
import { listVersions } from '../../../core/service/listVersions.js';
import { loadTarget } from '../../../core/service/loadTarget.js';
import { type CommandArgs, commandEnv, flowName } from '../commandArgs.js';
import { tellUser } from '../replies.js';
import type { JobContext } from '../workerDeps.js';

/** `/flow versions <flow> [--env <env>]`: the flow's versions, newest first. */
export async function runVersions(ctx: JobContext<CommandJob>, args: CommandArgs): Promise<void> {
  const { service } = ctx.deps;
  const env = commandEnv(service.config, args, ctx.job.channel);
  const flow = flowName(args.words, flowCommandSyntax('versions'));
  const list = await listVersions(service, { env, flow, actor: await ctx.actor() });
  const { reportLink } = ctx.deps;
  const reportUrl = reportLink === undefined ? null : (n: number) => reportLink(env, list.head.flowKey, n);
  await tellUser(ctx, buildVersions(list, reportUrl));
}

/** `/flow status [--env <env>]`: the environment's pending publish requests (viewers). */
export async function runStatus(ctx: JobContext<CommandJob>, args: CommandArgs): Promise<void> {
  const { service } = ctx.deps;
  const env = commandEnv(service.config, args, ctx.job.channel);
  requireRole(service.config, await ctx.actor(), 'viewer', `see publish requests in ${env}`);
  environmentOf(service.config, env);
  const requests = await service.requests.listRequests(env, 'pending');
  await tellUser(ctx, buildStatus({ env, requests }));
}

/** `/flow map [--env <env>]`: the replacements remembered for the environment (viewers). */
export async function runMap(ctx: JobContext<CommandJob>, args: CommandArgs): Promise<void> {
  const { service } = ctx.deps;
  const env = commandEnv(service.config, args, ctx.job.channel);
  requireRole(service.config, await ctx.actor(), 'viewer', `see remembered replacements in ${env}`);
  environmentOf(service.config, env);
  const mappings = await service.mappings.listMappings(env);
  const catalog = await loadTarget(service, env);
  const targetNames = new Map<string, string>();
  for (const m of mappings) {
    const hit = catalog.findByArn(m.kind, m.target) ?? catalog.findById(m.kind, m.target);
    if (hit !== null) targetNames.set(m.target, hit.resource.name);
  }
  await tellUser(ctx, buildMappings({ env, mappings, targetNames }));
}
