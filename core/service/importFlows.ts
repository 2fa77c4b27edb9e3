import { environmentOf, requireRole } from '../access.js';
import type { Actor } from '../config.js';
import type { ServiceDeps } from '../deps.js';
import { type Diagnostic, hasErrors, sortDiagnostics } from '../diagnostics.js';
import { flowKindLabel } from '../flowTypes.js';
import { REFUSED_AT_IMPORT } from '../formats/flowNames.js';
import {
  type AnalyzedFlow,
  analyzeFlow,
  type PlannedBatch,
  type PlannedFlow,
  planFlows,
} from '../pipeline.js';
import type { Catalog } from '../resolve/catalog.js';
import { renameRulesFor } from '../resolve/renameRules.js';
import { draftOf } from '../versions/draft.js';
import { flowKeyKindOf, flowKeyOf } from '../versions/flowKey.js';
import { sha256 } from '../versions/hash.js';
import { isSnapshot } from '../versions/requests.js';
import type { FlowHead, FlowKey, FlowVersion, VersionSource } from '../versions/types.js';
import { loadTarget, type TargetCache } from './loadTarget.js';

/** One delivered file. */
export interface ImportFile {
  readonly name: string;
  readonly bytes: Uint8Array;
  /** What the version records as where it came from (`VersionSource.ref`); the name when absent. */
  readonly ref?: string;
}

/** Input of {@link importFlows}. */
export interface ImportInput {
  readonly env: string;
  readonly files: readonly ImportFile[];
  readonly actor: Actor;
  readonly channel: VersionSource['channel'];
  /**
   * The environment the content was read from (a promote from `test` to `prod`), when known: the
   * config's rename rules for `sourceEnv` → `env` are tried at the name step. Unset for files,
   * whose source environment nobody knows.
   */
  readonly sourceEnv?: string;
  /** Told after each file is stored (`stored` of `total`), so a terminal can show progress. */
  readonly onProgress?: (stored: number, total: number) => void;
  /**
   * Catalogs this job already read (pull and promote plan before they import): the contact
   * center's inventory is then not read again.
   */
  readonly targets?: TargetCache;
  /** How the batch is resolved against the target; `planFlows` unless a caller resolves its own way (promote). */
  readonly planner?: (analyzed: readonly AnalyzedFlow[], catalog: Catalog) => PlannedBatch;
}

/** What became of one file. */
export interface ImportedFlow {
  readonly file: string;
  /** Null when the file could not be read as a flow. */
  readonly flowKey: FlowKey | null;
  /** The stored version (the existing latest one when nothing changed); null when nothing was stored. */
  readonly version: FlowVersion | null;
  /** True when this import created `version`. */
  readonly created: boolean;
  /** The analysis and plan, with the reason nothing was stored when that is so. */
  readonly analysis: PlannedFlow;
}

/** The outcome of an import. */
export interface ImportResult {
  readonly env: string;
  /** In the order the files were given. */
  readonly flows: readonly ImportedFlow[];
  /** Files in publish order (modules first, referenced flows before those that reference them). */
  readonly order: readonly string[];
}

/** How far back past publish snapshots a re-import is recognised (one publish leaves one snapshot). */
const SNAPSHOTS_LOOKED_PAST = 2;

/**
 * The version that already holds `contentHash` when only publish snapshots came after it: the
 * file that was imported and published, sent again (CI re-sends its flows on every push), stores
 * nothing new. `Versions.appendVersion`'s own check compares with the newest version only, and publishing
 * appends the content it replaced as a snapshot after the published one.
 */
async function importedBeforeSnapshots(
  deps: ServiceDeps,
  head: FlowHead | null,
  contentHash: string,
): Promise<FlowVersion | null> {
  // A snapshot is appended only by a publish, after the version it published.
  if (head === null || head.published === null || head.latest <= head.published) return null;
  for (let n = head.latest; n >= 1 && n >= head.latest - SNAPSHOTS_LOOKED_PAST; n--) {
    const version = await deps.versions.getVersion(head.env, head.flowKey, n);
    if (version === null) return null;
    if (!isSnapshot(version)) return n < head.latest && version.contentHash === contentHash ? version : null;
  }
  return null;
}

/** How many versions below a new one {@link auditPassedOver} looks at. */
const PASSED_OVER_LOOKED_AT = 3;

/**
 * Codes that stop a file from being stored: a plan code that makes its version meaningless (which
 * of two same-named files is "the" flow?), and names or identifiers that cannot be stored.
 */
const REFUSED_PLAN_CODES: ReadonlySet<string> = new Set(['duplicate-in-batch', ...REFUSED_AT_IMPORT]);

/**
 * Imports files into an environment: analyzes each, plans the batch against the environment's
 * target (its contact center, remembered choices and parent), and stores every readable flow as
 * a new version of `flow:<name>` or `module:<name>`. Idempotent: a file whose re-targeted content
 * equals the flow's latest version stores nothing new. Refused, with the reason in the flow's
 * diagnostics and nothing stored: unreadable files, a flow whose type differs from the type the
 * environment already has under that name (`type-mismatch`), and files of the batch that share a
 * name. A file that does not state its type takes the type of the flow it updates.
 */
export async function importFlows(deps: ServiceDeps, input: ImportInput): Promise<ImportResult> {
  requireRole(deps.config, input.actor, 'editor', `import flows into ${input.env}`);
  environmentOf(deps.config, input.env);
  if (input.sourceEnv !== undefined) environmentOf(deps.config, input.sourceEnv);
  const [heads, catalog] = await Promise.all([
    headsByKey(deps, input.env),
    loadTarget(deps, input.env, input.targets),
  ]);
  const analyzed = input.files.map((file) => analyzeWithHead(file, heads));
  const renames = renameRulesFor(deps.config.renames ?? [], input.sourceEnv ?? null, input.env);
  const plan =
    input.planner === undefined
      ? planFlows(analyzed, catalog, { renames })
      : input.planner(analyzed, catalog);
  const flows: ImportedFlow[] = [];
  input.onProgress?.(0, plan.flows.length);
  for (const [i, planned] of plan.flows.entries()) {
    const file = input.files[i];
    if (file !== undefined) flows.push(await storeFlow(deps, input, file, planned, heads));
    input.onProgress?.(i + 1, plan.flows.length);
  }
  await notifyImport(deps, input, flows);
  return { env: input.env, flows, order: plan.order };
}

async function headsByKey(deps: ServiceDeps, env: string): Promise<Map<FlowKey, FlowHead>> {
  const heads = await deps.versions.listHeads(env);
  return new Map(heads.map((h) => [h.flowKey, h]));
}

/** Analyzes a file; when it does not state its type, again with the type its flow already has. */
function analyzeWithHead(file: ImportFile, heads: ReadonlyMap<FlowKey, FlowHead>): AnalyzedFlow {
  const analyzed = analyzeFlow(file.name, file.bytes);
  if (analyzed.flow === null || analyzed.type !== null) return analyzed;
  const known = heads.get(flowKeyOf('flow', analyzed.name))?.type ?? null;
  return known === null ? analyzed : analyzeFlow(file.name, file.bytes, { assumeType: known });
}

async function storeFlow(
  deps: ServiceDeps,
  input: ImportInput,
  file: ImportFile,
  planned: PlannedFlow,
  heads: ReadonlyMap<FlowKey, FlowHead>,
): Promise<ImportedFlow> {
  if (planned.flow === null)
    return { file: file.name, flowKey: null, version: null, created: false, analysis: planned };
  const flowKey = flowKeyOf(flowKeyKindOf(planned.type), planned.name);
  const mismatch = typeMismatch(planned, heads.get(flowKey) ?? null, input.env);
  if (mismatch !== null) {
    const analysis = { ...planned, diagnostics: sortDiagnostics([mismatch, ...planned.diagnostics]) };
    return { file: file.name, flowKey, version: null, created: false, analysis };
  }
  if (planned.diagnostics.some((d) => REFUSED_PLAN_CODES.has(d.code))) {
    return { file: file.name, flowKey, version: null, created: false, analysis: planned };
  }
  const draft = draftOf(planned, {
    env: input.env,
    flowKey,
    author: input.actor.id,
    createdAt: deps.clock.now().toISOString(),
    source: {
      channel: input.channel,
      ref: file.ref ?? file.name,
      ...(input.sourceEnv === undefined ? {} : { env: input.sourceEnv }),
    },
    original: fileText(file.bytes),
    sourceHash: sha256(file.bytes),
  });
  if (draft === null) return { file: file.name, flowKey, version: null, created: false, analysis: planned };
  const imported = await importedBeforeSnapshots(deps, heads.get(flowKey) ?? null, draft.contentHash);
  if (imported !== null)
    return { file: file.name, flowKey, version: imported, created: false, analysis: planned };
  const { version, created } = await deps.versions.appendVersion(draft);
  if (created) await auditPassedOver(deps, heads.get(flowKey)?.latest ?? 0, version);
  // Also when nothing was created: the import that stored this version may have stopped before
  // its audit event (a crash between the two writes), and the event is keyed by the version, so
  // recording it again keeps one.
  if (created || isImported(version)) await auditImport(deps, version);
  return { file: file.name, flowKey, version, created, analysis: planned };
}

/** `type-mismatch` when the flow's type differs from the type its name already has in `env`. */
function typeMismatch(planned: PlannedFlow, head: FlowHead | null, env: string): Diagnostic | null {
  if (head !== null && head.type !== null && planned.type !== null && head.type !== planned.type) {
    return {
      severity: 'error',
      code: 'type-mismatch',
      action: null,
      block: null,
      message: `'${planned.name}' is a ${flowKindLabel(planned.type)}, but ${env} already has '${head.name}' as a ${flowKindLabel(head.type)}; a flow keeps its type across versions.`,
      hint: `Rename the flow (its name in the designer, or Metadata.name) before importing it, or import a ${flowKindLabel(head.type)} under this name.`,
    };
  }
  return null;
}

/**
 * Audits the imported versions between the head this import read and the version it created: an
 * import that stopped between its version and its head leaves a version no head points at, and
 * when the next import brings other content that version is passed over, never completed by a
 * repeat. Versions a concurrent import is still storing are audited here and there alike: the
 * event is keyed by the version, so it is kept once. Nothing is read when there is no gap, and at
 * most {@link PASSED_OVER_LOOKED_AT} versions when there is: a crash leaves one, and a wider gap
 * is concurrent imports, which audit their own.
 */
async function auditPassedOver(deps: ServiceDeps, headLatest: number, created: FlowVersion): Promise<void> {
  const from = Math.max(headLatest + 1, created.number - PASSED_OVER_LOOKED_AT);
  for (let n = from; n < created.number; n++) {
    const version = await deps.versions.getVersion(created.env, created.flowKey, n);
    if (version !== null && isImported(version)) await auditImport(deps, version);
  }
}

/** Versions an import stored (not a publish snapshot or a rollback, which audit themselves). */
function isImported(version: FlowVersion): boolean {
  return IMPORT_CHANNELS.has(version.source.channel);
}

const IMPORT_CHANNELS: ReadonlySet<VersionSource['channel']> = new Set([
  'cli',
  'slack',
  's3',
  'webhook',
  'pull',
  'promote',
]);

/**
 * The version's import event, stamped from the version itself (its author, its time, an id
 * derived from its env, flow and number) rather than from this run: the same version always gives
 * the same event, which the audit log keeps once however often an import of it is repeated.
 */
async function auditImport(deps: ServiceDeps, version: FlowVersion): Promise<void> {
  await deps.audit.appendAudit({
    id: importEventId(version),
    env: version.env,
    at: version.createdAt,
    actor: version.author,
    action: 'import',
    flowKey: version.flowKey,
    detail: {
      version: version.number,
      file: version.source.ref,
      channel: version.source.channel,
      format: version.format,
      contentHash: version.contentHash,
      sourceHash: version.sourceHash,
      errors: version.diagnostics.filter((d) => d.severity === 'error').length,
      unresolved: version.resolutions.filter((r) => r.by === 'unresolved').length,
    },
  });
}

/** `import-<hash>`: one id per stored version, short whatever the flow's name. */
function importEventId(version: Pick<FlowVersion, 'env' | 'flowKey' | 'number'>): string {
  return `import-${sha256(`${version.env}\u0000${version.flowKey}\u0000${version.number}`).slice(0, 32)}`;
}

/** One message for the whole import: what was stored, what was unchanged, what was refused. */
async function notifyImport(
  deps: ServiceDeps,
  input: ImportInput,
  flows: readonly ImportedFlow[],
): Promise<void> {
  if (deps.notifier === null) return;
  const created = flows.filter((f) => f.created && f.version !== null);
  const unchanged = flows.filter((f) => !f.created && f.version !== null);
  const refused = flows.filter((f) => f.version === null);
  const parts = [
    created.length > 0 ? `stored ${created.map(versionLabel).join(', ')}` : null,
    unchanged.length > 0 ? `unchanged ${unchanged.map(versionLabel).join(', ')}` : null,
    refused.length > 0 ? `not stored ${refused.map((f) => f.file).join(', ')}` : null,
  ].filter((p): p is string => p !== null);
  const [single] = flows;
  try {
    await deps.notifier.notify({
      env: input.env,
      kind: 'imported',
      flowKey: flows.length === 1 ? (single?.flowKey ?? null) : null,
      text: `${input.actor.id} imported ${flows.length} file${flows.length === 1 ? '' : 's'} into ${input.env}: ${parts.join('; ') || 'nothing to import'}.`,
      facts: { actor: input.actor.id, flow: null, detail: parts.join('; ') || 'nothing to import' },
      diagnostics: flows.flatMap((f) =>
        f.version === null || hasErrors(f.analysis.diagnostics)
          ? f.analysis.diagnostics.filter((d) => d.severity === 'error')
          : [],
      ),
    });
  } catch {
    // Telling people is best effort: the versions and their audit events stand.
  }
}

function versionLabel(flow: ImportedFlow): string {
  return flow.version === null ? flow.file : `${flow.version.name} v${flow.version.number}`;
}

/**
 * The file as text, byte for byte where the encoding allows: UTF-8 keeping a byte-order mark
 * (so encoding it again gives the same bytes), or UTF-16 when its byte-order mark says so.
 */
function fileText(bytes: Uint8Array): string {
  const [b0, b1] = bytes;
  const encoding =
    b0 === 0xff && b1 === 0xfe ? 'utf-16le' : b0 === 0xfe && b1 === 0xff ? 'utf-16be' : 'utf-8';
  return new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes);
}
