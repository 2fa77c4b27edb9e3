import { decideTargetAction } from '../bundle/targetAction.js';
import type { Diagnostic } from '../diagnostics.js';
import type { ContactCenter, ContactCenterFlow } from '../ports.js';
import { memberKind } from '../resolve/bundleIndex.js';
import type { Catalog } from '../resolve/catalog.js';
import type { FlowHead, FlowVersion } from '../versions/types.js';
import type { ServiceDeps } from './deps.js';
import { loadTarget, type TargetCache } from './loadTarget.js';

/** Where one version would be published, and what is there now. */
export interface TargetLookup {
  readonly kind: 'flow' | 'module';
  /** The existing flow or module to update, or null to create one. */
  readonly target: { readonly arn: string; readonly id: string } | null;
  /** The target as the contact center holds it now; null when there is none (or it cannot be read). */
  readonly current: ContactCenterFlow | null;
  /** Why the target cannot be chosen (a name taken by another type, an ambiguous name). */
  readonly diagnostics: readonly Diagnostic[];
  /** Contact-center calls made for this flow alone (the shared inventory read is not counted). */
  readonly calls: number;
}

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

  /** Inventory reads made so far: one per environment layer, once. */
  get inventoryCalls(): number {
    return this.#cache.size;
  }

  /**
   * The flow the head says was published (when it still exists), else a remembered mapping for
   * the flow's name, else the one flow of the same name, kind and type in the inventory.
   */
  async locate(head: FlowHead | null, version: FlowVersion): Promise<TargetLookup> {
    const kind = memberKind(version);
    if (head?.target) {
      const current = await this.center.describeFlow(kind, head.target.id);
      if (current !== null) return { kind, target: head.target, current, diagnostics: [], calls: 1 };
    }
    const decision = decideTargetAction(
      { name: version.name, type: version.type, sourceArn: null, sourceId: null },
      await this.#catalog(),
    );
    const described = head?.target ? 1 : 0;
    if (decision.action.kind === 'create') {
      return { kind, target: null, current: null, diagnostics: decision.diagnostics, calls: described };
    }
    const target = { arn: decision.action.arn, id: decision.action.id };
    const current = await this.center.describeFlow(kind, target.id);
    return { kind, target, current, diagnostics: decision.diagnostics, calls: described + 1 };
  }

  #catalog(): Promise<Catalog> {
    return loadTarget(this.#deps, this.#env, this.#cache);
  }
}
