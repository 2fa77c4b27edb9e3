import { styleText } from 'node:util';
import type { Diagnostic } from '../core/diagnostics.js';
import { flowKindLabel } from '../core/flowTypes.js';
import { type AnalyzedFlow, isPublishable, type PlannedBatch, type PlannedFlow } from '../core/pipeline.js';
import type { Reference } from '../core/references/types.js';
import { describeRenameRule } from '../core/resolve/renameRules.js';
import type { Resolution } from '../core/resolve/types.js';
import { printable } from './printable.js';

type Style = Parameters<typeof styleText>[0];
export type Paint = (style: Style, text: string) => string;

/**
 * Colour when allowed, plain text otherwise (pipes, files, NO_COLOR). The decision is made once
 * in `CliIo`, so styleText must not second-guess it against process.stdout.
 */
export function painter(color: boolean): Paint {
  return color ? (style, text) => styleText(style, text, { validateStream: false }) : (_style, text) => text;
}

const UUID_LIKE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Action ids are usually UUIDs: the first 8 characters find the block; friendly ids are shown whole. */
export function shortId(id: string): string {
  return UUID_LIKE.test(id) ? `${id.slice(0, 8)}…` : printable(id);
}

/** The part of an ARN that tells resources apart: `…/queue/3f2a…` (the full ARN is in --json). */
function shortArn(arn: string): string {
  const parts = arn.split('/');
  return printable(parts.length >= 3 ? `…/${parts.slice(-2).join('/')}` : truncate(arn, 80));
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** The human report of `validate`. */
export function renderValidate(flows: readonly AnalyzedFlow[], color: boolean): string {
  const paint = painter(color);
  const parts = flows.map((flow) =>
    [
      header(flow, paint),
      ...diagnosticLines(flow.diagnostics, paint),
      // An unreadable file has no references to speak of; saying "none" would mislead.
      ...(flow.flow === null ? [] : [referenceSummary(flow.references, paint)]),
      verdict(flow, paint),
    ].join('\n'),
  );
  return `${[...parts, summary(flows, paint)].join('\n\n')}\n`;
}

/** The human report of `plan`: diagnostics, where each reference lands, and the publish order. */
export function renderPlan(batch: PlannedBatch, targetName: string, color: boolean): string {
  const paint = painter(color);
  const parts = batch.flows.map((flow) =>
    [
      header(
        flow,
        paint,
        flow.action === null
          ? ''
          : flow.action.kind === 'create'
            ? ' · will be created'
            : ' · will update the existing flow',
      ),
      ...diagnosticLines(flow.diagnostics, paint),
      ...resolutionLines(flow, paint),
      verdict(flow, paint),
    ].join('\n'),
  );
  return `${[...parts, orderLines(batch, paint), summary(batch.flows, paint, targetName)].join('\n\n')}\n`;
}

function header(flow: AnalyzedFlow, paint: Paint, suffix = ''): string {
  const facts = [
    flow.type === null ? 'type unknown' : flowKindLabel(flow.type),
    `${flow.actions} block${flow.actions === 1 ? '' : 's'}`,
    flow.format ?? 'unreadable',
  ];
  return `${paint('bold', printable(flow.file))}  ${printable(flow.name)} ${paint('dim', `· ${facts.join(' · ')}${suffix}`)}`;
}

function diagnosticLines(diagnostics: readonly Diagnostic[], paint: Paint): string[] {
  return diagnostics.flatMap((d) => {
    const mark = d.severity === 'error' ? paint('red', '✖ error  ') : paint('yellow', '▲ warning');
    const where =
      d.block === null ? '' : `  ${printable(d.block)}${d.action === null ? '' : ` (${shortId(d.action)})`}`;
    const lines = [
      `  ${mark} ${paint('dim', printable(d.code))}${where}`,
      `              ${printable(d.message)}`,
    ];
    if (d.hint !== '') lines.push(`              ${paint('cyan', `→ ${printable(d.hint)}`)}`);
    return lines;
  });
}

function referenceSummary(references: readonly Reference[], paint: Paint): string {
  if (references.length === 0) return paint('dim', '  no resource references');
  const counts = new Map<string, number>();
  for (const ref of references) counts.set(ref.valueKind, (counts.get(ref.valueKind) ?? 0) + 1);
  const detail = [...counts].map(([kind, n]) => `${n} ${kind}`).join(' · ');
  return paint('dim', `  ${references.length} reference${references.length === 1 ? '' : 's'}: ${detail}`);
}

function resolutionLines(flow: PlannedFlow, paint: Paint): string[] {
  if (flow.references.length === 0) return [paint('dim', '  no resource references')];
  return flow.references.map((ref, i) => {
    const res = flow.resolutions[i];
    const by = res?.by ?? 'unresolved';
    const shown = printable(ref.name ?? truncate(ref.value, 60));
    const left = `  ${byLabel(by, paint)} ${ref.kind.padEnd(13)} ${truncate(shown, 40).padEnd(40)}`;
    return `${left} ${targetText(res, ref, paint)}`;
  });
}

function byLabel(by: Resolution['by'], paint: Paint): string {
  const label = by.padEnd(10);
  if (by === 'unresolved') return paint('red', label);
  if (by === 'dynamic') return paint('dim', label);
  return paint('green', label);
}

function targetText(res: Resolution | undefined, ref: Reference, paint: Paint): string {
  if (res === undefined || res.by === 'unresolved')
    return paint(ref.required ? 'red' : 'yellow', ref.required ? 'no match: blocks publishing' : 'no match');
  if (res.by === 'dynamic') return paint('dim', 'kept as is (resolved at run time)');
  const target = res.target;
  if (target === null) return '';
  const where =
    target.arn === null
      ? res.by === 'bundle'
        ? 'created by this batch'
        : printable(target.id ?? '')
      : shortArn(target.arn);
  const rule =
    res.rule === undefined ? '' : paint('dim', ` by rule ${printable(describeRenameRule(res.rule))}`);
  return `→ ${printable(target.name)}${res.inherited ? paint('dim', ' (inherited)') : ''} ${paint('dim', where)}${rule}`;
}

function verdict(flow: AnalyzedFlow, paint: Paint): string {
  const errors = flow.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = flow.diagnostics.length - errors;
  const tail = warnings > 0 ? paint('dim', ` (${warnings} warning${warnings === 1 ? '' : 's'})`) : '';
  if (isPublishable(flow)) return `  ${paint('green', '✔ ready to publish')}${tail}`;
  return `  ${paint('red', `✖ blocked by ${errors} error${errors === 1 ? '' : 's'}`)}${tail}`;
}

function orderLines(batch: PlannedBatch, paint: Paint): string {
  const inCycle = new Set(batch.cycles.flat());
  const lines = batch.order.map(
    (file, i) =>
      `  ${String(i + 1).padStart(3)}. ${printable(file)}${inCycle.has(file) ? paint('yellow', '  (cycle: created empty first, content written second)') : ''}`,
  );
  return [paint('bold', 'Publish order'), ...lines].join('\n');
}

function summary(flows: readonly AnalyzedFlow[], paint: Paint, target?: string): string {
  const errors = flows.reduce((n, f) => n + f.diagnostics.filter((d) => d.severity === 'error').length, 0);
  const warnings = flows.reduce(
    (n, f) => n + f.diagnostics.filter((d) => d.severity === 'warning').length,
    0,
  );
  const ready = flows.filter(isPublishable).length;
  const against = target === undefined ? '' : ` against ${printable(target)}`;
  const text = `${flows.length} flow${flows.length === 1 ? '' : 's'}${against}: ${ready} ready, ${flows.length - ready} blocked · ${errors} error${errors === 1 ? '' : 's'} · ${warnings} warning${warnings === 1 ? '' : 's'}`;
  return paint(errors > 0 ? 'red' : 'green', text);
}
