import type { Diagnostic } from '../core/diagnostics.js';
import { escapeMrkdwn } from './limits.js';

/** "1 error", "3 errors". */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/** A Slack user id as a mention (`<@U123>`); any other actor (a CLI name) as escaped text. */
export function mention(actor: string): string {
  return /^[UW][A-Z0-9]{2,}$/.test(actor) ? `<@${actor}>` : escapeMrkdwn(actor);
}

/**
 * An ISO time as a Slack date token, so each reader sees their own time zone; the ISO text is
 * the fallback for clients that cannot render it (and the text itself when it is not a date).
 */
export function slackDate(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return escapeMrkdwn(iso);
  return `<!date^${Math.floor(ms / 1000)}^{date_short_pretty} {time}|${iso}>`;
}

/** Inline code in mrkdwn; backticks inside would end it early, so they become quotes. */
export function code(text: string): string {
  return `\`${escapeMrkdwn(text.replace(/`/g, "'"))}\``;
}

/** One diagnostic as a mrkdwn line: severity, block, message, code. */
export function diagnosticLine(d: Diagnostic): string {
  const icon = d.severity === 'error' ? ':x:' : ':warning:';
  const where =
    d.block === null ? '' : `*${escapeMrkdwn(d.block)}*${d.action === null ? '' : ` (${code(d.action)})`}: `;
  return `${icon} ${where}${escapeMrkdwn(d.message)} ${code(d.code)}`;
}
