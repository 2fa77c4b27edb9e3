import { createHmac, timingSafeEqual } from 'node:crypto';

/** Requests whose timestamp is further than this from now (either way) are refused. */
export const WEBHOOK_TOLERANCE_SECONDS = 5 * 60;

/** The signature headers of a webhook request, as delivered (either may be missing). */
export interface SignatureHeaders {
  readonly timestamp: string | undefined;
  readonly signature: string | undefined;
}

/** Why a request's signature was refused. */
export type SignatureProblem =
  | 'missing-signature'
  | 'malformed-timestamp'
  | 'malformed-signature'
  | 'stale-timestamp'
  | 'future-timestamp'
  | 'bad-signature';

/** A verified signature: its timestamp (unix seconds) and digest, for the replay check. */
export interface VerifiedSignature {
  readonly ok: true;
  readonly timestamp: number;
  readonly digest: string;
}

/** The outcome of {@link verifyWebhookSignature}. */
export type SignatureCheck = VerifiedSignature | { readonly ok: false; readonly problem: SignatureProblem };

const TIMESTAMP = /^\d{1,12}$/;
const SIGNATURE = /^sha256=([0-9a-f]{64})$/i;

/**
 * The `x-flowgate-signature` value for `body` sent at `timestamp` (unix seconds):
 * `sha256=` and the hex HMAC-SHA256 of `<timestamp>.<raw body>` under `secret`.
 */
export function signWebhook(secret: string, timestamp: number | string, body: Uint8Array): string {
  return `sha256=${digestOf(secret, String(timestamp), body).toString('hex')}`;
}

/**
 * Checks a request's signature against `secret` at `now`: both headers present and well formed,
 * the timestamp within {@link WEBHOOK_TOLERANCE_SECONDS} of now, and the digest equal to ours,
 * compared in constant time so the comparison leaks nothing about how much of it matched.
 */
export function verifyWebhookSignature(
  secret: string,
  headers: SignatureHeaders,
  body: Uint8Array,
  now: Date,
): SignatureCheck {
  const { timestamp, signature } = headers;
  if (timestamp === undefined || signature === undefined) return refused('missing-signature');
  if (!TIMESTAMP.test(timestamp)) return refused('malformed-timestamp');
  const given = SIGNATURE.exec(signature)?.[1];
  if (given === undefined) return refused('malformed-signature');
  const seconds = Number(timestamp);
  const age = Math.floor(now.getTime() / 1000) - seconds;
  if (age > WEBHOOK_TOLERANCE_SECONDS) return refused('stale-timestamp');
  if (age < -WEBHOOK_TOLERANCE_SECONDS) return refused('future-timestamp');
  const expected = digestOf(secret, timestamp, body);
  // Both are 32 bytes (the pattern fixes the length), so timingSafeEqual cannot throw.
  if (!timingSafeEqual(expected, Buffer.from(given, 'hex'))) return refused('bad-signature');
  return { ok: true, timestamp: seconds, digest: given.toLowerCase() };
}

function digestOf(secret: string, timestamp: string, body: Uint8Array): Buffer {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest();
}

function refused(problem: SignatureProblem): SignatureCheck {
  return { ok: false, problem };
}
