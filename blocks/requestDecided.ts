import type { Button, KnownBlock } from '@slack/types';
import type { FlowPublishResult } from '../core/publish/publishOutcome.js';
import { flowLabel } from '../core/versions/flowKey.js';
import { ACTION_IDS, encodeActionValue } from './actionIds.js';
import { diagnosticLine, mention, plural, slackDate } from './format.js';
import {
  actionsBlocks,
  capItems,
  confirmDialog,
  escapeMrkdwn,
  fitMessage,
  joinLines,
  moreLine,
  plain,
  SLACK_LIMITS,
  type SlackMessage,
  section,
} from './limits.js';
import { requestSummary } from './publishRequest.js';
import { reportButton } from './reportButton.js';
import type { RequestDecidedView } from './types.js';

/** How many of a failed flow's own diagnostics (from the contact center) are listed. */
const SHOWN_DIAGNOSTICS = 5;

/**
 * The publish request's message after its decision: the request as it was, then who decided and
 * when (the Approve/Reject buttons are gone, so the decision cannot be clicked again), what
 * publishing did, and a Roll back button (behind a confirm) for each flow whose previous content
 * was kept.
 */
export function buildRequestDecided(view: RequestDecidedView): SlackMessage {
  const decision = decisionLine(view);
  const blocks: KnownBlock[] = [...requestSummary(view), section(decision)];
  if (view.outcome !== null) blocks.push(section(outcomeText(view)));
  const buttons = [...rollbackButtons(view), ...reportButton(view.reportUrl)];
  blocks.push(...actionsBlocks(buttons));
  return fitMessage(
    {
      text: `${plainDecision(view)} ${view.outcome === null ? '' : outcomeHead(view.outcome)}`.trim(),
      blocks,
    },
    { keepLast: Math.ceil(buttons.length / SLACK_LIMITS.actionsElements) },
  );
}

function decisionLine(view: RequestDecidedView): string {
  // Nobody decided an expiry: the line says when time ran out, in each reader's time zone
  // (the stored reason is the same fact as machine text).
  if (view.state === 'expired')
    return `${stateIcon(view.state)} *Expired* ${slackDate(view.expiresAt)}: nobody approved or rejected it in time.`;
  const who = view.decidedBy === null ? '' : ` by ${mention(view.decidedBy)}`;
  const when = view.decidedAt === null ? '' : ` · ${slackDate(view.decidedAt)}`;
  const reason = view.reason === null ? '' : `\n> ${escapeMrkdwn(view.reason)}`;
  const waiting =
    view.waitingFor.length === 0
      ? ''
      : `\nPublishing waits for ${view.waitingFor.map((w) => `*${escapeMrkdwn(w)}*`).join(', ')} to be approved.`;
  return `${stateIcon(view.state)} *${stateWord(view.state)}*${who}${when}${reason}${waiting}`;
}

function plainDecision(view: RequestDecidedView): string {
  const who = view.decidedBy === null ? '' : ` by ${mention(view.decidedBy)}`;
  return `${escapeMrkdwn(view.name)} v${view.version} for ${escapeMrkdwn(view.env)}: ${stateWord(view.state).toLowerCase()}${who}.`;
}

/** The outcome's first line: published, or where it stopped (by flow name). */
function outcomeHead(outcome: NonNullable<RequestDecidedView['outcome']>): string {
  const stopped = outcome.flows.find((f) => f.state === 'failed' || f.error !== null);
  if (stopped === undefined)
    return `Published ${plural(outcome.flows.length, 'flow')} to ${escapeMrkdwn(outcome.env)}.`;
  return `Publishing to ${escapeMrkdwn(outcome.env)} stopped at ${escapeMrkdwn(stopped.name)} v${stopped.version}.`;
}

function stateWord(state: RequestDecidedView['state']): string {
  switch (state) {
    case 'approved':
      return 'Approved';
    case 'published':
      return 'Approved and published';
    case 'failed':
      return 'Approved, publishing failed';
    case 'rejected':
      return 'Rejected';
    case 'expired':
      return 'Expired';
  }
}

function stateIcon(state: RequestDecidedView['state']): string {
  if (state === 'published' || state === 'approved') return ':white_check_mark:';
  if (state === 'failed') return ':x:';
  return state === 'rejected' ? ':no_entry:' : ':hourglass:';
}

/** The publish outcome: the first line, then one line per flow, then a failed flow's problems. */
function outcomeText(view: RequestDecidedView): string {
  const outcome = view.outcome;
  if (outcome === null) return '';
  const head = outcome.ok
    ? `*Published ${plural(outcome.flows.length, 'flow')} to ${escapeMrkdwn(outcome.env)}.*`
    : `*Publishing to ${escapeMrkdwn(outcome.env)} stopped.*`;
  const failed = outcome.flows.find((f) => f.state === 'failed');
  const problems = failed === undefined ? [] : failed.diagnostics;
  const { shown, hidden } = capItems(problems, SHOWN_DIAGNOSTICS);
  return joinLines(
    [
      head,
      ...outcome.flows.map(flowLine),
      ...shown.map(diagnosticLine),
      ...(hidden > 0 ? [moreLine(hidden, 'problem')] : []),
    ],
    SLACK_LIMITS.sectionText,
    'line',
  );
}

function flowLine(f: FlowPublishResult): string {
  const what = `*${escapeMrkdwn(f.name)}* v${f.version}`;
  switch (f.state) {
    case 'published':
      return `• ${what}: ${f.action ?? 'published'}`;
    case 'placeholder':
      return `• ${what}: created with placeholder content only; its real content was not written`;
    case 'failed':
      return `• ${what}: *failed*, not written: ${escapeMrkdwn(f.error ?? 'the write failed')}`;
    case 'skipped':
      return f.waitsFor === null
        ? `• ${what}: not written (still approved: approving it again publishes it)`
        : `• ${what}: not written (still approved): it needs *${escapeMrkdwn(flowLabel(f.waitsFor))}*, whose request failed; request publishing that again and this is published with it once approved`;
  }
}

function rollbackButtons(view: RequestDecidedView): Button[] {
  const flows = view.outcome?.flows ?? [];
  return flows.flatMap((f, i): Button[] => {
    if (f.previous === null || f.state !== 'published' || f.action === 'unchanged') return [];
    return [
      {
        type: 'button',
        action_id: flows.length === 1 ? ACTION_IDS.rollback : `${ACTION_IDS.rollback}:${i}`,
        text: plain(
          flows.length === 1 ? `Roll back to v${f.previous}` : `Roll back ${f.name}`,
          SLACK_LIMITS.buttonText,
        ),
        value: encodeActionValue(ACTION_IDS.rollback, { env: view.env, flow: f.flowKey, to: f.previous }),
        confirm: confirmDialog(
          `Roll back ${f.name}?`,
          `${f.name} in ${view.env} will get the content of v${f.previous} again. Importing will replace the current flow definition; unpublished changes will be lost.`,
          'Roll back',
          'danger',
        ),
      },
    ];
  });
}
