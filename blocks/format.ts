import type { Diagnostic } from '../core/diagnostics.js';
import { escapeMrkdwn } from './limits.js';

/** "1 error", "3 errors". */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/**
 * A Slack user id as a mention (`<@U123>`), a user-group id as a group mention
 * (`<!subteam^S123>`), both of which Slack shows as names; any other actor (a CLI name, `s3`) as
 * escaped text.
 */
export function mention(actor: string): string {
  if (/^[UW][A-Z0-9]{2,}$/.test(actor)) return `<@${actor}>`;
  if (/^S[A-Z0-9]{2,}$/.test(actor)) return `<!subteam^${actor}>`;
  return escapeMrkdwn(actor);
}

/** "<@U1>", "<@U1> or <@U2>", "<@U1>, <@U2> or <!subteam^S3>". */
export function mentionList(actors: readonly string[], conjunction = 'or'): string {
  const all = actors.map(mention);
  if (all.length <= 1) return all.join('');
  return `${all.slice(0, -1).join(', ')} ${conjunction} ${all[all.length - 1]}`;
}

/**
 * An ISO time as a Slack date token, so each reader sees their own time zone ("today at 3:04
 * PM"); clients that cannot render it show the fallback, the time in UTC in words ("Dec 6, 2026
 * 22:32 UTC"). Text that is not a date is shown as it is.
 */
export function slackDate(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return escapeMrkdwn(iso);
  return `<!date^${Math.floor(ms / 1000)}^{date_short_pretty} at {time}|${utcWords(new Date(ms))}>`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Dec 6, 2026 22:32 UTC". */
function utcWords(date: Date): string {
  const hh = String(date.getUTCHours()).padStart(2, '0');
  const mm = String(date.getUTCMinutes()).padStart(2, '0');
  return `${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}, ${date.getUTCFullYear()} ${hh}:${mm} UTC`;
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

/**
 * Who imported, in words: a person as a mention; the unattended importers (the `s3` actor of
 * drops, `webhook:<env>` of CI) by what they are.
 */
export function importedBy(actor: string): string {
  if (actor === 's3') return 'Imported from an S3 drop';
  if (actor.startsWith('webhook:')) return 'Imported by the CI webhook';
  return `Imported by ${mention(actor)}`;
}
