import { type FlowgateError, type RefusalFacts, ServiceError } from '../core/errors.js';
import { type RefusalStyle, requestStateText, staleRequestText } from '../core/refusalWords.js';
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
        ? staleRequestText(facts, reader, slackStyle())
        : requestText(error.code, facts, reader);
  return fitMessage({ text, blocks: [section(`:warning: ${text}`)] });
}

function roleText(facts: Extract<RefusalFacts, { kind: 'role' }>): string {
  return `You may not ${escapeMrkdwn(facts.doing)}: that needs the ${facts.role} role. Ask your flowgate admin to add you, or a user group you are in, to ${code(`roles.${facts.role}s`)}.`;
}

/** Slack's way of writing a refusal's parts: mentions, bold names, date tokens, code. */
function slackStyle(): RefusalStyle {
  return {
    person: mention,
    name: (text) => `*${escapeMrkdwn(text)}*`,
    at: (iso) => ` ${slackDate(iso)}`,
    reason: (text) => `: “${escapeMrkdwn(text)}”`,
    literal: code,
    publishAgain: (request, latest) =>
      code(latest ? publishCommand(request).replace(/ \d+ --env/, ' --env') : publishCommand(request)),
    afterCommand: '.',
  };
}

function requestText(
  errorCode: string,
  facts: Extract<RefusalFacts, { kind: 'request' }>,
  reader: string,
): string {
  const { request } = facts;
  if (errorCode !== 'self-approval') return requestStateText(request, reader, slackStyle());
  const what = `this publish of *${escapeMrkdwn(flowLabel(request.flowKey))}* v${request.version} to *${escapeMrkdwn(request.env)}*`;
  const ask = facts.approvers.length === 0 ? '' : `: ask ${mentionList(facts.approvers)}`;
  return `You requested ${what}; another publisher must approve it${ask}.`;
}

/** The `/flow publish` that asks for the same version again. */
function publishCommand(request: PublishRequest): string {
  const name = flowLabel(request.flowKey).replace(/^module /, '');
  const quoted = /\s/.test(name) ? `"${name}"` : name;
  return `/flow publish ${quoted} ${request.version} --env ${request.env}`;
}

function withStop(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
