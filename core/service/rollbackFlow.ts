import { environmentOf, requireRole } from '../access.js';
import { recordEvent } from '../audit/recordEvent.js';
import type { Actor } from '../config.js';
import type { ServiceDeps } from '../deps.js';
import { ServiceError } from '../errors.js';
import type { FlowVersion, PublishRequest } from '../versions/types.js';
import { lookupHead } from './findFlow.js';
import { requestPublish } from './requestPublish.js';

/** Input of {@link rollbackFlow}. */
export interface RollbackFlowInput {
  readonly env: string;
  /** The flow's key (`flow:Main`) or its name. */
  readonly flow: string;
  /** The version whose content comes back. */
  readonly to: number;
  readonly actor: Actor;
}

/** The restoring version and the request to publish it. */
export interface RollbackResult {
  readonly version: FlowVersion;
  /** False when the latest version already had that content (it is the one requested). */
  readonly created: boolean;
  readonly request: PublishRequest;
}

/**
 * Rolls a flow back (editor): a new version with the content, references and resolutions of
 * version `to` (`restores: to`), then a publish request for it through the same approval path
 * as any other. History is never rewritten: the bad version stays, the new one undoes it.
 *
 * @throws ServiceError `not-found` (no such version), and whatever `requestPublish` refuses with.
 */
export async function rollbackFlow(deps: ServiceDeps, input: RollbackFlowInput): Promise<RollbackResult> {
  const { env, to, actor } = input;
  requireRole(deps.config, actor, 'editor', 'roll back flows');
  environmentOf(deps.config, env);
  const flow = (await lookupHead(deps.versions, env, input.flow)).flowKey;
  const target = await deps.versions.getVersion(env, flow, to);
  if (target === null) {
    throw new ServiceError('not-found', `${flow} has no version ${to} in ${env} to roll back to.`);
  }
  const { number: _number, ...copy } = target;
  const { version, created } = await deps.versions.appendVersion({
    ...copy,
    source: { channel: 'rollback', ref: `v${to}` },
    author: actor.id,
    createdAt: deps.clock.now().toISOString(),
    restores: to,
  });
  await recordEvent(deps, {
    env,
    actor,
    action: 'rollback',
    flowKey: flow,
    detail: { to, version: version.number, created },
    notification: null,
  });
  const request = await requestPublish(deps, { env, flow, version: version.number, actor });
  return { version, created, request };
}
