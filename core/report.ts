import type { Diagnostic } from './diagnostics.js';
import { formatPath } from './json.js';
import { type AnalyzedFlow, isPublishable, type PlannedBatch, type PlannedFlow } from './pipeline.js';
import type { Reference } from './references/types.js';
import type { Resolution } from './resolve/types.js';

/**
 * The JSON report of `flowgate validate|plan --json` and of the CI webhook. Its shape is a
 * contract other tools and CI rely on: field names and meanings change
 * only with a new major version. `resolution` and `order` appear only when planning.
 */
export interface JsonReport {
  readonly flows: readonly JsonFlow[];
  readonly order?: readonly string[];
}

interface JsonFlow {
  readonly file: string;
  readonly name: string;
  readonly type: string | null;
  readonly format: string | null;
  readonly actions: number;
  readonly diagnostics: readonly JsonDiagnostic[];
  readonly references: readonly JsonReference[];
  readonly publishable: boolean;
}

type JsonDiagnostic = Pick<Diagnostic, 'severity' | 'code' | 'action' | 'block' | 'message' | 'hint'>;

interface JsonReference {
  readonly kind: string;
  readonly action: string;
  readonly path: string;
  readonly value: string;
  readonly name: string | null;
  readonly valueKind: string;
  readonly required: boolean;
  readonly resolution?: {
    readonly by: string;
    readonly target: { readonly arn: string | null; readonly name: string } | null;
    /** For `by: 'rule'`: the rename rule that found the target. */
    readonly rule?: { readonly from: string; readonly to: string };
  };
}

/** The report of `validate`: no target, so no resolutions and no order. */
export function validateReport(flows: readonly AnalyzedFlow[]): JsonReport {
  return { flows: flows.map((f) => jsonFlow(f, null)) };
}

/** The report of `plan` (and of the CI webhook, which answers with the same object). */
export function planReport(batch: Pick<PlannedBatch, 'flows' | 'order'>): JsonReport {
  return { flows: batch.flows.map((f) => jsonFlow(f, f.resolutions)), order: batch.order };
}

function jsonFlow(flow: AnalyzedFlow | PlannedFlow, resolutions: readonly Resolution[] | null): JsonFlow {
  return {
    file: flow.file,
    name: flow.name,
    type: flow.type,
    format: flow.format,
    actions: flow.actions,
    diagnostics: flow.diagnostics.map(({ severity, code, action, block, message, hint }) => ({
      severity,
      code,
      action,
      block,
      message,
      hint,
    })),
    references: flow.references.map((ref, i) =>
      jsonReference(ref, resolutions === null ? null : resolutions[i]),
    ),
    publishable: isPublishable(flow),
  };
}

function jsonReference(ref: Reference, resolution: Resolution | null | undefined): JsonReference {
  const base = {
    kind: ref.kind,
    action: ref.action,
    path: formatPath(ref.path),
    value: ref.value,
    name: ref.name,
    valueKind: ref.valueKind,
    required: ref.required,
  };
  if (resolution === null) return base;
  const target = resolution?.target ?? null;
  return {
    ...base,
    resolution: {
      by: resolution?.by ?? 'unresolved',
      target: target === null ? null : { arn: target.arn, name: target.name },
      ...(resolution?.rule === undefined ? {} : { rule: resolution.rule }),
    },
  };
}
