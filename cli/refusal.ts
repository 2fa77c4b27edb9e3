import { FlowgateError, type RefusalFacts, ServiceError } from '../core/errors.js';
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
        ? staleText(facts, you)
        : requestText(error.code, facts, you);
  return new FlowgateError(error.code, text, { cause: error });
}

function roleText(facts: Extract<RefusalFacts, { kind: 'role' }>, you: string): string {
  return `You (${you}) may not ${facts.doing}: that needs the ${facts.role} role. Ask your flowgate admin to add you to roles.${facts.role}s in the flowgate config.`;
}

function staleText(facts: Extract<RefusalFacts, { kind: 'stale' }>, you: string): string {
  const { request, cause } = facts;
  const flow = flowLabel(request.flowKey);
  const who = (id: string) => (id === you ? 'you' : id);
  const why = {
    gone: `v${request.version} of ${flow} no longer exists`,
    content: `the content of ${flow} v${request.version} is not what was requested`,
    resolution: `the references of ${flow} v${request.version} resolve differently than when it was requested`,
    newer:
      cause.kind === 'newer' ? `${who(cause.by)} imported v${cause.version} at ${localTime(cause.at)}` : '',
    remapped:
      cause.kind === 'remapped'
        ? `${who(cause.by)} chose another ${cause.resource} for '${cause.source}' at ${localTime(cause.at)}`
        : '',
  }[cause.kind];
  return `Nothing was approved: this publish of ${flow} v${request.version} to ${request.env} changed since it was requested (${why}). Request publishing again so the change is reviewed: flowgate publish ${JSON.stringify(flow.replace(/^module /, ''))} --env ${request.env}`;
}

function requestText(code: string, facts: Extract<RefusalFacts, { kind: 'request' }>, you: string): string {
  const { request } = facts;
  const what = `this publish of ${flowLabel(request.flowKey)} v${request.version} to ${request.env}`;
  if (code === 'self-approval') {
    const who = facts.approvers.length === 0 ? '' : ` (${facts.approvers.join(', ')})`;
    return `You requested ${what}; another publisher${who} must approve it: flowgate approve ${request.id} --as <publisher>`;
  }
  const who = request.decidedBy === you ? 'You' : (request.decidedBy ?? 'Someone');
  const when = request.decidedAt === null ? '' : ` at ${localTime(request.decidedAt)}`;
  const why = request.reason === null || request.reason === '' ? '' : ` (${request.reason})`;
  const again = `To publish it, request it again: ${publishCommand(request)}`;
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
      return `${capitalised(what)} expired at ${localTime(request.expiresAt)} before anyone decided. ${again}`;
    case 'pending':
      return `${capitalised(what)}, asked by ${request.requester}, still waits for a publisher's approval.`;
  }
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

function capitalised(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}
