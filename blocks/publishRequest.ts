import type { KnownBlock } from '@slack/types';
import type { FlowDiff } from '../core/versions/diff.js';
import { ACTION_IDS, encodeActionValue } from './actionIds.js';
import { diffCounts, diffItems } from './diffSummary.js';
import { mention, mentionList, slackDate } from './format.js';
import {
  capItems,
  confirmDialog,
  context,
  escapeMrkdwn,
  fitMessage,
  joinLines,
  moreLine,
  plain,
  SLACK_LIMITS,
  type SlackMessage,
  section,
} from './limits.js';
import { reportButton } from './reportButton.js';
import type { PublishRequestView } from './types.js';

/** How many changed blocks the diff summary names. */
const SHOWN_CHANGES = 8;

/**
 * The message approvers act on: who asks, what (flow, version, environment, what it replaces),
 * the diff summary, and Approve (primary, behind a confirm dialog) / Reject (danger: it opens a
 * modal asking for the reason). The buttons carry the request id only; the server checks role, requester, hashes,
 * expiry and state on every click.
 */
export function buildPublishRequest(view: PublishRequestView): SlackMessage {
  const together = view.together ?? [];
  const first =
    together.length === 0
      ? `${mention(view.requester)} asks to publish ${escapeMrkdwn(view.name)} v${view.version} to ${escapeMrkdwn(view.env)}.`
      : `${mention(view.requester)} asks to publish ${together.length + 1} flows to ${escapeMrkdwn(view.env)} together: ${escapeMrkdwn(view.name)} v${view.version}, ${together.map(escapeMrkdwn).join(', ')}. Approving publishes them all.`;
  const blocks: KnownBlock[] = [
    ...requestSummary(view),
    {
      type: 'actions',
      block_id: `request:${view.requestId}`.slice(0, SLACK_LIMITS.blockId),
      elements: [
        {
          type: 'button',
          action_id: ACTION_IDS.approve,
          text: plain('Approve', SLACK_LIMITS.buttonText),
          style: 'primary',
          value: encodeActionValue(ACTION_IDS.approve, { request: view.requestId }),
          confirm: confirmDialog(
            together.length === 0
              ? `Publish ${view.name} v${view.version}?`
              : `Publish ${together.length + 1} flows?`,
            together.length === 0
              ? `${view.name} v${view.version} will be written to ${view.env} now${view.replaces === null ? '' : `, replacing v${view.replaces}`}. Importing will replace the current flow definition; unpublished changes will be lost.`
              : `${view.name} and ${together.length} more will be written to ${view.env} now. Importing will replace the current flow definitions; unpublished changes will be lost.`,
            'Approve and publish',
          ),
        },
        {
          type: 'button',
          action_id: ACTION_IDS.reject,
          text: plain('Reject', SLACK_LIMITS.buttonText),
          style: 'danger',
          // No confirm dialog: the click opens the modal asking for the reason, which has Cancel.
          value: encodeActionValue(ACTION_IDS.reject, { request: view.requestId }),
        },
        ...reportButton(view.reportUrl),
      ],
    },
    context(`Expires ${slackDate(view.expiresAt)} · ${whoApproves(view)}`),
  ];
  return fitMessage({ text: first, blocks }, { keepLast: 2 });
}

/** Who may approve: the publishers but the requester, as mentions, else "another publisher". */
function whoApproves(view: PublishRequestView): string {
  const approvers = view.approvers ?? [];
  const who = approvers.length === 0 ? 'another publisher' : mentionList(approvers);
  return `${who} can approve it (not ${mention(view.requester)}, who asked for it).`;
}

/** The request's facts: the ask, what it replaces, the diff summary. Shared with the decided message. */
export function requestSummary(view: PublishRequestView): KnownBlock[] {
  const replaces =
    view.replaces === null ? `new to ${escapeMrkdwn(view.env)}` : `replaces published v${view.replaces}`;
  return [
    section(
      `${mention(view.requester)} asks to publish *${escapeMrkdwn(view.name)}*${view.flowKey.startsWith('module:') ? ' (module)' : ''} v${view.version} to *${escapeMrkdwn(view.env)}* (${replaces}).`,
    ),
    section(
      view.diff === null ? 'Nothing to compare it with: this is its first version.' : diffText(view.diff),
    ),
    context(`Requested ${slackDate(view.requestedAt)}`),
  ];
}

/** "Changes v2 → v3: 2 blocks added, …" then the blocks by name. */
function diffText(diff: { readonly from: number; readonly to: number; readonly changes: FlowDiff }): string {
  const counts = diffCounts(diff.changes);
  const head = `*Changes v${diff.from} → v${diff.to}:* ${counts.length === 0 ? 'none' : counts.join(', ')}`;
  const items = diffItems(diff.changes);
  const { shown, hidden } = capItems(items, SHOWN_CHANGES);
  const lines = hidden > 0 ? [...shown, moreLine(hidden, 'change')] : shown;
  return joinLines([head, ...lines], SLACK_LIMITS.sectionText, 'change');
}
