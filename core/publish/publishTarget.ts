import { decideTargetAction } from '../bundle/targetAction.js';
import type { ServiceDeps } from '../deps.js';
import type { Diagnostic } from '../diagnostics.js';
import type { ContactCenter, ContactCenterFlow } from '../ports.js';
import { memberKind } from '../resolve/bundleIndex.js';
import type { Catalog } from '../resolve/catalog.js';
import { loadTarget, type TargetCache } from '../service/loadTarget.js';
import type { FlowHead, FlowVersion } from '../versions/types.js';

/** Where one version would be published, and what is there now. */
export interface TargetLookup {
  readonly kind: 'flow' | 'module';
  /** The existing flow or module to update, or null to create one. */
  readonly target: { readonly arn: string; readonly id: string } | null;
  /** The target as the contact center holds it now; null when there is none (or it cannot be read). */
  readonly current: ContactCenterFlow | null;
  /** Why the target cannot be chosen (a name taken by another type, an ambiguous name). */
  readonly diagnostics: readonly Diagnostic[];
  /** Contact-center calls made for this flow alone (the shared inventory and bulk reads are not counted). */
  readonly calls: number;
  /**
   * True when the head says this exact content was last published to `target`: the target was
   * not read (`current` is null) and nothing will be written there.
   */
  readonly alreadyPublished: boolean;
}

/** One flow of a batch to locate: its head (null when new) and the version to publish. */
export interface LocateEntry {
  readonly head: FlowHead | null;
  readonly version: FlowVersion;
}

/** Where a flow goes before its target was read. */
type Planned = Pick<TargetLookup, 'kind' | 'target' | 'diagnostics'>;

/**
 * Finds publish targets in one environment, reading its inventory (and its parents') at most
 * once however many flows it locates: Connect allows about 2 requests/s, and a batch may hold a
 * hundred flows. Create vs update is decided as import decides it (`decideTargetAction` over
 * `loadTarget`'s catalog), so a plan and its publish agree.
 */
export class TargetReader {
  readonly center: ContactCenter;
  readonly #deps: ServiceDeps;
  readonly #env: string;
  readonly #cache: TargetCache = new Map();

  constructor(deps: ServiceDeps, env: string) {
    this.#deps = deps;
    this.#env = env;
    this.center = deps.centers(env);
  }

  #bulkCalls = 0;

  /** Inventory reads made so far: one per environment layer, once. */
  get inventoryCalls(): number {
    return this.#cache.size;
  }

  /** `describeFlows` reads made so far (each counted once, as the inventory is). */
  get bulkCalls(): number {
    return this.#bulkCalls;
  }

  /**
   * `locate` for a whole batch, reading every target with one `describeFlows` per kind: the
   * flows the heads say were published, and the inventory's choice for the others. Only a head
   * whose flow is gone costs a second read (of the target chosen instead).
   */
  async locateAll(entries: readonly LocateEntry[]): Promise<TargetLookup[]> {
    const planned = await Promise.all(
      entries.map(({ head, version }) =>
        head?.target
          ? { kind: memberKind(version), target: head.target, diagnostics: [] }
          : this.#decide(version),
      ),
    );
    const read = await this.#read(planned);
    // A head whose flow is gone (deleted in Connect) is located again, as `locate` does.
    const gone = entries.flatMap(({ head, version }, i) => {
      const target = planned[i]?.target;
      return head?.target && target && !read.has(keyOf(memberKind(version), target.id))
        ? [{ i, version }]
        : [];
    });
    const replanned = await Promise.all(gone.map(({ version }) => this.#decide(version)));
    gone.forEach(({ i }, n) => {
      const again = replanned[n];
      if (again !== undefined) planned[i] = again;
    });
    const reread = await this.#read(replanned);
    return planned.map((p) => {
      const current =
        p.target === null
          ? undefined
          : (read.get(keyOf(p.kind, p.target.id)) ?? reread.get(keyOf(p.kind, p.target.id)));
      return { ...p, current: current ?? null, calls: 0, alreadyPublished: false };
    });
  }

  /**
   * The flow the head says was published (when it still exists), else a remembered mapping for
   * the flow's name, else the one flow of the same name, kind and type in the inventory.
   */
  async locate(head: FlowHead | null, version: FlowVersion): Promise<TargetLookup> {
    const kind = memberKind(version);
    if (head?.target) {
      const current = await this.center.describeFlow(kind, head.target.id);
      if (current !== null)
        return { kind, target: head.target, current, diagnostics: [], calls: 1, alreadyPublished: false };
    }
    const planned = await this.#decide(version);
    const described = head?.target ? 1 : 0;
    if (planned.target === null) {
      return { ...planned, current: null, calls: described, alreadyPublished: false };
    }
    const current = await this.center.describeFlow(kind, planned.target.id);
    return { ...planned, current, calls: described + 1, alreadyPublished: false };
  }

  /**
   * Whether this environment's own flow listing (the inventory publishing reads to choose create
   * or update, read once per job) still holds `id`. A head that says its content is published
   * there is trusted without reading the flow; this catches the one case it cannot know of, a
   * flow deleted by hand in the contact center, for one listing per job rather than a read per flow.
   */
  async isListed(kind: 'flow' | 'module', id: string): Promise<boolean> {
    const catalog = await this.#catalog();
    return catalog.data.resources.some((r) => r.kind === kind && r.id === id);
  }

  /** Create vs update from the inventory, as import decides it. */
  async #decide(version: FlowVersion): Promise<Planned> {
    const kind = memberKind(version);
    const decision = decideTargetAction(
      { name: version.name, type: version.type, sourceArn: null, sourceId: null },
      await this.#catalog(),
    );
    const target =
      decision.action.kind === 'create' ? null : { arn: decision.action.arn, id: decision.action.id };
    return { kind, target, diagnostics: decision.diagnostics };
  }

  /** The planned targets as the contact center holds them, by `keyOf`: one `describeFlows` per kind. */
  async #read(planned: readonly Planned[]): Promise<Map<string, ContactCenterFlow>> {
    const out = new Map<string, ContactCenterFlow>();
    for (const kind of ['module', 'flow'] as const) {
      const ids = [...new Set(planned.flatMap((p) => (p.kind === kind && p.target ? [p.target.id] : [])))];
      if (ids.length === 0) continue;
      this.#bulkCalls += 1;
      for (const [id, flow] of await this.center.describeFlows(kind, ids)) out.set(keyOf(kind, id), flow);
    }
    return out;
  }

  #catalog(): Promise<Catalog> {
    return loadTarget(this.#deps, this.#env, this.#cache, 'flows');
  }
}

function keyOf(kind: 'flow' | 'module', id: string): string {
  return `${kind}:${id}`;
}
