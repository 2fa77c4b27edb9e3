import type { Notification, NotificationFacts } from '../core/ports.js';
import { mention, slackDate } from './format.js';
import { escapeMrkdwn } from './limits.js';

/**
 * A notification as its channel reads it: people as mentions, flows by name, times as date
 * tokens, from the facts the use case gave; the use case's own text when it gave none (or for
 * outcomes, whose text already names flows). Slack renders the same mrkdwn in the message and its
 * push notification.
 */
export function notificationWords(notification: Notification): string {
  const { facts } = notification;
  if (facts === undefined) return escapeMrkdwn(notification.text.split('\n')[0] ?? '');
  const env = `*${escapeMrkdwn(notification.env)}*`;
  const who = facts.actor === null ? 'flowgate' : mention(facts.actor);
  const flow = flowOf(facts);
  switch (notification.kind) {
    case 'imported':
      return `${who} imported into ${env}: ${escapeMrkdwn(facts.detail ?? 'nothing to import')}.`;
    case 'requested':
      // A batch (a promote) names its flows in `detail`.
      return `${who} asks to publish ${facts.flow === null && facts.detail !== undefined ? `${escapeMrkdwn(facts.detail)} together` : flow} to ${env}${facts.expiresAt === undefined ? '' : `; the request expires ${slackDate(facts.expiresAt)}`}.`;
    case 'approved':
      return `${who} approved ${flow} for ${env}${requestedBy(facts)}.${waiting(facts)}`;
    case 'rejected':
      return `${who} rejected ${flow} for ${env}${requestedBy(facts)}${facts.reason === undefined || facts.reason === '' ? '' : `: “${escapeMrkdwn(facts.reason)}”`}.`;
    case 'expired':
      return `${facts.requester === undefined ? 'The' : `${mention(facts.requester)}, your`} request to publish ${flow} to ${env} expired${facts.expiresAt === undefined ? '' : ` ${slackDate(facts.expiresAt)}`} without a decision.`;
    case 'published':
      return `${who} published ${publishedFlows(facts)} to ${env}.`;
    case 'publish-failed':
      return escapeMrkdwn(notification.text.split('\n')[0] ?? '');
  }
}

function publishedFlows(facts: NotificationFacts): string {
  const flows = facts.published ?? [];
  if (flows.length === 0) return flowOf(facts);
  return flows.map((f) => `*${escapeMrkdwn(f.name)}* v${f.version}`).join(', ');
}

function flowOf(facts: NotificationFacts): string {
  return facts.flow === null ? 'flows' : `*${escapeMrkdwn(facts.flow.name)}* v${facts.flow.version}`;
}

function requestedBy(facts: NotificationFacts): string {
  return facts.requester === undefined ? '' : ` (requested by ${mention(facts.requester)})`;
}

function waiting(facts: NotificationFacts): string {
  const names = facts.waitingFor ?? [];
  if (names.length === 0) return '';
  return ` It is published once ${names.map((n) => `*${escapeMrkdwn(n)}*`).join(', ')} ${names.length === 1 ? 'is' : 'are'} approved.`;
}
