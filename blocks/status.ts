import { flowLabel } from '../core/versions/flowKey.js';
import type { PublishRequest } from '../core/versions/types.js';
import { mention, plural, slackDate } from './format.js';
import { escapeMrkdwn, type SlackMessage } from './limits.js';
import { buildListMessage } from './listMessage.js';

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
  return buildListMessage(
    first,
    pending,
    SHOWN_REQUESTS,
    (r) =>
      `*${escapeMrkdwn(flowLabel(r.flowKey))}* v${r.version} · asked by ${mention(r.requester)} ${slackDate(r.requestedAt)} · expires ${slackDate(r.expiresAt)}`,
    'request',
  );
}
