/**
 * The view models Slack messages are built from, as pure functions of what the store holds: the
 * import report's flows and references, a publish request, a decided request. `app/views.ts`
 * loads what they need; the builders in this folder turn them into messages.
 */
import { blockName } from '../core/actions.js';
import type { Diagnostic } from '../core/diagnostics.js';
import { FlowgateError } from '../core/errors.js';
import type { PublishOutcome } from '../core/publish/publishOutcome.js';
import type { Reference } from '../core/references/types.js';
import type { Catalog } from '../core/resolve/catalog.js';
import { describeRenameRule } from '../core/resolve/renameRules.js';
import type { Resolution } from '../core/resolve/types.js';
import type { VersionDiff } from '../core/service/diffVersions.js';
import type { ImportResult } from '../core/service/importFlows.js';
import { parseFlowKey } from '../core/versions/flowKey.js';
import { isPublishable } from '../core/versions/requests.js';
import type { FlowHead, FlowVersion, PublishRequest } from '../core/versions/types.js';
import { candidatesFor } from './candidates.js';
import type {
  FlowReportView,
  PublishRequestView,
  ReferenceChoices,
  ReferenceView,
  RequestDecidedView,
} from './types.js';
import type { VersionState } from './versionState.js';

/** Slack's limit for a static select; past it the picker types ahead. */
const STATIC_OPTIONS = 100;

/**
 * One flow of an import report, as the report message remembers it (see `reportRecord.ts`): enough
 * to rebuild its view from the store after a choice. `diagnostics` are kept only for files that
 * stored nothing (the store has them for the others).
 */
export interface ReportEntry {
  readonly file: string;
  readonly name: string;
  readonly flowKey: string | null;
  readonly version: number | null;
  readonly created: boolean;
  readonly diagnostics: readonly Diagnostic[];
}

/** What an import report message shows: the environment, who imported, and its flows. */
export interface ReportContent {
  readonly env: string;
  readonly actor: string;
  readonly flows: readonly ReportEntry[];
}

/** The report content of an import result. */
export function reportContentOf(result: ImportResult, actor: string): ReportContent {
  return {
    env: result.env,
    actor,
    flows: result.flows.map((f) => ({
      file: f.file,
      name: f.version?.name ?? f.analysis.name,
      flowKey: f.flowKey,
      version: f.version?.number ?? null,
      created: f.created,
      diagnostics: f.version === null ? f.analysis.diagnostics : [],
    })),
  };
}

/**
 * One flow of the import report: from its stored version (diagnostics, references and how each
 * resolved, picker options for the unresolved ones from the target's `catalog`), or from the
 * report entry alone when nothing was stored. `head` is the flow's head, `reportUrl` its report,
 * `state` where the version stands now (requested, live, superseded…).
 */
export function flowReportView(
  entry: ReportEntry,
  stored: FlowVersion | null,
  head: FlowHead | null,
  catalog: Catalog,
  reportUrl: string | null,
  state?: VersionState,
): FlowReportView {
  if (stored === null || entry.flowKey === null) return unstoredView(entry);
  return {
    ...(state === undefined ? {} : { state }),
    file: entry.file,
    name: stored.name,
    flowKey: stored.flowKey,
    version: stored.number,
    created: entry.created,
    previous: previousOf(head, stored.number),
    replacesTarget: head?.target != null || existsInTarget(catalog, stored),
    diagnostics: stored.diagnostics,
    references: stored.references.map((ref, i) => referenceView(ref, i, stored.resolutions[i], catalog)),
    publishable: isPublishable(stored),
    reportUrl,
  };
}

function unstoredView(entry: ReportEntry): FlowReportView {
  return {
    file: entry.file,
    name: entry.name,
    flowKey: entry.flowKey,
    version: null,
    created: false,
    previous: null,
    replacesTarget: false,
    diagnostics: entry.diagnostics,
    references: [],
    publishable: false,
  };
}

/** What Diff compares with: the published version, else the one before. */
function previousOf(head: FlowHead | null, version: number): number | null {
  const published = head?.published ?? null;
  if (published !== null && published !== version) return published;
  return version > 1 ? version - 1 : null;
}

function existsInTarget(catalog: Catalog, version: FlowVersion): boolean {
  const kind = parseFlowKey(version.flowKey)?.kind ?? 'flow';
  return catalog.resourcesNamed(kind, version.name).length > 0;
}

function referenceView(
  ref: Reference,
  index: number,
  resolution: Resolution | undefined,
  catalog: Catalog,
): ReferenceView {
  const by = resolution?.by ?? 'unresolved';
  return {
    index,
    kind: ref.kind,
    action: ref.action,
    block: blockName(ref.actionType),
    source: referenceSource(ref),
    required: ref.required,
    by,
    target: resolution?.target?.name ?? null,
    ...(resolution?.rule === undefined ? {} : { rule: describeRenameRule(resolution.rule) }),
    choices: by === 'unresolved' ? choicesFor(catalog, ref) : null,
  };
}

/** How the file names the resource: its display name, else its value. */
export function referenceSource(ref: Reference): string {
  if (ref.name !== null && ref.name !== '') return ref.name;
  return ref.value === '' ? '(unnamed)' : ref.value;
}

/** A static picker for up to 100 candidates; beyond that, type-ahead (an external select). */
export function choicesFor(catalog: Catalog, ref: Reference): ReferenceChoices {
  const options = candidatesFor(catalog, ref);
  if (options.length > STATIC_OPTIONS) return { external: true, count: options.length };
  return { external: false, options };
}

/**
 * A pending request as approvers see it. `replaces` is the published version it would replace;
 * `diff` runs from it, else from the version before (null for a first version).
 */
export function publishRequestViewOf(
  request: PublishRequest,
  head: FlowHead | null,
  replaces: number | null,
  diff: VersionDiff | null,
  reportUrl: string | null,
): PublishRequestView {
  return {
    requestId: request.id,
    env: request.env,
    flowKey: request.flowKey,
    name: head?.name ?? parseFlowKey(request.flowKey)?.name ?? request.flowKey,
    version: request.version,
    requester: request.requester,
    requestedAt: request.requestedAt,
    expiresAt: request.expiresAt,
    replaces,
    diff: diff === null ? null : { from: diff.from, to: diff.to, changes: diff.diff },
    reportUrl,
  };
}

/** The request's view after its decision, with what publishing did. */
export function requestDecidedView(
  view: PublishRequestView,
  request: PublishRequest,
  outcome: PublishOutcome | null,
  waitingFor: readonly string[] = [],
): RequestDecidedView {
  const { state } = request;
  if (state === 'pending') {
    throw new FlowgateError(
      'invalid-state',
      `Request ${request.id} is still pending; it has no decision to show.`,
    );
  }
  return {
    ...view,
    state,
    decidedBy: request.decidedBy,
    decidedAt: request.decidedAt,
    reason: request.reason === '' ? null : request.reason,
    outcome,
    waitingFor,
  };
}
