import type { EnvironmentConfig } from '../../core/config.js';
import { type Diagnostic, sortDiagnostics } from '../../core/diagnostics.js';
import type { Notification, Notifier } from '../../core/ports.js';
import type { SlackMessenger } from './SlackMessenger.js';

/** What `SlackNotifier` needs. */
export interface SlackNotifierOptions {
  readonly messenger: SlackMessenger;
  /** The configured environments: a notification goes to its environment's first bound channel. */
  readonly environments: Readonly<Record<string, Pick<EnvironmentConfig, 'channels'>>>;
  /**
   * Words a notification for the channel (mentions, names, date tokens); default its plain text.
   * Given by the composition root, so this adapter stays a transport.
   */
  readonly word?: (notification: Notification) => string;
}

/** How many diagnostics a notification lists; the full report is a file in the thread. */
export const NOTIFIED_DIAGNOSTICS = 5;

/** Slack's limit on a message's `text` is 40,000 characters; a notification stays far below it. */
const MAX_TEXT = 3_000;

/**
 * The `Notifier` on Slack: posts each notification to the channel bound to its environment
 * (`channels[0]`), and nowhere when the environment has none (S3 and webhook imports into an
 * environment nobody watches in Slack).
 */
export class SlackNotifier implements Notifier {
  readonly #messenger: SlackMessenger;
  readonly #environments: SlackNotifierOptions['environments'];
  readonly #word: (notification: Notification) => string;

  constructor(options: SlackNotifierOptions) {
    this.#messenger = options.messenger;
    this.#environments = options.environments;
    this.#word = options.word ?? ((n) => n.text);
  }

  async notify(notification: Notification): Promise<void> {
    const channel = noticeChannel(this.#environments, notification.env);
    if (channel === null) return;
    await this.#messenger.post(channel, { text: notificationText(notification, this.#word(notification)) });
  }
}

/** The channel `env`'s notifications go to: its first bound channel; null when it has none. */
export function noticeChannel(
  environments: SlackNotifierOptions['environments'],
  env: string,
): string | null {
  return environments[env]?.channels[0] ?? null;
}

/** The notification's text, then its first diagnostics (errors first), one a line, within `MAX_TEXT`. */
export function notificationText(notification: Notification, words: string = notification.text): string {
  const diagnostics = notification.diagnostics ?? [];
  const shown = sortDiagnostics(diagnostics).slice(0, NOTIFIED_DIAGNOSTICS).map(diagnosticLine);
  const more = diagnostics.length - shown.length;
  const lines = [words, ...shown, ...(more > 0 ? [`…and ${more} more`] : [])];
  const text = lines.join('\n');
  if (text.length <= MAX_TEXT) return text;
  // By code point, so an emoji or other astral character is never cut in half.
  return `${[...text].slice(0, MAX_TEXT - 1).join('')}…`;
}

function diagnosticLine(diagnostic: Diagnostic): string {
  const where = diagnostic.block === null ? '' : ` (${diagnostic.block})`;
  return `• ${diagnostic.severity}${where}: ${diagnostic.message}`;
}
