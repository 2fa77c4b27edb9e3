import { environmentOf, requireRole } from '../access.js';
import type { Actor } from '../config.js';
import type { ServiceDeps } from '../deps.js';
import type { Diagnostic } from '../diagnostics.js';
import { ServiceError } from '../errors.js';
import type { ContactCenterFlow } from '../ports.js';
import type { CatalogResource } from '../resolve/types.js';
import type { FlowKey, FlowVersion } from '../versions/types.js';
import { type ImportFile, importFlows } from './importFlows.js';
import { loadTarget, type TargetCache } from './loadTarget.js';

/** Tells the person waiting how far a long job has got, in words (the CLI prints it; Slack updates its message). */
export type ProgressReporter = (message: string) => void;

/** Input of {@link pullFlows}. */
export interface PullInput {
  /** The source environment: its contact center is read, its versions written. */
  readonly env: string;
  /** Flow or module names, or globs (`Sales*`, `?ain IVR`); empty: every flow and module. */
  readonly flows: readonly string[];
  /** Pull the saved content (`ID:$SAVED`, drafts included) rather than what is published. */
  readonly saved?: boolean;
  /** Also pull the flows and modules the pulled ones reference, and theirs (promote needs them). */
  readonly dependencies?: boolean;
  readonly actor: Actor;
  readonly progress?: ProgressReporter;
  /** Catalogs this job already read, shared with the caller. */
  readonly targets?: TargetCache;
}

/** One flow or module read from the source. */
export interface PulledFlow {
  readonly kind: 'flow' | 'module';
  readonly name: string;
  /** Its ARN in the source instance. */
  readonly arn: string;
  readonly id: string;
  /** Null when the content could not be stored (the diagnostics say why). */
  readonly flowKey: FlowKey | null;
  /** The version holding the pulled content (the existing one when nothing changed), or null. */
  readonly version: FlowVersion | null;
  /** True when this pull stored `version`. */
  readonly created: boolean;
  readonly diagnostics: readonly Diagnostic[];
}

/** What a pull did. */
export interface PullResult {
  readonly env: string;
  readonly saved: boolean;
  /** Modules first, then flows; the dependencies of a round after it. */
  readonly flows: readonly PulledFlow[];
  /** Names of selected flows that were never published: nothing is live to pull (`--saved` pulls them). */
  readonly notPublished: readonly string[];
}

/**
 * Reads flows and modules straight from an environment's contact center and stores each as a
 * version of that environment (channel `pull`, the flow's ARN as its source), through the same
 * import as every other source: one inventory read, then one `describeFlows` per kind (Connect
 * reads them in Search pages). Importing into the environment they came from resolves every
 * reference by its exact ARN, so each resource's name in the stored content (the designer's
 * display copies) is the name the live inventory gives it, not the label the content carried:
 * exported labels are often stale. Pulling unchanged content stores nothing new.
 *
 * Published content (the default) is what runs in the source: each stored version is marked as
 * what is published there (its head's `published` and target), so promote can take it. Saved
 * content (`saved`) is stored but not marked: it is not live.
 *
 * @throws ServiceError `forbidden` (editors pull), `unknown-environment`, `not-found` (a name or
 *   pattern that matches no flow or module of the environment, before anything is read).
 */
export async function pullFlows(deps: ServiceDeps, input: PullInput): Promise<PullResult> {
  requireRole(deps.config, input.actor, 'editor', `pull flows into ${input.env}`);
  environmentOf(deps.config, input.env);
  const targets = input.targets ?? new Map();
  const catalog = await loadTarget(deps, input.env, targets);
  const own = catalog.data.resources.filter(isFlowResource);
  const seen = new Set<string>();
  const flows: PulledFlow[] = [];
  const notPublished: string[] = [];
  for (let wanted = selectFlows(own, input.flows, input.env); wanted.length > 0; ) {
    for (const resource of wanted) seen.add(resourceKey(resource.kind, resource.id));
    const round = await pullRound(deps, input, wanted, targets);
    flows.push(...round.flows);
    notPublished.push(...round.notPublished);
    wanted = input.dependencies === true ? dependenciesOf(round.flows, own, seen) : [];
  }
  input.progress?.(pullSummary(input.env, flows, notPublished));
  return { env: input.env, saved: input.saved === true, flows, notPublished };
}

/** `*` any run of characters, `?` one; anything else as written. A name without either matches itself. */
export function matchesFlowPattern(pattern: string, name: string): boolean {
  if (!/[*?]/.test(pattern)) return pattern === name;
  const source = [...pattern]
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[\\^$.|+()[\]{}]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, 'su').test(name);
}

function isFlowResource(
  resource: CatalogResource,
): resource is CatalogResource & { kind: 'flow' | 'module' } {
  return resource.kind === 'flow' || resource.kind === 'module';
}

function resourceKey(kind: string, id: string): string {
  return `${kind}\u0000${id}`;
}

/** The environment's flows and modules the patterns name; every pattern must name one. */
function selectFlows(
  own: readonly (CatalogResource & { kind: 'flow' | 'module' })[],
  patterns: readonly string[],
  env: string,
): (CatalogResource & { kind: 'flow' | 'module' })[] {
  // Sorted, so the same instance gives the same versions and publish order whatever order it lists in.
  const sorted = [...own].sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name));
  if (patterns.length === 0) return sorted;
  const unmatched = patterns.filter((p) => !own.some((r) => matchesFlowPattern(p, r.name)));
  if (unmatched.length > 0) {
    throw new ServiceError(
      'not-found',
      `${env} has no flow or module named ${unmatched.map((p) => `'${p}'`).join(', ')}: give names as the flow designer shows them (or a pattern such as 'Sales*').`,
    );
  }
  return sorted.filter((r) => patterns.some((p) => matchesFlowPattern(p, r.name)));
}

interface Round {
  readonly flows: PulledFlow[];
  readonly notPublished: string[];
}

/** Describes one set of flows (one bulk read per kind), imports what is live and marks it published. */
async function pullRound(
  deps: ServiceDeps,
  input: PullInput,
  wanted: readonly (CatalogResource & { kind: 'flow' | 'module' })[],
  targets: TargetCache,
): Promise<Round> {
  const saved = input.saved === true;
  const center = deps.centers(input.env);
  const described: ContactCenterFlow[] = [];
  for (const kind of ['module', 'flow'] as const) {
    const ids = wanted.filter((r) => r.kind === kind).map((r) => r.id);
    if (ids.length === 0) continue;
    const found = await center.describeFlows(kind, ids, { saved });
    // A flow deleted between the listing and the read is simply not pulled.
    described.push(...ids.flatMap((id) => found.get(id) ?? []));
    input.progress?.(
      `Read ${ids.length} ${kind === 'module' ? 'module' : 'flow'}${ids.length === 1 ? '' : 's'} from ${input.env}.`,
    );
  }
  const live = described.filter((flow) => saved || flow.status === 'PUBLISHED');
  const notPublished = described.filter((flow) => !live.includes(flow)).map((flow) => flow.name);
  if (live.length === 0) return { flows: [], notPublished };
  const result = await importFlows(deps, {
    env: input.env,
    files: live.map(describedFile),
    actor: input.actor,
    channel: 'pull',
    targets,
  });
  const flows = live.map((flow, i): PulledFlow => {
    const imported = result.flows[i];
    return {
      kind: flow.kind,
      name: flow.name,
      arn: flow.arn,
      id: flow.id,
      flowKey: imported?.flowKey ?? null,
      version: imported?.version ?? null,
      created: imported?.created ?? false,
      diagnostics: imported?.analysis.diagnostics ?? [],
    };
  });
  if (!saved) for (const flow of flows) await markLive(deps, input.env, flow);
  return { flows, notPublished };
}

/**
 * The flow as a saved `DescribeContactFlow(Module)` response, the container the import reads
 * name, type and source ARN from (the content alone carries none of them).
 */
function describedFile(flow: ContactCenterFlow): ImportFile {
  const holder = {
    Arn: flow.arn,
    Id: flow.id,
    Name: flow.name,
    ...(flow.kind === 'flow' && flow.type !== null ? { Type: flow.type } : {}),
    Status: flow.status,
    Content: flow.content,
  };
  const body = flow.kind === 'module' ? { ContactFlowModule: holder } : { ContactFlow: holder };
  return { name: flow.name, bytes: new TextEncoder().encode(JSON.stringify(body)), ref: flow.arn };
}

/** Records the pulled version as what is published in the source, unless the head says so already. */
async function markLive(deps: ServiceDeps, env: string, flow: PulledFlow): Promise<void> {
  if (flow.flowKey === null || flow.version === null) return;
  const head = await deps.versions.getHead(env, flow.flowKey);
  if (head?.published === flow.version.number && head.target?.id === flow.id) return;
  await deps.versions.markPublished(env, flow.flowKey, flow.version.number, { arn: flow.arn, id: flow.id });
}

/** Flows and modules of the environment the pulled ones reference, not pulled yet. */
function dependenciesOf(
  pulled: readonly PulledFlow[],
  own: readonly (CatalogResource & { kind: 'flow' | 'module' })[],
  seen: Set<string>,
): (CatalogResource & { kind: 'flow' | 'module' })[] {
  const ids = new Set<string>();
  for (const { version } of pulled) {
    version?.references.forEach((ref, r) => {
      const id = version.resolutions[r]?.target?.id;
      if ((ref.kind === 'flow' || ref.kind === 'module') && id != null) ids.add(resourceKey(ref.kind, id));
    });
  }
  return own
    .filter((r) => ids.has(resourceKey(r.kind, r.id)) && !seen.has(resourceKey(r.kind, r.id)))
    .sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name));
}

function pullSummary(env: string, flows: readonly PulledFlow[], notPublished: readonly string[]): string {
  const stored = flows.filter((f) => f.created).length;
  const unchanged = flows.filter((f) => !f.created && f.version !== null).length;
  const refused = flows.filter((f) => f.version === null).length;
  return [
    `Pulled ${flows.length} from ${env}: ${stored} new version${stored === 1 ? '' : 's'}, ${unchanged} unchanged`,
    refused > 0 ? `, ${refused} not stored` : '',
    notPublished.length > 0 ? `; never published (pull them with --saved): ${notPublished.join(', ')}` : '',
    '.',
  ].join('');
}
