import type { RefusalFacts } from './errors.js';
import { flowLabel } from './versions/flowKey.js';
import type { PublishRequest } from './versions/types.js';

/**
 * How a reader's medium writes the parts of a refusal: Slack's mrkdwn (mentions, date tokens,
 * bold names) or a terminal's plain text (names, local times). The sentences are the same in both,
 * so they are written once here, in the second person, without any medium's syntax.
 */
export interface RefusalStyle {
  /** Someone other than the reader (a mention in Slack, the name in a terminal). */
  person(id: string): string;
  /** A flow's or an environment's name as shown (bold in Slack). */
  name(text: string): string;
  /** A time with its leading space and preposition: " <!date…>" or " at 2026-12-06 23:32". */
  at(iso: string): string;
  /** A reason after the verb it explains: `: “why”` or ` (why)`. */
  reason(text: string): string;
  /** A value quoted from a flow (a reference's source): in backticks or in quotes. */
  literal(text: string): string;
  /** The command that asks to publish `request`'s version again, or the flow's latest (`latest`). */
  publishAgain(request: PublishRequest, latest: boolean): string;
  /** What follows a command at the end of a sentence: "." where it cannot be copied by mistake. */
  readonly afterCommand: string;
}

/**
 * Why a decided, expired or pending request cannot be decided again, with what to do next. The
 * self-approval refusal is each medium's own (who to ask differs: mentions or a command).
 */
export function requestStateText(request: PublishRequest, reader: string, style: RefusalStyle): string {
  const what = `this publish of ${style.name(flowLabel(request.flowKey))} v${request.version} to ${style.name(request.env)}`;
  const who =
    request.decidedBy === reader
      ? 'You'
      : request.decidedBy === null
        ? 'Someone'
        : style.person(request.decidedBy);
  const when = request.decidedAt === null ? '' : style.at(request.decidedAt);
  const why = request.reason === null || request.reason === '' ? '' : style.reason(request.reason);
  const again = `To publish it, request it again: ${style.publishAgain(request, false)}${style.afterCommand}`;
  switch (request.state) {
    case 'published':
      return `${who} approved ${what}${when}; it is live. Nothing is left to approve.`;
    case 'approved':
      return `${who} approved ${what}${when}; it is being published, or waits for the flows it needs.`;
    case 'rejected':
      return `${who} rejected ${what}${when}${why}. ${again}`;
    case 'failed':
      return `${who} approved ${what}${when}, but publishing it failed${why}. ${again}`;
    case 'expired':
      return `${capitalised(what)} expired${style.at(request.expiresAt)} before anyone decided. ${again}`;
    case 'pending':
      return `${capitalised(what)}, asked by ${style.person(request.requester)}, still waits for a publisher's approval.`;
  }
}

/** Why a request no longer matches what was reviewed, and to ask again. */
export function staleRequestText(
  facts: Extract<RefusalFacts, { kind: 'stale' }>,
  reader: string,
  style: RefusalStyle,
): string {
  const { request, cause } = facts;
  const flow = style.name(flowLabel(request.flowKey));
  const who = (id: string) => (id === reader ? 'you' : style.person(id));
  const why = {
    gone: `v${request.version} of ${flow} no longer exists`,
    content: `the content of ${flow} v${request.version} is not what was requested`,
    resolution: `the references of ${flow} v${request.version} resolve differently than when it was requested`,
    newer: cause.kind === 'newer' ? `${who(cause.by)} imported v${cause.version}${style.at(cause.at)}` : '',
    remapped:
      cause.kind === 'remapped'
        ? `${who(cause.by)} chose another ${cause.resource} for ${style.literal(cause.source)}${style.at(cause.at)}`
        : '',
  }[cause.kind];
  return `Nothing was approved: this publish of ${flow} v${request.version} to ${style.name(request.env)} changed since it was requested (${why}). Request publishing again so the change is reviewed: ${style.publishAgain(request, true)}${style.afterCommand}`;
}

function capitalised(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}
