import { environmentOf } from '../access.js';
import { recordEvent } from '../audit/recordEvent.js';
import type { Actor } from '../config.js';
import type { ServiceDeps } from '../deps.js';
import { ContactCenterError, ServiceError } from '../errors.js';
import type { ContactCenter, IntegrationKind } from '../ports.js';
import { parseArn } from '../resolve/arn.js';
import type { CatalogData } from '../resolve/types.js';
import { flowLabel } from '../versions/flowKey.js';
import type { FlowKey } from '../versions/types.js';
import type { PublishMember } from './publishPlan.js';

/** A Lambda function or Lex V2 bot alias that flows of a batch invoke, and where. */
export interface IntegrationUse {
  readonly kind: IntegrationKind;
  readonly arn: string;
  /** The function's name (from its ARN), or the alias ARN for a bot (Connect lists no bot names). */
  readonly name: string;
  readonly uses: readonly { readonly flowKey: FlowKey; readonly action: string }[];
}

/**
 * The Lambda functions and Lex V2 aliases the batch's writes will invoke: each resolved
 * reference of those kinds, by the ARN its content holds. Members whose target already holds
 * their content are left out (nothing is written there, so Connect checks nothing).
 */
export function integrationsOf(members: readonly PublishMember[]): IntegrationUse[] {
  const byArn = new Map<
    string,
    { kind: IntegrationKind; arn: string; name: string; uses: IntegrationUse['uses'][number][] }
  >();
  for (const { version, located } of members) {
    if (located.alreadyPublished) continue;
    version.references.forEach((reference, r) => {
      const kind = reference.kind;
      if (kind !== 'lambda' && kind !== 'lex-bot') return;
      const arn = version.resolutions[r]?.target?.arn ?? null;
      if (arn === null) return;
      const entry = byArn.get(arn) ?? { kind, arn, name: nameOf(kind, arn), uses: [] };
      entry.uses.push({ flowKey: version.flowKey, action: reference.action });
      byArn.set(arn, entry);
    });
  }
  return [...byArn.values()];
}

/** The uses whose ARN the instance's inventory does not list (Connect lists only associated ones). */
export function unassociated(uses: readonly IntegrationUse[], inventory: CatalogData): IntegrationUse[] {
  const listed = new Set(
    inventory.resources
      .filter((r) => r.kind === 'lambda' || r.kind === 'lex-bot')
      .map((r) => `${r.kind} ${r.arn}`),
  );
  return uses.filter((use) => !listed.has(`${use.kind} ${use.arn}`));
}

/**
 * Before anything is written: every Lambda function and Lex V2 alias the batch's flows invoke
 * must be associated with the instance, or Connect refuses the flow with a generic validation
 * error. Each one that is not is named as its own finding; where the environment's approval says
 * `associate`, the approved publish associates it (audited) and goes on. Costs nothing when no
 * member invokes one, else one read of the instance's Lambda and Lex lists (`integrationInventory`)
 * and one call per association.
 * Returns the contact-center calls made.
 *
 * Connect cannot say whether a function it does not list exists in the account (that needs
 * Lambda's ListFunctions): the association answers it, `not-found` when it does not.
 *
 * @throws ServiceError `not-publishable`, with the findings, when one is not associated and
 *   the environment does not allow associating, or an association fails.
 */
export async function ensureAssociated(
  deps: ServiceDeps,
  center: ContactCenter,
  env: string,
  members: readonly PublishMember[],
  actor: Actor,
): Promise<number> {
  const uses = integrationsOf(members);
  if (uses.length === 0) return 0;
  const missing = unassociated(uses, await center.integrationInventory());
  let calls = 1;
  if (missing.length === 0) return calls;
  const instance = instanceOf(env, center.instanceArn);
  if (!environmentOf(deps.config, env).approval.associate) {
    const findings = missing.map((use) => `${describeUse(use, instance)}.`).join(' ');
    throw new ServiceError(
      'not-publishable',
      `Nothing was published to ${env}: ${findings} Connect refuses a flow that invokes one. Associate ${missing.length === 1 ? 'it' : 'them'} with the instance in the Amazon Connect console (Flows → AWS Lambda, or Amazon Lex), or set approval.associate: true for ${env} in the flowgate config to let approved publishes do it, then publish again.`,
    );
  }
  for (const use of missing) {
    calls += 1;
    try {
      await center.associateIntegration(use.kind, use.arn);
    } catch (error) {
      const why =
        error instanceof ContactCenterError && error.code === 'not-found'
          ? `Connect found no such ${use.kind === 'lambda' ? 'function' : 'bot alias'} (check that it exists in ${parseArn(use.arn)?.region ?? 'its Region'} of account ${parseArn(use.arn)?.account ?? '?'} and the ARN in the flow)`
          : error instanceof Error
            ? error.message
            : String(error);
      throw new ServiceError(
        'not-publishable',
        `Nothing was published to ${env}: ${describeUse(use, instance)}, and associating it failed: ${why}.`,
        { cause: error },
      );
    }
    await recordEvent(deps, {
      env,
      actor,
      action: 'associate',
      flowKey: use.uses[0]?.flowKey ?? null,
      detail: { kind: use.kind, arn: use.arn, name: use.name, instance: center.instanceArn },
      notification: null,
    });
  }
  return calls;
}

/** "The Lambda function 'lookup-order' (block 'x' of flow:Main) is not associated with instance …" */
function describeUse(use: IntegrationUse, instance: Instance): string {
  const what =
    use.kind === 'lambda' ? `The Lambda function '${use.name}'` : `The Lex V2 bot alias ${use.name}`;
  const where = use.uses.map((u) => `block '${u.action}' of ${flowLabel(u.flowKey)}`).join(', ');
  // Only the ARN says where it lives: Connect lists only what is associated.
  const account = parseArn(use.arn)?.account;
  const owner =
    account !== undefined && account === instance.account
      ? ` is in the instance's account (${account}) but`
      : '';
  return `${what} (${where})${owner} is not associated with ${instance.name}`;
}

interface Instance {
  readonly name: string;
  readonly account: string | null;
}

function instanceOf(env: string, instanceArn: string): Instance {
  const parsed = parseArn(instanceArn);
  return { name: `instance ${parsed?.resourceId ?? instanceArn} (${env})`, account: parsed?.account ?? null };
}

function nameOf(kind: IntegrationKind, arn: string): string {
  if (kind !== 'lambda') return arn;
  const parsed = parseArn(arn);
  if (parsed === null) return arn;
  return parsed.qualifier === null ? parsed.resourceId : `${parsed.resourceId}:${parsed.qualifier}`;
}
