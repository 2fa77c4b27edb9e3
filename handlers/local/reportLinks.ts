import { createHmac, timingSafeEqual } from 'node:crypto';

/** Where a version's HTML report lives, relative to the server: `/reports/<env>/<flowKey>/<version>`. */
export function reportPath(env: string, flowKey: string, version: number): string {
  return `/reports/${encodeURIComponent(env)}/${encodeURIComponent(flowKey)}/${version}`;
}

/**
 * An expiring link to a report: the path, an expiry (unix seconds) and an HMAC-SHA256 of both with
 * the server's secret, so a link shared in Slack opens the report until it expires and cannot be
 * edited into a link to another one.
 */
export function signedReportUrl(base: string, secret: string, path: string, expiresAt: number): string {
  return `${base}${path}?expires=${expiresAt}&sig=${signature(secret, path, expiresAt)}`;
}

/** True when `sig` signs `path` until `expires` and that time has not passed. */
export function isValidReportLink(
  secret: string,
  path: string,
  expires: string | null,
  sig: string | null,
  now: Date,
): boolean {
  if (expires === null || sig === null || !/^\d{1,12}$/.test(expires) || !/^[0-9a-f]{64}$/.test(sig))
    return false;
  if (Number(expires) * 1000 < now.getTime()) return false;
  const expected = Buffer.from(signature(secret, path, Number(expires)), 'hex');
  return timingSafeEqual(expected, Buffer.from(sig, 'hex'));
}

function signature(secret: string, path: string, expiresAt: number): string {
  return createHmac('sha256', secret).update(`${path}\n${expiresAt}`).digest('hex');
}
