import { ConnectClient, type ConnectClientConfig } from '@aws-sdk/client-connect';

/** Options of `createConnectClient`. */
export interface ConnectClientOptions {
  /** From the default provider chain when unset; embedded and test servers need static ones. */
  readonly credentials?: ConnectClientConfig['credentials'];
  /** A Connect-compatible endpoint other than AWS's (a local mock server). */
  readonly endpoint?: string;
  /** Tries per request, the first included. */
  readonly maxAttempts?: number;
  /** The HTTP handler (tests answer requests without a network). */
  readonly requestHandler?: ConnectClientConfig['requestHandler'];
}

/**
 * Enough tries to ride out a burst of throttling at Connect's ~2 requests/s: adaptive mode backs
 * off exponentially and slows the client's own send rate after each throttle.
 */
export const DEFAULT_MAX_ATTEMPTS = 8;

/**
 * A Connect client for one Region with adaptive retries: throttled (and 5xx) requests are retried
 * by the SDK with backoff, and its client-side rate adapts to the throttling it sees. Build one
 * per account and Region, next to the shared `RateLimiter`, and pass both to `ConnectContactCenter`.
 */
export function createConnectClient(region: string, options: ConnectClientOptions = {}): ConnectClient {
  return new ConnectClient({
    region,
    retryMode: 'adaptive',
    maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    ...(options.credentials === undefined ? {} : { credentials: options.credentials }),
    ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
    ...(options.requestHandler === undefined ? {} : { requestHandler: options.requestHandler }),
  });
}
