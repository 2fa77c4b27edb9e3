import type { KnownBlock } from '@slack/types';
import { blockName } from '../core/actions.js';
import type { PlannedFlow } from '../core/pipeline.js';
import type { Reference } from '../core/references/types.js';
import type { Catalog } from '../core/resolve/catalog.js';
import type { AutoPublishResult } from '../core/service/autoPublish.js';
import type { VersionDiff } from '../core/service/diffVersions.js';
import type { FlowVersion } from '../core/versions/types.js';
import { diffCounts, diffItems } from './diffSummary.js';
import { buildError } from './error.js';
import { code, mention, plural } from './format.js';
import {
  capItems,
  context,
  escapeMrkdwn,
  fitMessage,
  joinLines,
  moreLine,
  SLACK_LIMITS,
  type SlackMessage,
  section,
} from './limits.js';

/**
 * Messages blocks/ has no builder for yet (a diff on its own, a plan, a discarded report, an
 * export note). They use blocks' limit helpers, so they obey the same limits; they belong in
 * blocks/ once it has builders for them.
 */

/** How many changed blocks a diff message lists. */
const SHOWN_CHANGES = 20;
/** How many unresolved references a plan message lists. */
const SHOWN_UNRESOLVED = 10;

/** A diff of two versions, block by block (Show diff, `/flow diff`). */
export function buildDiffMessage(diff: VersionDiff): SlackMessage {
  const counts = diffCounts(diff.diff);
  const first = `${diff.name} in ${diff.env}, v${diff.from} → v${diff.to}: ${counts.length === 0 ? 'no changes' : counts.join(', ')}.`;
  const items = diffItems(diff.diff);
  const { shown, hidden } = capItems(items, SHOWN_CHANGES);
  const blocks: KnownBlock[] = [section(`*${escapeMrkdwn(first)}*`)];
  if (shown.length > 0) {
    const lines = hidden > 0 ? [...shown, moreLine(hidden, 'change')] : shown;
    blocks.push(section(joinLines(lines, SLACK_LIMITS.sectionText, 'change')));
  }
  return fitMessage({ text: first, blocks });
}

/**
 * `/flow plan`: what publishing the latest version would do if planned against the environment
 * now (resources created since the import resolve; nothing is stored).
 */
export function buildPlanMessage(
  env: string,
  version: FlowVersion,
  planned: PlannedFlow,
  catalogs: readonly Catalog[] = [],
): SlackMessage {
  const errors = planned.diagnostics.filter((d) => d.severity === 'error').length;
  const unresolved = planned.references.filter((_, i) => planned.resolutions[i]?.by === 'unresolved');
  const action =
    planned.action === null ? 'cannot be planned' : planned.action.kind === 'update' ? 'updates' : 'creates';
  const first = `Publishing ${version.name} v${version.number} to ${env} ${action} the ${version.flowKey.startsWith('module:') ? 'module' : 'flow'} there: ${plural(planned.references.length - unresolved.length, 'reference')} resolved, ${unresolved.length} unresolved, ${plural(errors, 'error')}.`;
  const { shown, hidden } = capItems(unresolved, SHOWN_UNRESOLVED);
  const lines = shown.map(
    (r) =>
      `${r.required ? ':x:' : ':warning:'} ${r.kind} ${referenceShown(r, catalogs)} in the ${escapeMrkdwn(blockName(r.actionType))} block${r.required ? ' (required)' : ''}`,
  );
  if (hidden > 0) lines.push(moreLine(hidden, 'unresolved reference'));
  const blocks: KnownBlock[] = [section(`*${escapeMrkdwn(first)}*`)];
  if (lines.length > 0) blocks.push(section(joinLines(lines, SLACK_LIMITS.sectionText, 'reference')));
  blocks.push(context('Nothing was stored. Import the flow again to store a version planned this way.'));
  return fitMessage({ text: first, blocks });
}

/**
 * A reference as people know it: the name the file gives it, else the name an environment's
 * catalog knows for its value (the instance it came from knows an ARN the target does not), else
 * the raw value, in code formatting.
 */
function referenceShown(ref: Reference, catalogs: readonly Catalog[]): string {
  if (ref.name !== null && ref.name !== '') return `*${escapeMrkdwn(ref.name)}*`;
  for (const catalog of catalogs) {
    const hit = catalog.findByArn(ref.kind, ref.value) ?? catalog.findById(ref.kind, ref.value);
    if (hit !== null) return `*${escapeMrkdwn(hit.resource.name)}*`;
  }
  return code(ref.value === '' ? '(unnamed)' : ref.value);
}

/** What a discarded report says: who discarded it, and that the versions stay in the history. */
export function buildDiscardedMessage(flows: readonly string[], user: string, env: string): SlackMessage {
  const what = flows.join(', ');
  const first = `Discarded: ${what} will not be offered for publishing to ${env} from this message.`;
  return fitMessage({
    text: first,
    blocks: [
      section(
        `:wastebasket: *Discarded* by ${mention(user)}: ${escapeMrkdwn(what)} will not be offered for publishing to ${escapeMrkdwn(env)} from this message.`,
      ),
      context(
        'Versions are never deleted: `/flow versions <flow>` still lists them, and `/flow publish` can request one.',
      ),
    ],
  });
}

/** The message an export file is posted under. */
export function buildExportNote(user: string, name: string, version: number, env: string): SlackMessage {
  const text = `${escapeMrkdwn(name)} v${version} from ${escapeMrkdwn(env)}, exported for ${mention(user)}: the file is in the thread.`;
  return fitMessage({
    text,
    blocks: [
      section(
        `:outbox_tray: ${mention(user)} exported *${escapeMrkdwn(name)}* v${version} from *${escapeMrkdwn(env)}*: the Flow Language file is in the thread.`,
      ),
    ],
  });
}

/** A short confirmation or refusal for one user. */
export function buildNotice(text: string): SlackMessage {
  return fitMessage({ text, blocks: [section(escapeMrkdwn(text))] });
}

/** A problem for the user: what went wrong and what to do. */
export function buildProblem(message: string, hint: string | null = null): SlackMessage {
  return buildError(hint === null ? message : `${withStop(message)} ${hint}`);
}

/** The listener's acknowledgement of queued work: the answer follows from the worker. */
export function buildWorking(what: string): SlackMessage {
  return { text: `Working on ${what}…`, blocks: [] };
}

function withStop(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/**
 * One line on what auto-publishing a drop or webhook import did, by flow name ("Auto-publish:
 * Published 1 flow to test: Main v1 created."), or null when it had nothing to do.
 */
export function autoPublishNote(published: AutoPublishResult): string | null {
  const parts: string[] = [];
  const { outcome } = published;
  if (outcome !== null) {
    const flows = outcome.flows.map((f) => `${f.name} v${f.version} ${f.action ?? f.state}`).join(', ');
    parts.push(
      outcome.ok
        ? `Published ${plural(outcome.flows.length, 'flow')} to ${outcome.env}: ${flows}.`
        : `Publishing to ${outcome.env} stopped: ${flows}.`,
    );
  }
  const pending = published.requests.filter((r) => r.state === 'pending').length;
  if (pending > 0) parts.push(`${plural(pending, 'publish request')} wait for a publisher's approval.`);
  if (published.problems.length > 0)
    parts.push(`Not published automatically: ${published.problems.join(' ')}`);
  return parts.length === 0 ? null : `Auto-publish: ${parts.join(' ')}`;
}

/** Said in a report's thread when one flow of it is discarded: which, by whom, and that it is kept. */
export function buildDiscardedNote(label: string, user: string, env: string): SlackMessage {
  const text = `${escapeMrkdwn(label)} was discarded by ${mention(user)}: it stays in the history of ${escapeMrkdwn(env)}.`;
  return fitMessage({ text, blocks: [section(text)] });
}
