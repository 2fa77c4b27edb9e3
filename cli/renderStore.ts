import type { VersionDiff } from '../core/service/diffVersions.js';
import type { ImportResult } from '../core/service/importFlows.js';
import type { VersionList } from '../core/service/listVersions.js';
import type { PromotedFlow, PromoteResult } from '../core/service/promoteFlows.js';
import type { PullResult } from '../core/service/pullFlows.js';
import type { FlowDiff } from '../core/versions/diff.js';
import type { AuditEvent } from '../core/versions/types.js';
import { printable } from './printable.js';
import { alreadyRequestedText } from './refusal.js';
import { type Paint, painter, renderPlan, shortId } from './render.js';

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
  const lines = diffLines(result.diff, paint);
  if (lines.length === 0) lines.push(paint('dim', '  no differences'));
  return `${[paint('bold', `${printable(result.name)}: version ${result.from} → ${result.to}`), ...lines].join('\n')}\n`;
}

/** A diff's lines, indented two spaces: added, removed, changed blocks, re-pointed references, layout. */
function diffLines(diff: FlowDiff, paint: Paint): string[] {
  const lines: string[] = [];
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
  return lines;
}

/** What a pull stored, one line per flow. */
export function renderPull(result: PullResult, color: boolean): string {
  const paint = painter(color);
  const lines = [
    paint('bold', `Pulled from ${printable(result.env)} (${result.saved ? 'saved' : 'published'} content):`),
  ];
  for (const flow of result.flows) {
    const what =
      flow.version === null
        ? paint('red', 'not stored')
        : flow.created
          ? paint('green', `stored as version ${flow.version.number}`)
          : paint('dim', `unchanged (version ${flow.version.number})`);
    lines.push(`  ${flow.kind === 'module' ? 'module ' : ''}${printable(flow.name)}: ${what}`);
    if (flow.version === null)
      for (const d of flow.diagnostics.filter((x) => x.severity === 'error'))
        lines.push(`    ${printable(d.message)}`);
  }
  if (result.notPublished.length > 0)
    lines.push(
      `  never published (pull them with --saved): ${result.notPublished.map(printable).join(', ')}`,
    );
  return `${lines.join('\n')}\n`;
}

/** What a promote changes in the target, flow by flow, and the request to approve. */
export function renderPromote(result: PromoteResult, color: boolean, you: string): string {
  const paint = painter(color);
  const lines = [paint('bold', `Promote ${printable(result.from)} → ${printable(result.to)}:`)];
  for (const flow of result.flows) {
    const label = `${flow.kind === 'module' ? 'module ' : ''}${printable(flow.name)}`;
    lines.push(`  ${label}: ${changeWords(flow, paint)}`);
    const errors = flow.diagnostics.filter((d) => d.severity === 'error');
    for (const d of errors) lines.push(`    ${paint('red', 'error')} ${printable(d.message)}`);
    if (flow.diff !== null) lines.push(...diffLines(flow.diff, paint).map((l) => `  ${l}`));
  }
  if (result.notPublished.length > 0)
    lines.push(
      `  never published in ${printable(result.from)}, not promoted: ${result.notPublished.map(printable).join(', ')}`,
    );
  lines.push(requestWords(result, you));
  return `${lines.join('\n')}\n`;
}

function changeWords(flow: PromotedFlow, paint: Paint): string {
  const from = `version ${flow.sourceVersion} of the source`;
  switch (flow.change) {
    case 'create':
      return paint('green', `new in the target (${from}, stored as version ${flow.version?.number ?? '?'})`);
    case 'update':
      return paint('yellow', `changes (${from}, stored as version ${flow.version?.number ?? '?'}):`);
    case 'unchanged':
      return paint('dim', 'unchanged: the target already holds it');
    case 'not-stored':
      return paint('red', 'not stored');
  }
}

function requestWords(result: PromoteResult, you: string): string {
  if (result.refused !== null) return `No request was opened: ${printable(result.refused)}`;
  if (result.alreadyRequested !== null) {
    const { request, name } = result.alreadyRequested;
    const open = alreadyRequestedText(request, printable(name), printable(you));
    return `No request was opened. ${open}\nOnce that request is decided or expires, promote again.`;
  }
  if (result.request === null) return `Nothing changes in ${printable(result.to)}: nothing was written.`;
  const { lead, members } = result.request;
  if (lead.state !== 'pending')
    return `Request ${lead.id} for ${members.length} flows in ${printable(result.to)} is ${lead.state}.`;
  return `Request ${lead.id} publishes these ${members.length} together in ${printable(result.to)} once approved (expires ${lead.expiresAt}).\nA publisher other than ${printable(lead.requester)} approves it with: flowgate approve ${lead.id} --as <publisher>`;
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
