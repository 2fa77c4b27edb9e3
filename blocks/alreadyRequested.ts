import { mention, slackDate } from './format.js';
import { escapeMrkdwn, fitMessage, type SlackMessage, section } from './limits.js';

/** The open request a second ask for the same version found, as the asker is told of it. */
export interface AlreadyRequestedView {
  readonly name: string;
  readonly version: number;
  readonly env: string;
  readonly requester: string;
  readonly requestedAt: string;
  readonly state: 'pending' | 'approved';
  readonly decidedBy: string | null;
  /** A link to the request's message, when it has one (a request made from the CLI has none). */
  readonly link: string | null;
  /** Who asked again: the reader of this answer. */
  readonly reader: string;
}

/**
 * The answer to asking again for a version that already has an open request (a double click, a
 * repeated `/flow publish`): nothing new was made, who asked first and when, where it stands, and
 * a link to the request's message.
 */
export function buildAlreadyRequested(view: AlreadyRequestedView): SlackMessage {
  const what = `*${escapeMrkdwn(view.name)}* v${view.version} to *${escapeMrkdwn(view.env)}*`;
  const who =
    view.requester === view.reader
      ? `You already asked to publish ${what} ${slackDate(view.requestedAt)}`
      : `Publishing ${what} was already requested by ${mention(view.requester)} ${slackDate(view.requestedAt)}`;
  const standing =
    view.state === 'approved'
      ? `${view.decidedBy === null ? 'It is approved' : `${mention(view.decidedBy)} approved it`} and it is being published`
      : 'it waits for a publisher to approve or reject it';
  const link = view.link === null ? '' : ` <${view.link}|See the request.>`;
  const text = `${who}; ${standing}, so nothing new was requested.${link}`;
  const plainWho = view.requester === view.reader ? 'You already asked' : 'Someone already asked';
  return fitMessage({
    text: `${plainWho} to publish ${view.name} v${view.version} to ${view.env}; nothing new was requested.`,
    blocks: [section(text)],
  });
}
