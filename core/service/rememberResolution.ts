import { environmentOf, requireRole } from '../access.js';
import { recordEvent } from '../audit/recordEvent.js';
import { closeNames, quoteList } from '../closeNames.js';
import type { Actor } from '../config.js';
import type { ServiceDeps } from '../deps.js';
import { ServiceError } from '../errors.js';
import { flowKindLabel } from '../flowTypes.js';
import { type AnalyzedFlow, analyzeFlow, planFlows } from '../pipeline.js';
import type { Reference, ResourceKind } from '../references/types.js';
import { idOf, parseArn } from '../resolve/arn.js';
import type { Catalog, CatalogHit } from '../resolve/catalog.js';
import { renameRulesFor } from '../resolve/renameRules.js';
import { draftOf } from '../versions/draft.js';
import { flowKeyOf } from '../versions/flowKey.js';
import type { FlowHead, FlowVersion, RememberedMapping } from '../versions/types.js';
import { lookupHead, lookupVersion } from './findFlow.js';
import { loadTarget, withMapping } from './loadTarget.js';

/** Input of {@link rememberResolution}. */
export interface RememberResolutionInput {
  readonly env: string;
  /** The flow (name or key) whose reference is resolved. */
  readonly flow: string;
  /** The reference: its kind, and the value or display name the flow gives it. */
  readonly ref: { readonly kind: ResourceKind; readonly source: string };
  /** The resource in the environment's target: an ARN, an id, or a name. */
  readonly to: string;
  readonly actor: Actor;
}

/** The remembered choice and the flow's version planned with it. */
export interface RememberedResolution {
  readonly mapping: RememberedMapping;
  readonly version: FlowVersion;
  /** False when the choice changed nothing in the flow's content (the latest version is returned). */
  readonly created: boolean;
}

/**
 * Records that, in an environment, references of a kind to `source` go to the resource `to`
 * names there, then plans the flow's latest version again with that choice and stores the result
 * as a new version (same source, the actor as author). Later imports reuse the choice through
 * {@link loadTarget}. The reference must be one the flow has, and `to` must exist in the target.
 */
export async function rememberResolution(
  deps: ServiceDeps,
  input: RememberResolutionInput,
): Promise<RememberedResolution> {
  requireRole(deps.config, input.actor, 'editor', `resolve references in ${input.env}`);
  environmentOf(deps.config, input.env);
  const head = await lookupHead(deps.versions, input.env, input.flow);
  const latest = await lookupVersion(deps.versions, head, head.latest);
  const reference = findReference(latest, input.ref.kind, input.ref.source);
  const catalog = await loadTarget(deps, input.env);
  const hit = findTarget(catalog, reference, input.to);
  const mapping: RememberedMapping = {
    env: input.env,
    kind: input.ref.kind,
    source: input.ref.source,
    // Shown in place of a raw ARN or id wherever people read the mapping (`/flow map`).
    ...(reference.name !== null && reference.name !== '' && reference.name !== input.ref.source
      ? { sourceName: reference.name }
      : {}),
    target: hit.resource.arn === '' ? hit.resource.id : hit.resource.arn,
    chosenBy: input.actor.id,
    chosenAt: deps.clock.now().toISOString(),
  };
  await deps.mappings.putMapping(mapping);
  const { version, created } = await replan(deps, input.actor, latest, withMapping(catalog, mapping));
  await recordEvent(deps, {
    env: input.env,
    actor: input.actor,
    action: 'resolve',
    flowKey: head.flowKey,
    detail: {
      kind: mapping.kind,
      source: mapping.source,
      target: mapping.target,
      targetName: hit.resource.name,
      version: version.number,
      created,
    },
    notification: null,
  });
  return { mapping, version, created };
}

/** The flow's reference of `kind` that `source` names (its value, the id in it, or its display name). */
function findReference(version: FlowVersion, kind: ResourceKind, source: string): Reference {
  const ofKind = version.references.filter((r) => r.kind === kind);
  const found = ofKind.find(
    (r) => r.value === source || r.name === source || (r.value !== '' && idOf(r.value) === source),
  );
  if (found !== undefined) return found;
  // Unresolved ones first: they are what people come here to resolve (sort is stable).
  const unresolvedFirst = version.references
    .map((r, i) => ({ r, unresolved: version.resolutions[i]?.by === 'unresolved' }))
    .filter(({ r }) => r.kind === kind)
    .sort((a, b) => Number(b.unresolved) - Number(a.unresolved))
    .map(({ r }) => r.name ?? r.value);
  const listed =
    unresolvedFirst.length === 0
      ? `it has no ${kind} references`
      : `its ${kind} references: ${quoteList(unresolvedFirst.slice(0, 5))}`;
  throw new ServiceError(
    'not-found',
    `'${version.name}' v${version.number} has no ${kind} reference '${source}' (${listed}).`,
  );
}

/** The target resource `to` names: by ARN, id, then exact name (a flow of the type the reference needs). */
function findTarget(catalog: Catalog, reference: Reference, to: string): CatalogHit {
  const { kind } = reference;
  const flowType = kind === 'flow' ? reference.flowType : null;
  const byArnOrId =
    (parseArn(to) === null ? null : catalog.findByArn(kind, to)) ?? catalog.findById(kind, to);
  const lookup = byArnOrId === null ? catalog.lookupName(kind, to, flowType) : null;
  const hit = byArnOrId ?? (lookup?.found === 'one' ? lookup.hit : null);
  if (lookup?.found === 'many') {
    throw new ServiceError(
      'conflict',
      `${catalog.data.name} has ${lookup.count} ${kind} resources named '${to}': give the ARN of the one to use.`,
    );
  }
  if (hit === null) throw missingTarget(catalog, kind, to);
  const found = hit.resource.flowType;
  if (flowType !== null && found !== undefined && found !== flowType) {
    throw new ServiceError(
      'conflict',
      `The reference needs a ${flowKindLabel(flowType)}, but '${hit.resource.name}' is a ${flowKindLabel(found)}.`,
    );
  }
  return hit;
}

function missingTarget(catalog: Catalog, kind: ResourceKind, to: string): ServiceError {
  const names: string[] = [];
  for (let layer: Catalog | null = catalog; layer !== null; layer = layer.parent) {
    for (const r of layer.data.resources) if (r.kind === kind) names.push(r.name);
  }
  const close = closeNames(to, names);
  const suggestion = close.length === 0 ? '' : ` Close names: ${quoteList(close)}.`;
  return new ServiceError('not-found', `${catalog.data.name} has no ${kind} '${to}'.${suggestion}`);
}

/**
 * Plans the latest version's file again against `catalog`, with the flows it took from its own
 * import batch (`bundle` resolutions) planned beside it from their latest versions, so those
 * references still resolve; stores the result as the flow's next version.
 */
async function replan(
  deps: ServiceDeps,
  actor: Actor,
  latest: FlowVersion,
  catalog: Catalog,
): Promise<{ version: FlowVersion; created: boolean }> {
  const companions = await batchCompanions(deps, latest);
  const batch = [reanalyze(latest), ...companions.map(reanalyze)];
  // A promoted version keeps the rename rules of its source environment when planned again.
  const renames = renameRulesFor(deps.config.renames ?? [], latest.source.env ?? null, latest.env);
  const [planned] = planFlows(batch, catalog, { renames }).flows;
  const draft =
    planned === undefined
      ? null
      : draftOf(planned, {
          env: latest.env,
          flowKey: latest.flowKey,
          author: actor.id,
          createdAt: deps.clock.now().toISOString(),
          source: latest.source,
          original: latest.original,
          sourceHash: latest.sourceHash,
        });
  if (draft === null) {
    throw new ServiceError(
      'invalid-state',
      `Version ${latest.number} of '${latest.name}' can no longer be read.`,
    );
  }
  return deps.versions.appendVersion(draft);
}

/** The latest versions of the other flows `version` resolved to its import batch. */
async function batchCompanions(deps: ServiceDeps, version: FlowVersion): Promise<FlowVersion[]> {
  const keys = new Set<string>();
  version.references.forEach((ref, i) => {
    const resolution = version.resolutions[i];
    if (resolution?.by !== 'bundle' || resolution.target === null) return;
    const key = flowKeyOf(ref.kind === 'module' ? 'module' : 'flow', resolution.target.name);
    if (key !== version.flowKey) keys.add(key);
  });
  const heads = await Promise.all([...keys].map((key) => deps.versions.getHead(version.env, key)));
  const found = heads.filter((h): h is FlowHead => h !== null);
  return Promise.all(found.map((h) => lookupVersion(deps.versions, h, h.latest)));
}

/**
 * A stored version's file analyzed again, under the name and type the version has (a file that
 * does not state them would otherwise take them from its file name, or have none).
 */
function reanalyze(version: FlowVersion): AnalyzedFlow {
  const options = version.type === null ? {} : { assumeType: version.type };
  const analyzed = analyzeFlow(version.source.ref, version.original, options);
  return { ...analyzed, name: version.name };
}
