import { WebAPIHTTPError, WebAPIPlatformError, WebAPIRateLimitedError } from '@slack/web-api';
import { FlowgateError } from '../../core/errors.js';

/**
 * A Slack Web API call failed. `slackError` is Slack's own error string (`invalid_auth`,
 * `channel_not_found`, `ratelimited`…), `retryAfterSeconds` is set when Slack asked to wait.
 */
export class SlackApiError extends FlowgateError {
  readonly method: string;
  readonly slackError: string;
  readonly retryAfterSeconds: number | null;
  constructor(
    method: string,
    slackError: string,
    message: string,
    options?: { cause?: unknown; retryAfterSeconds?: number | null },
  ) {
    super(options?.retryAfterSeconds == null ? 'slack-api-failed' : 'slack-rate-limited', message, options);
    this.name = 'SlackApiError';
    this.method = method;
    this.slackError = slackError;
    this.retryAfterSeconds = options?.retryAfterSeconds ?? null;
  }
}

/** Why a shared file was not downloaded. */
export type SlackFileErrorCode =
  | 'slack-file-not-found'
  | 'slack-file-too-large'
  | 'slack-file-unsupported-type'
  | 'slack-file-no-url'
  | 'slack-file-untrusted-host'
  | 'slack-file-redirected'
  | 'slack-file-login-page'
  | 'slack-file-download-failed';

/** A file shared in Slack could not be downloaded safely. `hint` tells the user what to do. */
export class SlackFileError extends FlowgateError {
  declare readonly code: SlackFileErrorCode;
  readonly fileId: string;
  /** The file's name when `files.info` told it, else null. */
  readonly fileName: string | null;
  readonly hint: string;
  constructor(
    code: SlackFileErrorCode,
    file: { readonly id: string; readonly name: string | null },
    message: string,
    hint: string,
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
    this.name = 'SlackFileError';
    this.fileId = file.id;
    this.fileName = file.name;
    this.hint = hint;
  }
}

/** Turns what the WebClient threw into a `SlackApiError` (a `FlowgateError` passes through). */
export function toSlackApiError(method: string, error: unknown): FlowgateError {
  if (error instanceof FlowgateError) return error;
  if (error instanceof WebAPIRateLimitedError)
    return new SlackApiError(
      method,
      'ratelimited',
      `Slack ${method} was rate limited; retry after ${error.retryAfter} s`,
      { cause: error, retryAfterSeconds: error.retryAfter },
    );
  if (error instanceof WebAPIPlatformError)
    return new SlackApiError(method, error.data.error, `Slack ${method} failed: ${error.data.error}`, {
      cause: error,
    });
  if (error instanceof WebAPIHTTPError)
    return new SlackApiError(
      method,
      `http_${error.statusCode}`,
      `Slack ${method} answered HTTP ${error.statusCode}`,
      { cause: error },
    );
  const detail = error instanceof Error ? error.message : String(error);
  return new SlackApiError(method, 'request_failed', `Slack ${method} failed: ${detail}`, { cause: error });
}
