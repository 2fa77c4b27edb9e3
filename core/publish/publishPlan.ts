import { orderGraph } from '../bundle/dependencyGraph.js';
import type { FlowType } from '../flowTypes.js';
import type { Reference } from '../references/types.js';
import { memberKind } from '../resolve/bundleIndex.js';
import type { Resolution } from '../resolve/types.js';
import { flowKeyOf } from '../versions/flowKey.js';
import type { AuditEvent, FlowHead, FlowKey, FlowVersion, PublishRequest } from '../versions/types.js';
import type { TargetLookup } from './publishTarget.js';

/** One approved request of a batch, with its version and where it goes. */
export interface PublishMember {
  readonly request: PublishRequest;
  readonly version: FlowVersion;
  readonly located: TargetLookup;
  /** What an earlier run of this request did before it stopped (a crash, a timeout); null when there was none. */
  readonly earlier: EarlierRun | null;
}

/** What a resumed request's earlier run left: found so that resuming neither refuses nor repeats it. */
export interface EarlierRun {
  /** The target holds content that run recorded it would write (so it is no change made outside flowgate). */
  readonly wrote: boolean;
  /** The `publish` audit event that run recorded, when it got that far. */
  readonly recorded: AuditEvent | null;
}

/**
 * A reference whose content still holds the source value, because the flow it points at did not
 * exist in the target at import time: publishing points it at the batch member's ARN (known once
 * that member is written) or at the flow an earlier publish created.
 */
export interface PendingLink {
  readonly reference: Reference;
  readonly name: string;
  /** The batch member it points at, or null when it points at an already published flow. */
  readonly member: number | null;
  readonly published: { readonly arn: string; readonly id: string } | null;
}

/** The batch's order and links, or the problems that stop it before anything is written. */
export interface PublishPlan {
  /** Member positions, dependencies first, modules as early as they can go. */
  readonly order: readonly number[];
  /** Members that reference each other in a cycle (or one that references itself). */
  readonly cycles: readonly (readonly number[])[];
  /** Per member, same order as the input. */
  readonly links: readonly (readonly PendingLink[])[];
  readonly problems: readonly string[];
}

/**
 * Orders a batch by its dependencies (each member's flow and module references that point at
 * another member, by the target it will update or, for a flow still to be created, by name) and
 * finds the references publishing must re-target. `heads` are the environment's flows, to find
 * those an earlier publish created.
 */
export function planPublish(members: readonly PublishMember[], heads: readonly FlowHead[]): PublishPlan {
  const problems = members.flatMap(memberProblems);
  const edges: number[][] = [];
  const links = members.map((member, i): PendingLink[] => {
    const dependencies = new Set<number>();
    const pending: PendingLink[] = [];
    member.version.references.forEach((reference, r) => {
      const resolution = member.version.resolutions[r];
      if (resolution?.target == null || (reference.kind !== 'flow' && reference.kind !== 'module')) return;
      const target = resolution.target;
      const j = batchMember(members, reference, resolution);
      if (j !== null) dependencies.add(j);
      if (target.arn !== null || target.id !== null) return;
      if (j !== null) {
        pending.push({ reference, name: target.name, member: j, published: null });
        return;
      }
      const key = flowKeyOf(reference.kind === 'module' ? 'module' : 'flow', target.name);
      const head = heads.find((h) => h.flowKey === key);
      if (head?.target) {
        pending.push({ reference, name: target.name, member: null, published: head.target });
        return;
      }
      problems.push(
        `${member.version.name} v${member.version.number} uses the ${reference.kind} '${target.name}' (block '${reference.action}'), which is neither published in ${member.request.env} nor in this batch: publish it first, or in the same batch.`,
      );
    });
    edges[i] = [...dependencies].sort((a, b) => a - b);
    return pending;
  });
  const graph = orderGraph(edges, (node) => members[node]?.version.type === 'MODULE');
  return { order: graph.order, cycles: graph.cycles, links, problems };
}

/**
 * The flows a version's content still names by their source value, because they did not exist
 * in the target when it was imported (`bundle` resolutions without an ARN or id): they must be
 * published before it, or with it.
 */
export function unpublishedDependencies(version: FlowVersion): FlowKey[] {
  const keys = new Set<FlowKey>();
  version.references.forEach((reference, r) => {
    const target = version.resolutions[r]?.target;
    if (target == null || target.arn !== null || target.id !== null) return;
    if (reference.kind === 'flow' || reference.kind === 'module')
      keys.add(flowKeyOf(reference.kind, target.name));
  });
  keys.delete(version.flowKey);
  return [...keys];
}

/** The flow type `CreateFlow` needs: null for a module. */
export function createType(version: FlowVersion): FlowType | null {
  return version.type === null || version.type === 'MODULE' ? null : version.type;
}

/**
 * The member a reference points at: the one updating the resolved target, or, for a flow to be
 * created (a `bundle` resolution without an id), the one of that kind and name.
 */
function batchMember(
  members: readonly PublishMember[],
  reference: Reference,
  resolution: Resolution,
): number | null {
  const target = resolution.target;
  if (target === null) return null;
  const index = members.findIndex((m) => {
    if (memberKind(m.version) !== reference.kind) return false;
    if (target.id !== null) return m.located.target?.id === target.id;
    return resolution.by === 'bundle' && m.version.name === target.name;
  });
  return index === -1 ? null : index;
}

function memberProblems(member: PublishMember): string[] {
  const { version, located } = member;
  const problems = located.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message);
  if (located.target === null && memberKind(version) === 'flow' && createType(version) === null) {
    problems.push(
      `${version.name} v${version.number} does not say its flow type, so it cannot be created in ${version.env}: import it again with its type.`,
    );
  }
  return problems;
}
