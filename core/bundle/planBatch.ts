// CONTRACT STUB — replaced by the resolve/bundle work. Signatures are fixed.
import type { Diagnostic } from '../diagnostics.js';
import type { FlowKind } from '../flowTypes.js';
import type { Reference } from '../references/types.js';
import type { Catalog } from '../resolve/catalog.js';
import type { Resolution } from '../resolve/types.js';

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
  readonly action:
    | { readonly kind: 'create' }
    | { readonly kind: 'update'; readonly arn: string; readonly id: string };
  /** Plan-level findings: unresolved references, "import X first", type mismatches. */
  readonly diagnostics: readonly Diagnostic[];
}

/** The batch plan: per-flow plans (same order as input) and the publish order. */
export interface BatchPlan {
  readonly flows: readonly FlowPlan[];
  /** Files in publish order: modules first, then referenced flows before those that reference them. */
  readonly order: readonly string[];
  /** Groups of files that reference each other in a cycle: created empty first, then given content. */
  readonly cycles: readonly (readonly string[])[];
}

/** Resolves every reference of every flow against `catalog` and the batch itself, and orders the batch. */
export function planBatch(_flows: readonly BatchFlow[], _catalog: Catalog): BatchPlan {
  throw new Error('not implemented');
}
