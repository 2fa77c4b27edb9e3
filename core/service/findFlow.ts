import { environmentOf, requireRole } from '../access.js';
import { closeNames, quoteList } from '../closeNames.js';
import type { Actor } from '../config.js';
import type { ServiceDeps } from '../deps.js';
import { ServiceError } from '../errors.js';
import type { Versions } from '../ports.js';
import { parseFlowKey } from '../versions/flowKey.js';
import type { FlowHead, FlowVersion } from '../versions/types.js';

/** Input of {@link findFlow}: a flow's name (`Main IVR`) or key (`flow:Main IVR`, `module:Auth`). */
export interface FindFlowInput {
  readonly env: string;
  readonly flow: string;
  readonly actor: Actor;
}

/** A flow's head in an environment, by name or key, for anyone who may view it. */
export async function findFlow(deps: ServiceDeps, input: FindFlowInput): Promise<FlowHead> {
  requireRole(deps.config, input.actor, 'viewer', 'look up flows');
  environmentOf(deps.config, input.env);
  return lookupHead(deps.versions, input.env, input.flow);
}

/**
 * The head of the flow `flow` names (a key, else an exact name) in `env`, for use cases that
 * have checked the actor already. Throws `ServiceError('not-found')` naming close names, or
 * `conflict` when a flow and a module share the name (the key tells them apart).
 */
export async function lookupHead(versions: Versions, env: string, flow: string): Promise<FlowHead> {
  const key = parseFlowKey(flow);
  if (key !== null) {
    const head = await versions.getHead(env, flow);
    if (head !== null) return head;
  }
  const heads = await versions.listHeads(env);
  const named = heads.filter((h) => h.name === flow || h.flowKey === flow);
  const [only] = named;
  if (only !== undefined && named.length === 1) return only;
  if (named.length > 1) {
    throw new ServiceError(
      'conflict',
      `'${flow}' names both ${quoteList(named.map((h) => h.flowKey))} in ${env}: give the key instead of the name.`,
    );
  }
  const close = closeNames(
    key?.name ?? flow,
    heads.map((h) => h.name),
  );
  const suggestion = close.length === 0 ? '' : ` Did you mean ${quoteList(close)}?`;
  throw new ServiceError('not-found', `There is no flow '${flow}' in ${env}.${suggestion}`);
}

/** A version of a flow, or `ServiceError('not-found')` saying which versions there are. */
export async function lookupVersion(
  versions: Versions,
  head: FlowHead,
  number: number,
): Promise<FlowVersion> {
  const version =
    Number.isInteger(number) && number >= 1
      ? await versions.getVersion(head.env, head.flowKey, number)
      : null;
  if (version !== null) return version;
  const range = head.latest === 1 ? 'version 1' : `versions 1 to ${head.latest}`;
  throw new ServiceError(
    'not-found',
    `'${head.name}' in ${head.env} has no version ${number}; it has ${range}.`,
  );
}
