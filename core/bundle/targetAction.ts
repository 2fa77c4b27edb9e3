import type { Diagnostic } from '../diagnostics.js';
import type { FlowKind, FlowType } from '../flowTypes.js';
import { parseArn } from '../resolve/arn.js';
import { memberKind } from '../resolve/bundleIndex.js';
import type { Catalog, CatalogHit } from '../resolve/catalog.js';
import type { CatalogResource } from '../resolve/types.js';
import { ambiguousTarget, typeMismatch } from './planDiagnostics.js';

/** What publishing does with one batch flow: create it, or update an existing target flow. */
export type TargetAction =
  | { readonly kind: 'create' }
  | { readonly kind: 'update'; readonly arn: string; readonly id: string };

/** The flow fields that decide create vs update. */
export interface TargetActionInput {
  readonly name: string;
  readonly type: FlowKind | null;
  readonly sourceArn: string | null;
  readonly sourceId: string | null;
}

/** The decision, and the findings that block it (a name taken by a flow of another type, an ambiguous name). */
export interface TargetActionDecision {
  readonly action: TargetAction;
  readonly diagnostics: readonly Diagnostic[];
}

const CREATE: TargetAction = { kind: 'create' };

/**
 * Create or update: a remembered mapping for the flow itself (by its source ARN, id, then name),
 * else the one target resource of the same name and kind (`flow` for flows, `module` for modules)
 * and type. A same-named flow of another type is a `type-mismatch`: Connect cannot import flows of
 * different types into each other. A module never answers for a flow, nor a flow for a module:
 * Connect names them in separate namespaces (CreateContactFlow and CreateContactFlowModule each
 * refuse only a duplicate of their own kind), so a flow "Greeting" beside a module "Greeting" is
 * created, not a clash. Only a
 * resource inside the target instance is updated; one inherited from a parent in another
 * instance is left alone and a new flow is created.
 */
export function decideTargetAction(flow: TargetActionInput, catalog: Catalog): TargetActionDecision {
  const kind = memberKind(flow);
  const flowType = flow.type === null || flow.type === 'MODULE' ? null : flow.type;
  const mapped = findFlowMapping(flow, catalog);
  if (mapped !== null) return decideHit(flow, mapped, flowType, catalog);
  const lookup = catalog.lookupName(kind, flow.name, flowType);
  const target = catalog.data.name;
  if (lookup.found === 'one') return decideHit(flow, lookup.hit, flowType, catalog);
  if (lookup.found === 'many') return blocked(ambiguousTarget(flow, lookup.count, target));
  const clash = catalog.resourcesNamed(kind, flow.name)[0];
  if (clash === undefined) return { action: CREATE, diagnostics: [] };
  return blocked(typeMismatch(flow, { name: clash.resource.name, type: kindOf(clash.resource) }, target));
}

function findFlowMapping(flow: TargetActionInput, catalog: Catalog): CatalogHit | null {
  const kind = memberKind(flow);
  for (const source of [flow.sourceArn, flow.sourceId, flow.name]) {
    if (source === null || source === '') continue;
    const hit = catalog.findMapping(kind, source);
    if (hit !== null) return hit;
  }
  return null;
}

function decideHit(
  flow: TargetActionInput,
  hit: CatalogHit,
  flowType: FlowType | null,
  catalog: Catalog,
): TargetActionDecision {
  const { resource } = hit;
  const existingType = resource.flowType;
  if (flowType !== null && existingType !== undefined && existingType !== flowType) {
    return blocked(typeMismatch(flow, { name: resource.name, type: existingType }, catalog.data.name));
  }
  if (hit.inherited && !inInstance(resource, catalog.data.instanceArn))
    return { action: CREATE, diagnostics: [] };
  return { action: { kind: 'update', arn: resource.arn, id: resource.id }, diagnostics: [] };
}

function blocked(diagnostic: Diagnostic): TargetActionDecision {
  return { action: CREATE, diagnostics: [diagnostic] };
}

function kindOf(resource: CatalogResource): FlowKind | null {
  if (resource.kind === 'module') return 'MODULE';
  return resource.flowType ?? null;
}

/** True when the resource's ARN is inside the target instance (a parent may share the instance). */
function inInstance(resource: CatalogResource, instanceArn: string): boolean {
  const instanceId = parseArn(instanceArn)?.instanceId ?? null;
  return instanceId !== null && parseArn(resource.arn)?.instanceId === instanceId;
}
