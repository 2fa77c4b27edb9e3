import { environmentOf, requireRole } from '../access.js';
import type { Actor } from '../config.js';
import type { ServiceDeps } from '../deps.js';
import { FlowgateError } from '../errors.js';
import type { FlowContent } from '../flow.js';
import { parseFlowContent } from '../formats/parseFlowContent.js';
import { diffFlows, type FlowDiff } from '../versions/diff.js';
import type { FlowKey, FlowVersion } from '../versions/types.js';
import { lookupHead, lookupVersion } from './findFlow.js';

/** Input of {@link diffVersions}: a flow by name or key and two of its version numbers. */
export interface DiffVersionsInput {
  readonly env: string;
  readonly flow: string;
  readonly from: number;
  readonly to: number;
  /** List layout-only moves too (they are always counted). */
  readonly includeLayout?: boolean;
  readonly actor: Actor;
}

/** What changed from one version of a flow to another. */
export interface VersionDiff {
  readonly env: string;
  readonly flowKey: FlowKey;
  readonly name: string;
  readonly from: number;
  readonly to: number;
  readonly diff: FlowDiff;
}

/** The structural diff of two versions of a flow (blocks, branches, re-pointed references). */
export async function diffVersions(deps: ServiceDeps, input: DiffVersionsInput): Promise<VersionDiff> {
  requireRole(deps.config, input.actor, 'viewer', `compare versions in ${input.env}`);
  environmentOf(deps.config, input.env);
  const head = await lookupHead(deps.versions, input.env, input.flow);
  const [from, to] = await Promise.all([
    lookupVersion(deps.versions, head, input.from),
    lookupVersion(deps.versions, head, input.to),
  ]);
  const options = input.includeLayout === undefined ? {} : { includeLayout: input.includeLayout };
  return {
    env: head.env,
    flowKey: head.flowKey,
    name: head.name,
    from: from.number,
    to: to.number,
    diff: diffFlows(storedContent(from), storedContent(to), options),
  };
}

/** A stored version's content, checked: the store is outside this process, so it is parsed here. */
function storedContent(version: FlowVersion): FlowContent {
  let doc: unknown;
  try {
    doc = JSON.parse(version.content);
  } catch (error) {
    throw corrupt(version, error);
  }
  const parsed = parseFlowContent(doc);
  if (parsed.ok) return parsed.content;
  throw corrupt(version, parsed.diagnostics[0]?.message);
}

function corrupt(version: FlowVersion, cause: unknown): FlowgateError {
  return new FlowgateError(
    'corrupt-version',
    `Version ${version.number} of '${version.name}' in ${version.env} does not hold a Flow Language document.`,
    { cause },
  );
}
