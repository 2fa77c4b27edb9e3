import { FlowgateError, type RefusalFacts, ServiceError } from '../core/errors.js';
import { type RefusalStyle, requestStateText, staleRequestText } from '../core/refusalWords.js';
import { flowLabel } from '../core/versions/flowKey.js';
import type { PublishRequest } from '../core/versions/types.js';

/**
 * A use case's refusal worded for the person at the terminal (`you`, the acting `--as` name):
 * in the second person, with names, local times and the command to run next, where the use case
 * gave the facts; any other error as it is.
 */
export function inYourWords(error: unknown, you: string): unknown {
  if (!(error instanceof ServiceError) || error.facts === null) return error;
  const { facts } = error;
  const text =
    facts.kind === 'role'
      ? roleText(facts, you)
      : facts.kind === 'stale'
        ? staleRequestText(facts, you, terminalStyle())
        : requestText(error.code, facts, you);
  return new FlowgateError(error.code, text, { cause: error });
}

function roleText(facts: Extract<RefusalFacts, { kind: 'role' }>, you: string): string {
  return `You (${you}) may not ${facts.doing}: that needs the ${facts.role} role. Ask your flowgate admin to add you to roles.${facts.role}s in the flowgate config.`;
}

/** A terminal's way of writing a refusal's parts: names, local times, plain commands. */
function terminalStyle(): RefusalStyle {
  return {
    person: (id) => id,
    name: (text) => text,
    at: (iso) => ` at ${localTime(iso)}`,
    reason: (text) => ` (${text})`,
    literal: (text) => `'${text}'`,
    publishAgain: (request, latest) =>
      latest
        ? `flowgate publish ${JSON.stringify(flowLabel(request.flowKey).replace(/^module /, ''))} --env ${request.env}`
        : publishCommand(request),
    afterCommand: '',
  };
}

function requestText(code: string, facts: Extract<RefusalFacts, { kind: 'request' }>, you: string): string {
  const { request } = facts;
  if (code !== 'self-approval') return requestStateText(request, you, terminalStyle());
  const what = `this publish of ${flowLabel(request.flowKey)} v${request.version} to ${request.env}`;
  const who = facts.approvers.length === 0 ? '' : ` (${facts.approvers.join(', ')})`;
  return `You requested ${what}; another publisher${who} must approve it: flowgate approve ${request.id} --as <publisher>`;
}

/**
 * The open request a repeated ask (or a promoted batch) found, to `you` at the terminal: who asked
 * and when, where it stands, and the command that decides it (its id, where it must be typed).
 */
export function alreadyRequestedText(request: PublishRequest, name: string, you: string): string {
  const what = `${name} v${request.version} to ${request.env}`;
  const when = ` at ${localTime(request.requestedAt)}`;
  const asked =
    request.requester === you
      ? `You already asked to publish ${what}${when}`
      : `Publishing ${what} was already requested by ${request.requester}${when}`;
  if (request.state !== 'pending') {
    const approver = request.decidedBy === you ? 'you' : (request.decidedBy ?? 'a publisher');
    return `${asked}; ${approver} approved it and it is being published.`;
  }
  const approver = request.requester === you ? 'another publisher' : 'a publisher';
  return `${asked}; it waits until ${localTime(request.expiresAt)} for ${approver} to approve it: flowgate approve ${request.id} --as <publisher>`;
}

/** "2026-12-06 23:32" in the terminal's time zone. */
function localTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

function publishCommand(request: PublishRequest): string {
  return `flowgate publish ${JSON.stringify(flowLabel(request.flowKey).replace(/^module /, ''))} --env ${request.env} --version ${request.version}`;
}
