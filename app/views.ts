import { candidatesFor } from '../blocks/candidates.js';
import type {
  FlowReportView,
  ImportReportView,
  PublishRequestView,
  ReferenceChoices,
  ReferenceView,
  RequestDecidedView,
} from '../blocks/types.js';
import { blockName } from '../core/actions.js';
import type { Actor } from '../core/config.js';
import type { ServiceDeps } from '../core/deps.js';
import type { Diagnostic } from '../core/diagnostics.js';
import { FlowgateError } from '../core/errors.js';
import type { PublishOutcome } from '../core/publish/publishOutcome.js';
import type { Reference } from '../core/references/types.js';
import type { Catalog } from '../core/resolve/catalog.js';
import type { Resolution } from '../core/resolve/types.js';
import { diffVersions } from '../core/service/diffVersions.js';
import type { ImportResult } from '../core/service/importFlows.js';
import { loadTarget } from '../core/service/loadTarget.js';
import { parseFlowKey } from '../core/versions/flowKey.js';
import { isPublishable } from '../core/versions/requests.js';
import type { FlowHead, FlowVersion, PublishRequest } from '../core/versions/types.js';
import type { ReportLink } from './reportLinks.js';

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
 * The import report's view: each flow from its stored version (diagnostics, references and how
 * each resolved), and for each unresolved reference the resources of its kind the environment
 * has (its catalog and the parents it inherits from), as picker options.
 */
export async function importReportView(
  service: ServiceDeps,
  content: ReportContent,
  reportLink: ReportLink | null = null,
): Promise<ImportReportView> {
  const catalog = await loadTarget(service, content.env);
  const flows = await Promise.all(
    content.flows.map((entry) => flowView(service, content.env, entry, catalog, reportLink)),
  );
  return { env: content.env, actor: content.actor, flows };
}

async function flowView(
  service: ServiceDeps,
  env: string,
  entry: ReportEntry,
  catalog: Catalog,
  reportLink: ReportLink | null,
): Promise<FlowReportView> {
  const stored =
    entry.flowKey === null || entry.version === null
      ? null
      : await service.versions.getVersion(env, entry.flowKey, entry.version);
  if (stored === null || entry.flowKey === null) return unstoredView(entry);
  const head = await service.versions.getHead(env, entry.flowKey);
  return {
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
    reportUrl: reportLink === null ? null : reportLink(env, stored.flowKey, stored.number),
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
 * A pending request as approvers see it. `replaces` is the published version it would replace
 * (read before any publish moves it); the diff runs from it, else from the version before.
 */
export async function publishRequestView(
  service: ServiceDeps,
  request: PublishRequest,
  actor: Actor,
  replaces: number | null,
  reportLink: ReportLink | null = null,
): Promise<PublishRequestView> {
  const head = await service.versions.getHead(request.env, request.flowKey);
  const from = replaces !== null && replaces !== request.version ? replaces : request.version - 1;
  const diff =
    from < 1
      ? null
      : await diffVersions(service, {
          env: request.env,
          flow: request.flowKey,
          from,
          to: request.version,
          actor,
        });
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
    reportUrl: reportLink === null ? null : reportLink(request.env, request.flowKey, request.version),
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
