/**
 * The composition root, the bot's Slack clients: the Web API client for answering or working, and
 * the adapters flowgate runs on it.
 */
import type { RetryOptions, WebClient } from '@slack/web-api';
import { createWebClient } from '../../adapters/slack/createWebClient.js';
import { SlackFileSource } from '../../adapters/slack/SlackFileSource.js';
import { SlackMessenger } from '../../adapters/slack/SlackMessenger.js';
import { SlackNotifier } from '../../adapters/slack/SlackNotifier.js';
import { notificationWords } from '../../blocks/notification.js';
import type { FlowgateConfig } from '../../core/config.js';
import { MAX_INPUT_BYTES } from '../../core/formats/readFlow.js';

/**
 * The Web API's `retryPolicies.fiveRetriesInFiveMinutes`, spelled out: the package is CommonJS and
 * exports `retryPolicies` through a getter Node's named-export detection does not see, so the
 * named import fails when this runs unbundled (the CLI, `npm start`).
 */
const FIVE_RETRIES_IN_FIVE_MINUTES: RetryOptions = { retries: 5, factor: 3.86 };

/** How the bot reaches Slack. */
export interface SlackSettings {
  readonly botToken: string;
  /** The Web API base URL: a fake in tests, Slack's when unset. */
  readonly apiUrl?: string | undefined;
}

/**
 * The bot's Web API client. `answering`: its calls happen while someone waits for an HTTP answer
 * (a listener, the webhook), so it fails fast. `working`: a job in the background, which may wait
 * out Slack's rate limits, but not for longer than a Lambda runs.
 */
export function slackClient(settings: SlackSettings, use: 'answering' | 'working'): WebClient {
  return createWebClient(settings.botToken, {
    forListener: use === 'answering',
    ...(settings.apiUrl === undefined ? {} : { slackApiUrl: settings.apiUrl }),
    ...(use === 'working' ? { retryConfig: FIVE_RETRIES_IN_FIVE_MINUTES } : {}),
  });
}

/** What flowgate does in Slack with one client: post and update messages, download files, notify. */
export interface SlackSide {
  readonly messenger: SlackMessenger;
  readonly fileSource: SlackFileSource;
  readonly notifier: SlackNotifier;
}

/** flowgate's Slack adapters on `client`; shared files over `maxFileBytes` (default 5 MB) are refused. */
export function slackSide(
  client: WebClient,
  config: FlowgateConfig,
  maxFileBytes = MAX_INPUT_BYTES,
): SlackSide {
  const messenger = new SlackMessenger({ client });
  return {
    messenger,
    fileSource: new SlackFileSource({ client, maxBytes: maxFileBytes }),
    notifier: new SlackNotifier({ messenger, environments: config.environments, word: notificationWords }),
  };
}
