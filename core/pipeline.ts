import { type BatchPlan, planBatch } from './bundle/planBatch.js';
import { type Diagnostic, hasErrors, sortDiagnostics } from './diagnostics.js';
import type { FlowContent, FlowFormat, ParsedFlow } from './flow.js';
import type { FlowKind } from './flowTypes.js';
import { readFlow } from './formats/readFlow.js';
import { extractReferences } from './references/extractReferences.js';
import { type Rewrite, retarget } from './references/retarget.js';
import type { Reference } from './references/types.js';
import type { Catalog } from './resolve/catalog.js';
import type { RenameRule } from './resolve/renameRules.js';
import type { Resolution } from './resolve/types.js';
import { validateFlow } from './validate/validateFlow.js';

/** One file after reading, validating and tracing: everything known without a target. */
export interface AnalyzedFlow {
  readonly file: string;
  /** `null` when the file could not be read as a flow (its diagnostics say why). */
  readonly flow: ParsedFlow | null;
  readonly format: FlowFormat | null;
  readonly name: string;
  readonly type: FlowKind | null;
  readonly actions: number;
  readonly diagnostics: readonly Diagnostic[];
  readonly references: readonly Reference[];
}

/** One file planned against a target: resolutions, plan findings and the re-targeted content. */
export interface PlannedFlow extends AnalyzedFlow {
  /** One per reference, same order. */
  readonly resolutions: readonly Resolution[];
  /** The content with every resolved reference pointed at the target; `null` when unreadable. */
  readonly retargeted: FlowContent | null;
  readonly action: BatchPlan['flows'][number]['action'] | null;
}

/** A planned batch: the flows (input order) and the publish order. */
export interface PlannedBatch {
  readonly flows: readonly PlannedFlow[];
  readonly order: readonly string[];
  readonly cycles: readonly (readonly string[])[];
}

/** Options of {@link analyzeFlow}. */
export interface AnalyzeOptions {
  /**
   * The type to assume when the file does not say (content saved from DescribeContactFlow or
   * written by hand has no `Metadata.type`). A type the file states always wins.
   */
  readonly assumeType?: FlowKind;
}

/**
 * The import pipeline up to the point where a target is needed: detect the format, parse,
 * convert legacy, validate and trace references. Never throws for bad input.
 */
export function analyzeFlow(
  file: string,
  bytes: Uint8Array | string,
  options: AnalyzeOptions = {},
): AnalyzedFlow {
  const read = readFlow(file, bytes);
  if (!read.ok) {
    return {
      file,
      flow: null,
      format: read.format,
      name: baseName(file),
      type: null,
      actions: 0,
      diagnostics: sortDiagnostics(read.diagnostics),
      references: [],
    };
  }
  const flow =
    read.flow.type === null && options.assumeType !== undefined
      ? { ...read.flow, type: options.assumeType }
      : read.flow;
  return {
    file,
    flow,
    format: flow.format,
    name: flow.name,
    type: flow.type,
    actions: flow.content.Actions.length,
    diagnostics: sortDiagnostics([...flow.diagnostics, ...validateFlow(flow.content, flow.type)]),
    references: extractReferences(flow.content),
  };
}

/** Options of {@link planFlows}. */
export interface PlanFlowsOptions {
  /**
   * The rename rules of the environment the content came from → the target (`renameRulesFor` of
   * the config's `renames`): tried at the name step when the exact name is not in the target.
   * None by default: an exported file's source environment is not known.
   */
  readonly renames?: readonly RenameRule[];
}

/**
 * Resolves every reference of a batch against a target catalog (and the batch itself), orders the
 * batch for publishing and re-targets each flow's content. Unreadable files are carried along
 * unplanned so a report can still show them.
 */
export function planFlows(
  analyzed: readonly AnalyzedFlow[],
  catalog: Catalog,
  options: PlanFlowsOptions = {},
): PlannedBatch {
  const readable = analyzed.filter((a) => a.flow !== null);
  const plan = planBatch(
    readable.map((a) => ({
      file: a.file,
      name: a.name,
      type: a.type,
      sourceArn: a.flow?.sourceArn ?? null,
      sourceId: a.flow?.sourceId ?? null,
      references: a.references,
    })),
    catalog,
    options.renames ?? [],
  );
  const byFile = new Map(plan.flows.map((p) => [p.file, p]));
  const flows = analyzed.map((a): PlannedFlow => {
    const planned = byFile.get(a.file);
    if (a.flow === null || planned === undefined) {
      return { ...a, resolutions: [], retargeted: null, action: null };
    }
    return {
      ...a,
      diagnostics: sortDiagnostics([...a.diagnostics, ...planned.diagnostics]),
      resolutions: planned.resolutions,
      retargeted: retarget(a.flow.content, rewritesFor(a.references, planned.resolutions)),
      action: planned.action,
    };
  });
  return { flows, order: plan.order, cycles: plan.cycles };
}

/** True when nothing in the flow's findings blocks publishing. */
export function isPublishable(flow: AnalyzedFlow): boolean {
  return flow.flow !== null && !hasErrors(flow.diagnostics);
}

/**
 * The rewrites that point resolved references at the target. A reference into the batch whose
 * flow does not exist yet (`bundle` without an ARN) keeps its value until publishing creates it.
 */
function rewritesFor(references: readonly Reference[], resolutions: readonly Resolution[]): Rewrite[] {
  const rewrites: Rewrite[] = [];
  references.forEach((reference, i) => {
    const target = resolutions[i]?.target;
    if (target === null || target === undefined) return;
    if (target.arn === null && target.id === null) return;
    rewrites.push({ reference, target });
  });
  return rewrites;
}

/** The file name without folders or extension (core has no node:path). */
function baseName(file: string): string {
  const last = file.split(/[\\/]/).pop() ?? file;
  const dot = last.lastIndexOf('.');
  return dot > 0 ? last.slice(0, dot) : last;
}
