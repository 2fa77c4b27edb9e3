import type { KnownBlock } from '@slack/types';
import type { PublishRequest } from '../core/versions/types.js';
import { code, mention, plural, slackDate } from './format.js';
import {
  capItems,
  escapeMrkdwn,
  fitMessage,
  joinLines,
  moreLine,
  SLACK_LIMITS,
  type SlackMessage,
  section,
} from './limits.js';

/** Pending publish requests of an environment (`/flow status`). */
export interface StatusView {
  readonly env: string;
  readonly requests: readonly PublishRequest[];
}

/** How many requests the message lists. */
const SHOWN_REQUESTS = 30;

/** The environment's pending publish requests: flow, version, who asked, when it expires. */
export function buildStatus(view: StatusView): SlackMessage {
  const pending = view.requests.filter((r) => r.state === 'pending');
  const first =
    pending.length === 0
      ? `No publish requests are waiting in ${view.env}.`
      : `${plural(pending.length, 'publish request')} waiting in ${view.env}.`;
  const { shown, hidden } = capItems(pending, SHOWN_REQUESTS);
  const lines = shown.map(
    (r) =>
      `• ${code(r.flowKey)} v${r.version} · asked by ${mention(r.requester)} ${slackDate(r.requestedAt)} · expires ${slackDate(r.expiresAt)} · ${code(r.id)}`,
  );
  if (hidden > 0) lines.push(moreLine(hidden, 'request'));
  const blocks: KnownBlock[] = [section(`*${escapeMrkdwn(first)}*`)];
  if (lines.length > 0) blocks.push(section(joinLines(lines, SLACK_LIMITS.sectionText, 'request')));
  return fitMessage({ text: first, blocks });
}
