import { environmentOf, requireRole } from '../access.js';
import type { Actor, FlowgateConfig } from '../config.js';
import type { ServiceDeps } from '../deps.js';
import type { Diagnostic } from '../diagnostics.js';
import { AlreadyRequestedError, ServiceError } from '../errors.js';
import type { FlowContent } from '../flow.js';
import { parseFlowContent } from '../formats/parseFlowContent.js';
import {
  type AnalyzedFlow,
  analyzeFlow,
  type PlannedBatch,
  type PlannedFlow,
  planFlows,
} from '../pipeline.js';
import type { ContactCenterFlow } from '../ports.js';
import { memberKind } from '../resolve/bundleIndex.js';
import type { Catalog } from '../resolve/catalog.js';
import { renameRulesFor } from '../resolve/renameRules.js';
import { diffFlows, type FlowDiff } from '../versions/diff.js';
import { flowLabel } from '../versions/flowKey.js';
import type { FlowKey, FlowVersion, PublishRequest } from '../versions/types.js';
import { type ImportFile, importFlows } from './importFlows.js';
import { loadTarget, type TargetCache } from './loadTarget.js';
import { type ProgressReporter, type PulledFlow, pullFlows } from './pullFlows.js';
import { type BatchRequest, requestPublishBatch } from './requestPublishBatch.js';

/** Input of {@link promoteFlows}. */
export interface PromoteInput {
  /** The source environment: what is live there is promoted. */
  readonly from: string;
  /** The target environment: versions are stored there, and the batch's request opened there. */
  readonly to: string;
  /** Flow or module names (or globs); with `all`, ignored. */
  readonly flows: readonly string[];
  /** Every flow and module of the source. */
  readonly all: boolean;
  readonly actor: Actor;
  readonly progress?: ProgressReporter;
}

/** What changes in the target for one flow or module of the batch. */
export type PromotedChange = 'create' | 'update' | 'unchanged' | 'not-stored';

/** One flow or module of a promote. */
export interface PromotedFlow {
  readonly name: string;
  readonly kind: 'flow' | 'module';
  /** The version promoted: what is published in the source. */
  readonly sourceVersion: number;
  readonly change: PromotedChange;
  /** The version stored in the target (null when unchanged or not stored). */
  readonly version: FlowVersion | null;
  /** For an update: the target's live content against the promoted one (re-pointed references included). */
  readonly diff: FlowDiff | null;
  /** What the plan in the target found (unresolved references, type mismatches…). */
  readonly diagnostics: readonly Diagnostic[];
}

/** What a promote did. */
export interface PromoteResult {
  readonly from: string;
  readonly to: string;
  /** In publish order (modules first, referenced flows before the flows that use them). */
  readonly flows: readonly PromotedFlow[];
  /** The one request for the batch; null when nothing changes in the target or it could not be opened. */
  readonly request: BatchRequest | null;
  /** Why no request was opened although something changes (a flow that cannot be published), or null. */
  readonly refused: string | null;
  /**
   * The open request one of the batch's versions already has in the target (someone asked to
   * publish it first), with the flow's name: no request was opened, and that one is decided first.
   */
  readonly alreadyRequested: { readonly request: PublishRequest; readonly name: string } | null;
  /** Selected source flows that were never published (nothing live to promote). */
  readonly notPublished: readonly string[];
}

/**
 * Takes what is live in `from` and makes it `to`'s, reviewed: pulls the selected flows and the
 * modules and flows they use from the source (`pullFlows`: each stored and marked as what is
 * published there), re-resolves every reference in the target through the ladder and the target's
 * remembered mappings (`resolveInTarget`), and compares each with what the target holds now, read
 * live. Flows the target already holds as they would be promoted are left alone: when nothing
 * changes, nothing is written (no version, no request). The others are stored as versions of the
 * target (channel `promote`, through the one import) and one approval request is opened for the
 * batch, in publish order. Approving it (a publisher other than the requester, where the target
 * says so) publishes them together.
 *
 * @throws ServiceError `forbidden` (editors promote), `unknown-environment`, `conflict` (the same
 *   environment twice), `not-found` (no flow selected, or a name the source has no flow for).
 */
export async function promoteFlows(deps: ServiceDeps, input: PromoteInput): Promise<PromoteResult> {
  const { from, to, actor } = input;
  requireRole(deps.config, actor, 'editor', `promote flows from ${from} to ${to}`);
  environmentOf(deps.config, from);
  environmentOf(deps.config, to);
  if (from === to)
    throw new ServiceError('conflict', `Promote from one environment to another: both are ${from}.`);
  if (!input.all && input.flows.length === 0) {
    throw new ServiceError('not-found', `Say which flows to promote from ${from}, or promote them all.`);
  }
  const progress = input.progress ?? (() => {});
  const pulled = await pullFlows(deps, {
    env: from,
    flows: input.all ? [] : input.flows,
    dependencies: true,
    actor,
    progress,
  });
  const live = pulled.flows.filter((f): f is PulledFlow & { version: FlowVersion } => f.version !== null);
  const targets: TargetCache = new Map();
  const files = live.map((flow) => promotedFile(from, flow));
  const plan = await resolveInTarget(deps, { from, to }, files, targets);
  progress(`Resolved ${files.length} flow${files.length === 1 ? '' : 's'} in ${to}.`);
  const current = await liveTargets(deps, to, plan.flows);
  const changed = plan.flows.flatMap((planned, i) => (isUnchanged(planned, current) ? [] : [i]));
  const notStored = pulled.flows.filter((f) => f.version === null).map((f) => notStoredFlow(f));
  if (changed.length === 0) {
    progress(`Nothing changes in ${to}: nothing was written.`);
    const flows = ordered(plan, live, unchangedFlow);
    return {
      from,
      to,
      flows: [...notStored, ...flows],
      request: null,
      refused: null,
      alreadyRequested: null,
      notPublished: pulled.notPublished,
    };
  }
  const blocked = refusal(
    to,
    changed.flatMap((i) => plan.flows[i] ?? []),
  );
  if (blocked !== null) {
    // Refused before anything is written: a batch that cannot be published is not half stored.
    const flows = ordered(plan, live, (planned, flow) =>
      changed.includes(plan.flows.indexOf(planned))
        ? refusedFlow(planned, flow)
        : unchangedFlow(planned, flow),
    );
    return {
      from,
      to,
      flows: [...notStored, ...flows],
      request: null,
      refused: blocked,
      alreadyRequested: null,
      notPublished: pulled.notPublished,
    };
  }
  const imported = await importFlows(deps, {
    env: to,
    files: changed.flatMap((i) => files[i] ?? []),
    actor,
    channel: 'promote',
    targets,
    sourceEnv: from,
    planner: promotePlanner(deps.config, { from, to }),
  });
  progress(`Stored ${changed.length} version${changed.length === 1 ? '' : 's'} in ${to}.`);
  const stored = new Map(imported.flows.map((f) => [f.file, f]));
  const flows = ordered(plan, live, (planned, flow) => {
    const result = stored.get(planned.file);
    if (result === undefined) return unchangedFlow(planned, flow);
    const before = current.get(targetKey(planned));
    return {
      name: flow.name,
      kind: flow.kind,
      sourceVersion: flow.version.number,
      change: result.version === null ? 'not-stored' : before === undefined ? 'create' : 'update',
      version: result.version,
      diff: before === undefined || result.version === null ? null : diffContent(before, result.version),
      diagnostics: result.analysis.diagnostics,
    };
  });
  const opened = await openRequest(deps, to, flows, actor);
  if (opened.request !== null)
    progress(`Opened one request for ${opened.request.members.length} flows in ${to}.`);
  return { from, to, flows: [...notStored, ...flows], ...opened, notPublished: pulled.notPublished };
}

/** The environments of a promote: from where, to where. */
export interface EnvironmentPair {
  readonly from: string;
  readonly to: string;
}

/**
 * How promote resolves a batch in the target: the resolution ladder (exact ARN, the target's
 * remembered mappings, id, the batch itself, name) against the target's live inventory and its
 * parents'. The one place promote resolves, both to compare with the target and to store the
 * versions: a rule for names that differ by convention between two environments (per `pair`)
 * plugs in here, or in the ladder's name step this reaches.
 */
export function promotePlanner(
  config: FlowgateConfig,
  pair: EnvironmentPair,
): (analyzed: readonly AnalyzedFlow[], catalog: Catalog) => PlannedBatch {
  const renames = renameRulesFor(config.renames ?? [], pair.from, pair.to);
  return (analyzed, catalog) => planFlows(analyzed, catalog, { renames });
}

/** The promoted files planned in the target with {@link promotePlanner}. */
export async function resolveInTarget(
  deps: ServiceDeps,
  pair: EnvironmentPair,
  files: readonly ImportFile[],
  targets: TargetCache,
): Promise<PlannedBatch> {
  const catalog = await loadTarget(deps, pair.to, targets);
  return promotePlanner(deps.config, pair)(
    files.map((file) => analyzeFlow(file.name, file.bytes)),
    catalog,
  );
}

/**
 * The source version as a saved `DescribeContactFlow(Module)` response: its name, type, and its
 * ARN in the source (so the target's remembered mapping for that flow, and references to it from
 * other flows of the batch, are matched by id).
 */
function promotedFile(from: string, flow: PulledFlow & { version: FlowVersion }): ImportFile {
  const holder = {
    Arn: flow.arn,
    Id: flow.id,
    Name: flow.name,
    ...(flow.kind === 'flow' && flow.version.type !== null ? { Type: flow.version.type } : {}),
    Content: flow.version.content,
  };
  const body = flow.kind === 'module' ? { ContactFlowModule: holder } : { ContactFlow: holder };
  return {
    // Flows and modules may share a name: the file name tells them apart in the batch.
    name: flow.kind === 'module' ? `${flow.name} (module)` : flow.name,
    bytes: new TextEncoder().encode(JSON.stringify(body)),
    ref: `${from}:${flow.name} v${flow.version.number}`,
  };
}

function targetKey(planned: PlannedFlow): string {
  const action = planned.action;
  return action?.kind === 'update' ? `${memberKind(planned)}\u0000${action.id}` : '';
}

/** What the target holds now for each flow the plan updates, read live: one `describeFlows` per kind. */
async function liveTargets(
  deps: ServiceDeps,
  to: string,
  planned: readonly PlannedFlow[],
): Promise<Map<string, ContactCenterFlow>> {
  const center = deps.centers(to);
  const out = new Map<string, ContactCenterFlow>();
  for (const kind of ['module', 'flow'] as const) {
    const ids = planned.flatMap((p) =>
      p.action?.kind === 'update' && memberKind(p) === kind ? [p.action.id] : [],
    );
    if (ids.length === 0) continue;
    for (const [id, flow] of await center.describeFlows(kind, ids)) out.set(`${kind}\u0000${id}`, flow);
  }
  return out;
}

/** True when the target already holds exactly the content promoting would write. */
function isUnchanged(planned: PlannedFlow, current: ReadonlyMap<string, ContactCenterFlow>): boolean {
  if (planned.retargeted === null) return false;
  const live = current.get(targetKey(planned));
  return (
    live !== undefined &&
    live.status === 'PUBLISHED' &&
    sameJson(live.content, JSON.stringify(planned.retargeted))
  );
}

/** Connect may re-serialize content it stores: compared as JSON, not as text. */
function sameJson(text: string, compact: string): boolean {
  try {
    return JSON.stringify(JSON.parse(text)) === compact;
  } catch {
    return false;
  }
}

function diffContent(before: ContactCenterFlow, after: FlowVersion): FlowDiff | null {
  const from = contentOf(before.content);
  const to = contentOf(after.content);
  return from === null || to === null ? null : diffFlows(from, to);
}

function contentOf(text: string): FlowContent | null {
  try {
    const parsed = parseFlowContent(JSON.parse(text));
    return parsed.ok ? parsed.content : null;
  } catch {
    return null;
  }
}

/** The batch's flows in publish order, each described by `describe`. */
function ordered(
  plan: PlannedBatch,
  live: readonly (PulledFlow & { version: FlowVersion })[],
  describe: (planned: PlannedFlow, flow: PulledFlow & { version: FlowVersion }) => PromotedFlow,
): PromotedFlow[] {
  const byFile = new Map(plan.flows.map((planned, i) => [planned.file, i]));
  return plan.order.flatMap((file) => {
    const i = byFile.get(file);
    const planned = i === undefined ? undefined : plan.flows[i];
    const flow = i === undefined ? undefined : live[i];
    return planned === undefined || flow === undefined ? [] : [describe(planned, flow)];
  });
}

function unchangedFlow(planned: PlannedFlow, flow: PulledFlow & { version: FlowVersion }): PromotedFlow {
  return {
    name: flow.name,
    kind: flow.kind,
    sourceVersion: flow.version.number,
    change: 'unchanged',
    version: null,
    diff: null,
    diagnostics: planned.diagnostics,
  };
}

/** Why the changed flows cannot be published in the target (their first errors), or null when they can. */
function refusal(to: string, changed: readonly PlannedFlow[]): string | null {
  const problems = changed.flatMap((planned) =>
    planned.diagnostics.filter((d) => d.severity === 'error').map((d) => `${planned.name}: ${d.message}`),
  );
  if (problems.length === 0) return null;
  const more = problems.length > 3 ? ` …and ${problems.length - 3} more.` : '';
  return `Nothing was written to ${to}: ${problems.slice(0, 3).join(' ')}${more} Fix the flows in the source, or create the missing resources in ${to} (or remember a replacement there with flowgate resolve), then promote again.`;
}

/** A flow that would change but was refused with its batch: shown with the plan's findings. */
function refusedFlow(planned: PlannedFlow, flow: PulledFlow & { version: FlowVersion }): PromotedFlow {
  return {
    name: flow.name,
    kind: flow.kind,
    sourceVersion: flow.version.number,
    change: planned.action?.kind === 'update' ? 'update' : 'create',
    version: null,
    diff: null,
    diagnostics: planned.diagnostics,
  };
}

function notStoredFlow(flow: PulledFlow): PromotedFlow {
  return {
    name: flow.name,
    kind: flow.kind,
    sourceVersion: 0,
    change: 'not-stored',
    version: null,
    diff: null,
    diagnostics: flow.diagnostics,
  };
}

/**
 * The batch's one request, unless the same versions already wait for approval in one batch (a
 * promote repeated before anyone decided: that request stands). A batch that cannot be published
 * (errors, unresolved required references) opens none, and says why.
 */
async function openRequest(
  deps: ServiceDeps,
  to: string,
  flows: readonly PromotedFlow[],
  actor: Actor,
): Promise<Pick<PromoteResult, 'request' | 'refused' | 'alreadyRequested'>> {
  const lost = flows.filter((f) => f.change === 'not-stored').map((f) => f.name);
  if (lost.length > 0) {
    return {
      request: null,
      refused: `${lost.join(', ')} could not be stored in ${to}, so the batch was not put to approval: see the findings above, fix them in the source, then promote again.`,
      alreadyRequested: null,
    };
  }
  const versions = flows.flatMap((f) =>
    (f.change === 'create' || f.change === 'update') && f.version !== null ? [f.version] : [],
  );
  const waiting = await pendingBatch(deps, to, versions);
  if (waiting !== null) return { request: waiting, refused: null, alreadyRequested: null };
  try {
    const request = await requestPublishBatch(deps, { env: to, versions, actor });
    return { request, refused: null, alreadyRequested: null };
  } catch (error) {
    // Each entry point words the open request for its reader (mentions and a link, or names).
    if (error instanceof AlreadyRequestedError) {
      const named = flows.find((f) => f.version?.flowKey === error.request.flowKey);
      const open = { request: error.request, name: named?.name ?? flowLabel(error.request.flowKey) };
      return { request: null, refused: null, alreadyRequested: open };
    }
    if (error instanceof ServiceError && error.code === 'not-publishable')
      return { request: null, refused: error.message, alreadyRequested: null };
    throw error;
  }
}

async function pendingBatch(
  deps: ServiceDeps,
  env: string,
  versions: readonly FlowVersion[],
): Promise<BatchRequest | null> {
  const pending = await deps.requests.listRequests(env, 'pending');
  const wanted = new Map<FlowKey, number>(versions.map((v) => [v.flowKey, v.number]));
  const batches = new Map<string, PublishRequest[]>();
  for (const r of pending) {
    if (r.batch !== undefined) batches.set(r.batch, [...(batches.get(r.batch) ?? []), r]);
  }
  for (const [leadId, members] of batches) {
    const lead = members.find((m) => m.id === leadId);
    const same =
      lead !== undefined &&
      members.length === wanted.size &&
      members.every((m) => wanted.get(m.flowKey) === m.version);
    if (same)
      return { lead, members: versions.flatMap((v) => members.filter((m) => m.flowKey === v.flowKey)) };
  }
  return null;
}
