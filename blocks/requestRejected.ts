import { code, mention, slackDate } from './format.js';
import { escapeMrkdwn, fitMessage, type SlackMessage, section } from './limits.js';
import type { RequestDecidedView } from './types.js';

/**
 * Tells the requester, in the thread of their request's message, that it was rejected: by whom,
 * when, the reason in the rejecter's words, and how to ask again once it is addressed.
 */
export function buildRequestRejectedNotice(view: RequestDecidedView): SlackMessage {
  const what = `*${escapeMrkdwn(view.name)}* v${view.version} to *${escapeMrkdwn(view.env)}*`;
  const by = view.decidedBy === null ? 'A publisher' : mention(view.decidedBy);
  const when = view.decidedAt === null ? '' : ` ${slackDate(view.decidedAt)}`;
  const reason = view.reason === null ? '' : `\n> ${escapeMrkdwn(view.reason).replace(/\n/g, '\n> ')}`;
  const again = code(`/flow publish ${quoted(view.name)} --env ${view.env}`);
  const text =
    `${mention(view.requester)} ${by} rejected your request to publish ${what}${when}:${reason}\n` +
    `Nothing was published. Once it is addressed, import the flow again or request again: ${again}.`;
  return fitMessage({
    text: `${mention(view.requester)} your request to publish ${view.name} v${view.version} to ${view.env} was rejected${view.reason === null ? '' : `: ${view.reason}`}`,
    blocks: [section(text)],
  });
}

/** A flow name as one `/flow` argument (names may hold spaces). */
function quoted(name: string): string {
  return /\s/.test(name) ? `"${name}"` : name;
}
