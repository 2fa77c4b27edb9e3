import type { VersionDiff } from '../core/service/diffVersions.js';
import type { ImportResult } from '../core/service/importFlows.js';
import type { VersionList } from '../core/service/listVersions.js';
import type { AuditEvent } from '../core/versions/types.js';
import { printable } from './printable.js';
import { painter, renderPlan, shortId } from './render.js';

/** The import report: the plan of each file, then what was stored. */
export function renderImport(result: ImportResult, color: boolean): string {
  const paint = painter(color);
  const plan = renderPlan(
    { flows: result.flows.map((f) => f.analysis), order: result.order, cycles: [] },
    result.env,
    color,
  );
  const env = printable(result.env);
  const stored = result.flows.map((f) => {
    if (f.version === null) return `  ${paint('red', 'not stored')}  ${printable(f.file)}`;
    const what = f.created
      ? paint('green', `version ${f.version.number}`)
      : paint('dim', `unchanged (version ${f.version.number})`);
    return `  ${what}  ${printable(f.version.name)} ${paint('dim', `(${printable(f.flowKey ?? '')})`)}`;
  });
  return `${plan}\n${paint('bold', `Stored in ${env}`)}\n${stored.join('\n')}\n`;
}

/** A flow's versions, newest first, marking the published one. */
export function renderVersions(list: VersionList, color: boolean): string {
  const paint = painter(color);
  const { head } = list;
  const title = `${paint('bold', printable(head.name))} in ${printable(head.env)}: latest ${head.latest}, published ${head.published ?? 'never'}`;
  const lines = list.versions.map((v) => {
    const errors = v.diagnostics.filter((d) => d.severity === 'error').length;
    const marks = [
      v.number === head.published ? paint('green', 'published') : '',
      v.restores === null ? '' : `restores ${v.restores}`,
      errors > 0 ? paint('red', `${errors} error${errors === 1 ? '' : 's'}`) : '',
    ].filter((m) => m !== '');
    const from = printable(`${v.source.channel}:${v.source.ref}`);
    return `  ${String(v.number).padStart(4)}  ${printable(v.createdAt)}  ${printable(v.author).padEnd(12)} ${from}  ${marks.join(' · ')}`;
  });
  return `${title}\n${lines.join('\n')}\n`;
}

/** What changed between two versions, in words a reviewer reads. */
export function renderDiff(result: VersionDiff, color: boolean): string {
  const paint = painter(color);
  const { diff } = result;
  const lines: string[] = [paint('bold', `${printable(result.name)}: version ${result.from} → ${result.to}`)];
  for (const block of diff.added)
    lines.push(`  ${paint('green', '+')} ${printable(block.block)} (${shortId(block.action)})`);
  for (const block of diff.removed)
    lines.push(`  ${paint('red', '-')} ${printable(block.block)} (${shortId(block.action)})`);
  for (const block of diff.changed)
    lines.push(
      `  ${paint('yellow', '~')} ${printable(block.block)} (${shortId(block.action)}): ${printable(block.fields.join(', '))}`,
    );
  for (const ref of diff.repointed) {
    lines.push(
      `  ${paint('cyan', '→')} ${ref.kind} in ${printable(ref.block)} (${shortId(ref.action)}): ${printable(ref.fromName ?? ref.from)} → ${printable(ref.toName ?? ref.to)}`,
    );
  }
  if (diff.start !== null)
    lines.push(`  start block: ${shortId(diff.start.from)} → ${shortId(diff.start.to)}`);
  if (diff.settingsChanged) lines.push('  module settings changed');
  if (diff.layoutMoves > 0)
    lines.push(
      paint(
        'dim',
        `  ${diff.layoutMoves} block${diff.layoutMoves === 1 ? '' : 's'} moved on the canvas only`,
      ),
    );
  if (lines.length === 1) lines.push(paint('dim', '  no differences'));
  return `${lines.join('\n')}\n`;
}

/** The audit trail, newest first. */
export function renderAudit(events: readonly AuditEvent[], color: boolean): string {
  const paint = painter(color);
  if (events.length === 0) return `${paint('dim', 'no events')}\n`;
  const lines = events.map((e) => {
    const detail = Object.entries(e.detail)
      .map(([k, v]) => printable(`${k}=${String(v)}`))
      .join(' ');
    return `${printable(e.at)}  ${printable(e.actor).padEnd(12)} ${printable(e.action).padEnd(14)} ${printable(e.flowKey ?? '')}  ${paint('dim', detail)}`;
  });
  return `${lines.join('\n')}\n`;
}
