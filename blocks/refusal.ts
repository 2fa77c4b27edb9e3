import { type FlowgateError, type RefusalFacts, ServiceError } from '../core/errors.js';
import { flowLabel } from '../core/versions/flowKey.js';
import type { PublishRequest } from '../core/versions/types.js';
import { ActionValueError } from './actionIds.js';
import { buildError } from './error.js';
import { code, mention, mentionList, slackDate } from './format.js';
import { escapeMrkdwn, fitMessage, type SlackMessage, section } from './limits.js';

/**
 * A refusal for the user who acted (`reader`, their Slack user id), shown to them alone: in the
 * second person, with people as mentions, flows by name, times as date tokens and what to do
 * next, where the use case gave the facts (a request's state, a missing role); otherwise its own
 * reason as written. A button or menu whose value is not flowgate's (forged, or from an old
 * message) gets what to use instead.
 */
export function buildRefusal(error: FlowgateError, reader: string): SlackMessage {
  if (error instanceof ActionValueError) {
    return buildError(
      'flowgate could not read that button or menu: the message may be older than the current version. Use the latest message, or run the matching /flow command.',
    );
  }
  const facts = error instanceof ServiceError ? error.facts : null;
  if (facts === null) return buildError(withStop(error.message));
  const text =
    facts.kind === 'role'
      ? roleText(facts)
      : facts.kind === 'stale'
        ? staleText(facts, reader)
        : requestText(error.code, facts, reader);
  return fitMessage({ text, blocks: [section(`:warning: ${text}`)] });
}

function roleText(facts: Extract<RefusalFacts, { kind: 'role' }>): string {
  return `You may not ${escapeMrkdwn(facts.doing)}: that needs the ${facts.role} role. Ask your flowgate admin to add you, or a user group you are in, to ${code(`roles.${facts.role}s`)}.`;
}

/** Why the request no longer matches what was reviewed, and to ask again. */
function staleText(facts: Extract<RefusalFacts, { kind: 'stale' }>, reader: string): string {
  const { request, cause } = facts;
  const flow = `*${escapeMrkdwn(flowLabel(request.flowKey))}*`;
  const who = (id: string) => (id === reader ? 'you' : mention(id));
  const why = {
    gone: `v${request.version} of ${flow} no longer exists`,
    content: `the content of ${flow} v${request.version} is not what was requested`,
    resolution: `the references of ${flow} v${request.version} resolve differently than when it was requested`,
    newer: cause.kind === 'newer' ? `${who(cause.by)} imported v${cause.version} ${slackDate(cause.at)}` : '',
    remapped:
      cause.kind === 'remapped'
        ? `${who(cause.by)} chose another ${escapeMrkdwn(cause.resource)} for ${code(cause.source)} ${slackDate(cause.at)}`
        : '',
  }[cause.kind];
  return `Nothing was approved: this publish of ${flow} v${request.version} to *${escapeMrkdwn(request.env)}* changed since it was requested (${why}). Request publishing again so the change is reviewed: ${code(publishCommand(request).replace(/ \d+ --env/, ' --env'))}.`;
}

function requestText(
  errorCode: string,
  facts: Extract<RefusalFacts, { kind: 'request' }>,
  reader: string,
): string {
  const { request } = facts;
  const what = `this publish of *${escapeMrkdwn(flowLabel(request.flowKey))}* v${request.version} to *${escapeMrkdwn(request.env)}*`;
  if (errorCode === 'self-approval') {
    const ask = facts.approvers.length === 0 ? '' : `: ask ${mentionList(facts.approvers)}`;
    return `You requested ${what}; another publisher must approve it${ask}.`;
  }
  const who = request.decidedBy === reader ? 'You' : mention(request.decidedBy ?? 'someone');
  const when = request.decidedAt === null ? '' : ` ${slackDate(request.decidedAt)}`;
  const again = `To publish it, request it again: ${code(publishCommand(request))}.`;
  const why = request.reason === null || request.reason === '' ? '' : `: “${escapeMrkdwn(request.reason)}”`;
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
      return `${capitalised(what)} expired ${slackDate(request.expiresAt)} before anyone decided. ${again}`;
    case 'pending':
      return `${capitalised(what)}, asked by ${mention(request.requester)}, still waits for a publisher's approval.`;
  }
}

/** The `/flow publish` that asks for the same version again. */
function publishCommand(request: PublishRequest): string {
  const name = flowLabel(request.flowKey).replace(/^module /, '');
  const quoted = /\s/.test(name) ? `"${name}"` : name;
  return `/flow publish ${quoted} ${request.version} --env ${request.env}`;
}

function capitalised(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

function withStop(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
