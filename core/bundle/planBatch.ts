import type { Diagnostic } from '../diagnostics.js';
import type { FlowKind } from '../flowTypes.js';
import type { Reference } from '../references/types.js';
import { BundleIndex, type BundleMember, memberKind } from '../resolve/bundleIndex.js';
import type { Catalog } from '../resolve/catalog.js';
import type { RenameRule } from '../resolve/renameRules.js';
import { type ResolutionDetail, resolveReferenceDetail } from '../resolve/resolveReference.js';
import type { Resolution } from '../resolve/types.js';
import { orderGraph } from './dependencyGraph.js';
import {
  duplicateInBatch,
  flowTypeMismatch,
  missingDependency,
  unresolvedReference,
} from './planDiagnostics.js';
import { decideTargetAction, type TargetAction } from './targetAction.js';

/** One flow of a batch, as the planner needs it. */
export interface BatchFlow {
  readonly file: string;
  readonly name: string;
  readonly type: FlowKind | null;
  readonly sourceArn: string | null;
  readonly sourceId: string | null;
  readonly references: readonly Reference[];
}

/** The plan for one flow of the batch. */
export interface FlowPlan {
  readonly file: string;
  /** One per reference, same order as `BatchFlow.references`. */
  readonly resolutions: readonly Resolution[];
  /** Create a new flow, or update this existing target flow. */
  readonly action: TargetAction;
  /** Plan-level findings: unresolved references, "import X first", type mismatches. */
  readonly diagnostics: readonly Diagnostic[];
  /** Files of this batch that this flow references (publish them first), in input order. */
  readonly dependsOn: readonly string[];
}

/** The batch plan: per-flow plans (same order as input) and the publish order. */
export interface BatchPlan {
  readonly flows: readonly FlowPlan[];
  /** Files in publish order: modules first, then referenced flows before those that reference them. */
  readonly order: readonly string[];
  /**
   * Groups of files that reference each other in a cycle (or one that references itself): created
   * empty first, then given content. Members whose action is `update` already have an ARN, so
   * only the `create` ones need the empty first phase.
   */
  readonly cycles: readonly (readonly string[])[];
}

/** What planning one flow needs from the whole batch, built once. */
interface BatchContext {
  readonly catalog: Catalog;
  readonly renames: readonly RenameRule[];
  readonly bundle: BundleIndex;
  readonly positions: ReadonlyMap<BundleMember, number>;
  readonly updated: ReadonlyMap<string, number>;
}

/**
 * Resolves every reference of every flow against `catalog` and the batch itself, and orders the batch.
 *
 * Each flow is first matched to the target (create or update), so that a reference to another
 * batch flow can carry the ARN it will update. A flow depends on a batch flow it references,
 * whether the reference resolved to the batch (`bundle`) or to the existing target flow that batch
 * flow will update: either way, that one is published first. `renames` are the rename rules of
 * the source → target pair, tried at the name step (none when the source is unknown).
 */
export function planBatch(
  flows: readonly BatchFlow[],
  catalog: Catalog,
  renames: readonly RenameRule[] = [],
): BatchPlan {
  const decisions = flows.map((flow) => decideTargetAction(flow, catalog));
  const members = flows.map(
    (flow, i): BundleMember => ({ ...flow, target: updateTarget(decisions[i]?.action) }),
  );
  const context: BatchContext = {
    catalog,
    renames,
    bundle: new BundleIndex(members),
    positions: new Map(members.map((member, i) => [member, i])),
    updated: updatedTargets(members),
  };
  const duplicates = duplicateDiagnostics(flows);
  const edges: number[][] = [];
  const plans = flows.map((flow, i): FlowPlan => {
    const { resolutions, diagnostics, dependencies } = resolveFlow(flow, context);
    edges.push(dependencies);
    return {
      file: flow.file,
      resolutions,
      action: decisions[i]?.action ?? { kind: 'create' },
      diagnostics: [...(decisions[i]?.diagnostics ?? []), ...(duplicates.get(i) ?? []), ...diagnostics],
      dependsOn: dependencies.map((d) => flows[d]?.file ?? ''),
    };
  });
  const graph = orderGraph(edges, (node) => flows[node]?.type === 'MODULE');
  const fileOf = (node: number): string => flows[node]?.file ?? '';
  return { flows: plans, order: graph.order.map(fileOf), cycles: graph.cycles.map((c) => c.map(fileOf)) };
}

/** One flow's resolutions, their findings, and the batch positions it depends on (ascending). */
function resolveFlow(
  flow: BatchFlow,
  context: BatchContext,
): { resolutions: Resolution[]; diagnostics: Diagnostic[]; dependencies: number[] } {
  const details = flow.references.map((ref) =>
    resolveReferenceDetail(ref, context.catalog, context.bundle, context.renames),
  );
  const dependencies = new Set<number>();
  flow.references.forEach((ref, r) => {
    const detail = details[r];
    const dependency = detail === undefined ? undefined : dependencyOf(ref, detail, context);
    if (dependency !== undefined) dependencies.add(dependency);
  });
  return {
    resolutions: details.map((d) => d.resolution),
    diagnostics: referenceDiagnostics(flow.references, details, context.catalog.data.name),
    dependencies: [...dependencies].sort((a, b) => a - b),
  };
}

function updateTarget(action: TargetAction | undefined): { arn: string; id: string } | null {
  return action?.kind === 'update' ? { arn: action.arn, id: action.id } : null;
}

/** Batch members by the target flow they will update, so a reference to that flow is a dependency. */
function updatedTargets(members: readonly BundleMember[]): Map<string, number> {
  const byTarget = new Map<string, number>();
  members.forEach((member, i) => {
    if (member.target) byTarget.set(`${memberKind(member)}\u0000${member.target.id}`, i);
  });
  return byTarget;
}

function dependencyOf(ref: Reference, detail: ResolutionDetail, context: BatchContext): number | undefined {
  if (detail.member !== null) return context.positions.get(detail.member);
  if (detail.resource === null || (ref.kind !== 'flow' && ref.kind !== 'module')) return undefined;
  return context.updated.get(`${ref.kind}\u0000${detail.resource.id}`);
}

function referenceDiagnostics(
  references: readonly Reference[],
  details: readonly ResolutionDetail[],
  target: string,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  references.forEach((ref, r) => {
    const detail = details[r];
    if (detail === undefined) return;
    if (detail.resolution.by === 'unresolved') {
      const isFlow = ref.kind === 'flow' || ref.kind === 'module';
      out.push(isFlow ? missingDependency(ref, target) : unresolvedReference(ref, target));
      return;
    }
    const found = detail.resource;
    if (
      ref.kind === 'flow' &&
      ref.flowType !== null &&
      found?.flowType !== undefined &&
      found.flowType !== ref.flowType
    ) {
      out.push(flowTypeMismatch(ref, ref.flowType, { name: found.name, type: found.flowType }));
    }
  });
  return out;
}

/** `duplicate-in-batch` for every flow that shares its kind and name with another file of the batch. */
function duplicateDiagnostics(flows: readonly BatchFlow[]): Map<number, Diagnostic[]> {
  const byName = new Map<string, number[]>();
  flows.forEach((flow, i) => {
    const k = `${memberKind(flow)}\u0000${flow.name}`;
    byName.set(k, [...(byName.get(k) ?? []), i]);
  });
  const out = new Map<number, Diagnostic[]>();
  for (const group of byName.values()) {
    if (group.length < 2) continue;
    for (const i of group) {
      const flow = flows[i];
      const others = group.filter((j) => j !== i).map((j) => flows[j]?.file ?? '');
      if (flow !== undefined) out.set(i, [duplicateInBatch(flow, others.join(', '))]);
    }
  }
  return out;
}
