import { LogLevel, type RetryOptions, WebClient, type WebClientOptions } from '@slack/web-api';

/** Options of `createWebClient`. */
export interface CreateWebClientOptions {
  /** The Web API base URL (`SLACK_API_URL`); Slack's own when unset. A trailing `/` is added. */
  readonly slackApiUrl?: string;
  /**
   * True for the client used while Slack waits for the HTTP answer (listeners): no retries, a
   * rate-limited call throws at once, and a request gives up well inside Slack's 3 seconds.
   * False for the worker, which keeps the WebClient's default retries.
   */
  readonly forListener: boolean;
  /** Overrides the retry policy (tests; a worker that must fit a shorter Lambda timeout). */
  readonly retryConfig?: RetryOptions;
  readonly logLevel?: LogLevel;
}

/** What a listener's calls may take: Slack gives the whole request 3 s, Bolt needs some of it. */
export const LISTENER_TIMEOUT_MS = 2_000;

/**
 * The retry settings `createWebClient` gives a listener's client. The WebClient's default retries
 * for about 30 minutes and waits out a 429's `Retry-After`; inside a 3-second request that means
 * Slack gives up on us first (and redelivers the event), so a listener fails fast instead.
 */
export const LISTENER_CLIENT_OPTIONS = {
  retryConfig: { retries: 0 },
  rejectRateLimitedCalls: true,
  timeout: LISTENER_TIMEOUT_MS,
} as const satisfies WebClientOptions;

/** A `WebClient` for a bot token, set up for a listener (fail fast) or the worker (default retries). */
export function createWebClient(token: string, options: CreateWebClientOptions): WebClient {
  return new WebClient(token, webClientOptions(options));
}

/**
 * The `WebClientOptions` `createWebClient` uses: also what to pass as Bolt's `clientOptions`, so the
 * clients Bolt builds for listeners behave the same.
 */
export function webClientOptions(options: CreateWebClientOptions): WebClientOptions {
  const base: WebClientOptions = options.forListener ? { ...LISTENER_CLIENT_OPTIONS } : {};
  return {
    ...base,
    logLevel: options.logLevel ?? LogLevel.WARN,
    ...(options.slackApiUrl === undefined ? {} : { slackApiUrl: withTrailingSlash(options.slackApiUrl) }),
    ...(options.retryConfig === undefined ? {} : { retryConfig: options.retryConfig }),
  };
}

/** The WebClient appends method names to the base URL as is. */
function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
