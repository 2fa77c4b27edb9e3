import type { ProbeAnswer } from '../../core/ports.js';

/** Error names AWS services use for "these credentials may not do this". */
const DENIED = new Set(['AccessDeniedException', 'AccessDenied', 'UnauthorizedOperation', 'Forbidden']);
/** Error names AWS services use for "no such thing". */
const MISSING = new Set(['ResourceNotFoundException', 'NotFound', 'NoSuchBucket', 'NoSuchKey']);

/**
 * What an AWS SDK error says about a probe: denied (naming `action`, the IAM action to grant),
 * missing, or that the question could not be asked (no credentials, no network, throttled),
 * by the error's name or, where a HEAD request has no body to name it, its HTTP status.
 */
export function awsProbeAnswer(error: unknown, action: string): ProbeAnswer {
  const { name, message, status } = describe(error);
  if (DENIED.has(name) || status === 403) return { kind: 'denied', action, message };
  if (MISSING.has(name) || status === 404) return { kind: 'missing', message };
  if (name === 'CredentialsProviderError')
    return { kind: 'unchecked', message: `no AWS credentials found (${message})` };
  return { kind: 'unchecked', message: `${name}: ${message}` };
}

function describe(error: unknown): { name: string; message: string; status: number | undefined } {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error), status: undefined };
  const metadata = (error as { $metadata?: { httpStatusCode?: number } }).$metadata;
  return { name: error.name, message: error.message || error.name, status: metadata?.httpStatusCode };
}
