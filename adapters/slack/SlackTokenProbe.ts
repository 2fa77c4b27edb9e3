import type { WebClient } from '@slack/web-api';
import type { Probe, ProbeAnswer } from '../../core/ports.js';

/** Options of {@link SlackTokenProbe}. */
export interface SlackTokenProbeOptions {
  /** A client on the bot token to check. */
  readonly client: WebClient;
}

/** Slack error codes that mean the token itself is wrong, not that Slack could not be asked. */
const BAD_TOKEN = new Set([
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
]);

/** The bot token, asked of Slack with auth.test. */
export class SlackTokenProbe implements Probe {
  readonly subject = 'Slack bot token (SLACK_BOT_TOKEN)';
  readonly #client: WebClient;

  constructor(options: SlackTokenProbeOptions) {
    this.#client = options.client;
  }

  async check(): Promise<ProbeAnswer> {
    try {
      const auth = await this.#client.auth.test();
      return {
        kind: 'ok',
        detail: `works: bot ${auth.user ?? auth.user_id ?? ''} in ${auth.team ?? auth.team_id ?? 'the workspace'}`,
      };
    } catch (error) {
      const code = (error as { data?: { error?: unknown } }).data?.error;
      if (typeof code === 'string' && BAD_TOKEN.has(code))
        return {
          kind: 'missing',
          message: `Slack refuses the token (${code}): copy the Bot User OAuth Token again from the app's OAuth & Permissions page`,
        };
      return {
        kind: 'unchecked',
        message: `Slack did not answer (${error instanceof Error ? error.message : String(error)})`,
      };
    }
  }
}
