import { code, mention, slackDate } from './format.js';
import { escapeMrkdwn, type SlackMessage, section } from './limits.js';
import type { PublishRequestView } from './types.js';

/**
 * Tells the requester, in the thread of their request's message, that it expired undecided: the
 * flow by name, the environment, when it ran out (in their own time zone) and how to ask again.
 */
export function buildRequestExpiredNotice(view: PublishRequestView): SlackMessage {
  const what = `*${escapeMrkdwn(view.name)}* v${view.version} to *${escapeMrkdwn(view.env)}*`;
  const text =
    `${mention(view.requester)} your request to publish ${what} expired ${slackDate(view.expiresAt)} ` +
    `without a decision, so nothing was published. To publish it, request again: ` +
    `${code(`/flow publish ${quoted(view.name)} ${view.version} --env ${view.env}`)}.`;
  return {
    text: `${mention(view.requester)} your request to publish ${view.name} v${view.version} to ${view.env} expired without a decision.`,
    blocks: [section(text)],
  };
}

/** A flow name as one `/flow` argument (names may hold spaces). */
function quoted(name: string): string {
  return /\s/.test(name) ? `"${name}"` : name;
}
