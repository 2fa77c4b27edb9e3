import { buildStaleClick, type VersionState, versionStateOf } from '../../../blocks/versionState.js';
import { parseFlowKey } from '../../../core/versions/flowKey.js';
import { tellUser } from '../replies.js';
import { type JobContext, refreshReportsOf } from '../workerDeps.js';

/** Where version `version` of `flow` in `env` stands now (from the store, not from the message). */
export async function versionNow(
  ctx: JobContext,
  env: string,
  flow: string,
  version: number,
): Promise<VersionState> {
  const { versions, requests } = ctx.deps.service;
  const [head, list, asked] = await Promise.all([
    versions.getHead(env, flow),
    versions.listVersions(env, flow),
    requests.listFlowRequests(env, flow),
  ]);
  return versionStateOf(version, head, list, asked);
}

/**
 * Answers a click on a report button that no longer makes sense (the version is live, or a newer
 * import replaced it; for Discard also once it is requested) from the current state, and brings
 * the flow's reports up to date. True when the click was answered so and must do nothing else.
 */
export async function answeredStale(
  ctx: JobContext,
  doing: 'request' | 'discard',
  at: { readonly env: string; readonly flow: string; readonly version: number },
): Promise<boolean> {
  const state = await versionNow(ctx, at.env, at.flow, at.version);
  const head = await ctx.deps.service.versions.getHead(at.env, at.flow);
  const name = head?.name ?? parseFlowKey(at.flow)?.name ?? at.flow;
  const answer = buildStaleClick(doing, { name, version: at.version, env: at.env, state });
  if (answer === null) return false;
  await refreshReportsOf(ctx, at.env, [at.flow]);
  await tellUser(ctx, answer);
  return true;
}
