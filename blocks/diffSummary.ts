import type { FlowDiff } from '../core/versions/diff.js';
import { code, plural } from './format.js';
import { escapeMrkdwn } from './limits.js';

/** "2 blocks added", "1 reference re-pointed", …: what a diff changed, in counts (empty: nothing). */
export function diffCounts(diff: FlowDiff): string[] {
  return [
    diff.added.length > 0 ? `${plural(diff.added.length, 'block')} added` : null,
    diff.removed.length > 0 ? `${plural(diff.removed.length, 'block')} removed` : null,
    diff.changed.length > 0 ? `${plural(diff.changed.length, 'block')} changed` : null,
    diff.repointed.length > 0 ? `${plural(diff.repointed.length, 'reference')} re-pointed` : null,
    diff.start === null ? null : 'entry block changed',
    diff.settingsChanged ? 'module settings changed' : null,
    diff.layoutMoves > 0 ? plural(diff.layoutMoves, 'layout move') : null,
  ].filter((part): part is string => part !== null);
}

/** One mrkdwn line per added, removed and changed block and per re-pointed reference. */
export function diffItems(diff: FlowDiff): string[] {
  return [
    ...diff.added.map((b) => `+ ${escapeMrkdwn(b.block)} ${code(b.action)}`),
    ...diff.removed.map((b) => `− ${escapeMrkdwn(b.block)} ${code(b.action)}`),
    ...diff.changed.map((b) => `~ ${escapeMrkdwn(b.block)} ${code(b.action)} (${b.fields.join(', ')})`),
    ...diff.repointed.map(
      (r) =>
        `→ ${r.kind} in ${escapeMrkdwn(r.block)}: ${code(r.fromName ?? r.from)} → ${code(r.toName ?? r.to)}`,
    ),
  ];
}
