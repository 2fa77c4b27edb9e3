import { flowCommandSyntax } from '../../../app/flowCommands.js';
import type { CommandJob } from '../../../app/jobs.js';
import { buildPlanMessage } from '../../../blocks/messages.js';
import { analyzeFlow, planFlows } from '../../../core/pipeline.js';
import type { Catalog } from '../../../core/resolve/catalog.js';
import { renameRulesFor } from '../../../core/resolve/renameRules.js';
import { findFlow } from '../../../core/service/findFlow.js';
import { loadTarget } from '../../../core/service/loadTarget.js';
import type { FlowVersion } from '../../../core/versions/types.js';
import { type CommandArgs, commandEnv, flowName } from '../commandArgs.js';
import { WorkerRefusal } from '../refusal.js';
import { tellUser } from '../replies.js';
import type { JobContext } from '../workerDeps.js';

/**
 * `/flow plan <flow>`: the flow's latest version planned again against the environment as it is
 * now, stored nowhere (viewers). To plan a new file, upload it: the import report is the plan.
 */
export async function runPlan(ctx: JobContext<CommandJob>, args: CommandArgs): Promise<void> {
  const { service } = ctx.deps;
  const env = commandEnv(service.config, args, ctx.job.channel);
  const flow = flowName(args.words, flowCommandSyntax('plan'));
  const head = await findFlow(service, { env, flow, actor: await ctx.actor() });
  const version = await service.versions.getVersion(env, head.flowKey, head.latest);
  if (version === null) throw new WorkerRefusal(`${head.name} has no version ${head.latest} in ${env}.`);
  const analyzed = analyzeFlow(
    version.source.ref,
    version.original,
    version.type === null ? {} : { assumeType: version.type },
  );
  // A promoted version is planned with the rename rules of the environment it came from.
  const renames = renameRulesFor(service.config.renames ?? [], version.source.env ?? null, env);
  const catalog = await loadTarget(service, env);
  const [planned] = planFlows([{ ...analyzed, name: version.name }], catalog, { renames }).flows;
  if (planned === undefined) throw new WorkerRefusal(`${head.name} v${version.number} could not be planned.`);
  await tellUser(
    ctx,
    buildPlanMessage(env, version, planned, [catalog, ...(await sourceCatalog(ctx, version, env))]),
  );
}

/**
 * The catalog of the environment a promoted or pulled version came from, which knows the names of
 * the resources its raw values point at; none when it has no such environment or cannot be read.
 */
async function sourceCatalog(
  ctx: JobContext<CommandJob>,
  version: FlowVersion,
  env: string,
): Promise<Catalog[]> {
  const from = version.source.env ?? null;
  const { service } = ctx.deps;
  if (from === null || from === env || service.config.environments[from] === undefined) return [];
  // The names are a courtesy: a source that cannot be read leaves the raw values.
  return loadTarget(service, from).then(
    (catalog) => [catalog],
    (error: unknown) => {
      ctx.deps.log(`no catalog of ${from} to name the plan's references`, error);
      return [];
    },
  );
}
