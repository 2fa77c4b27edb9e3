import { environmentOf, requireRole } from '../access.js';
import type { Actor } from '../config.js';
import type { ServiceDeps } from '../deps.js';
import type { FlowHead, VersionSummary } from '../versions/types.js';
import { lookupHead } from './findFlow.js';

/** Input of {@link listVersions}: a flow by name or key. */
export interface ListVersionsInput {
  readonly env: string;
  readonly flow: string;
  readonly actor: Actor;
}

/** A flow's head and its versions, newest first (without their texts). */
export interface VersionList {
  readonly head: FlowHead;
  readonly versions: readonly VersionSummary[];
}

/** The versions of one flow in an environment. */
export async function listVersions(deps: ServiceDeps, input: ListVersionsInput): Promise<VersionList> {
  requireRole(deps.config, input.actor, 'viewer', `list versions in ${input.env}`);
  environmentOf(deps.config, input.env);
  const head = await lookupHead(deps.versions, input.env, input.flow);
  const versions = await deps.versions.listVersions(input.env, head.flowKey);
  return { head, versions };
}
