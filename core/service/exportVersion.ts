import { environmentOf, requireRole } from '../access.js';
import type { Actor } from '../config.js';
import type { ServiceDeps } from '../deps.js';
import { exportFileName } from '../versions/exportName.js';
import { lookupHead, lookupVersion } from './findFlow.js';

/** Input of {@link exportVersion}: a flow by name or key; the latest version unless `version` is given. */
export interface ExportVersionInput {
  readonly env: string;
  readonly flow: string;
  readonly version?: number;
  readonly actor: Actor;
}

/** An export file: its name and its text. */
export interface ExportedVersion {
  /** `<flow name>_<UTC stamp>.json`, safe on every OS. */
  readonly fileName: string;
  /** The version's Flow Language document (re-targeted to the environment), as the designer imports it. */
  readonly body: string;
  readonly version: number;
}

/**
 * A version as a file the flow designer imports: the Flow Language content exactly as stored
 * (what publishing writes), named after the flow and the time of export.
 */
export async function exportVersion(deps: ServiceDeps, input: ExportVersionInput): Promise<ExportedVersion> {
  requireRole(deps.config, input.actor, 'viewer', `export flows from ${input.env}`);
  environmentOf(deps.config, input.env);
  const head = await lookupHead(deps.versions, input.env, input.flow);
  const version = await lookupVersion(deps.versions, head, input.version ?? head.latest);
  return {
    fileName: exportFileName(version.name, deps.clock.now()),
    body: version.content,
    version: version.number,
  };
}
