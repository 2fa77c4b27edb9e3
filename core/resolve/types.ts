import type { FlowType } from '../flowTypes.js';
import type { ResourceKind } from '../references/types.js';

/** One resource in a target instance. */
export interface CatalogResource {
  readonly kind: ResourceKind;
  readonly id: string;
  readonly arn: string;
  readonly name: string;
  /** For flows: the flow type. A flow without one matches any type. */
  readonly flowType?: FlowType;
}

/** A remembered choice: references to `source` (an ARN, id or name) go to `target` (an ARN or id). */
export interface CatalogMapping {
  readonly kind: ResourceKind;
  readonly source: string;
  readonly target: string;
}

/** A target's inventory as data (the catalog file, or what the contact center lists). */
export interface CatalogData {
  readonly name: string;
  readonly instanceArn: string;
  readonly resources: readonly CatalogResource[];
  readonly mappings: readonly CatalogMapping[];
}

/** The ladder's steps, in order; the first that finds the resource wins. */
export type ResolutionStep = 'dynamic' | 'arn' | 'mapping' | 'id' | 'bundle' | 'name' | 'rule' | 'unresolved';

/** Where a reference points in the target. */
export interface Resolution {
  readonly by: ResolutionStep;
  /**
   * The target resource. `null` for `dynamic` and `unresolved`. For `bundle`, `arn` is the target
   * flow's ARN when the batch will update an existing flow, `null` when it will create one.
   */
  readonly target: {
    readonly arn: string | null;
    readonly id: string | null;
    readonly name: string;
  } | null;
  /** True when the resource was found in a parent catalog (a child tenant inheriting it). */
  readonly inherited: boolean;
  /**
   * For `rule`: the rename rule that found the target under another name (`dev-*` → `prod-*`),
   * so reports can say "by rule dev-* → prod-*". Absent for every other step.
   */
  readonly rule?: { readonly from: string; readonly to: string };
}
