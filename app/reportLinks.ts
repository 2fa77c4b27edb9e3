import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Clock } from '../core/ports.js';

/** How long a report link works: a week, so a link in yesterday's Slack thread still opens. */
export const REPORT_LINK_SECONDS = 7 * 24 * 3600;

/** Builds the link to one version's report. */
export type ReportLink = (env: string, flowKey: string, version: number) => string;

/** The version a report link names. */
export interface ReportTarget {
  readonly env: string;
  readonly flowKey: string;
  readonly version: number;
}

/** Where reports are served and the secret their links are signed with. */
export interface ReportLinkSettings {
  /** The server's base URL (no trailing slash), or a function for one known only once it listens. */
  readonly baseUrl: string | (() => string);
  readonly secret: string;
  readonly clock: Clock;
  /** Default {@link REPORT_LINK_SECONDS}. */
  readonly seconds?: number;
}

/**
 * Links to reports: `<base>/reports/<token>`, the token naming the version and an expiry, signed
 * with HMAC-SHA256. A link opens its report until it expires and cannot be edited into a link to
 * another. The token is base64url (no character a proxy or API Gateway would re-encode), so flow
 * names with spaces, slashes or accents survive every hop.
 */
export function reportLinker(settings: ReportLinkSettings): ReportLink {
  return (env, flowKey, version) => {
    const expires =
      Math.floor(settings.clock.now().getTime() / 1000) + (settings.seconds ?? REPORT_LINK_SECONDS);
    const base = typeof settings.baseUrl === 'string' ? settings.baseUrl : settings.baseUrl();
    return `${base.replace(/\/+$/, '')}${REPORT_PREFIX}${reportToken(settings.secret, { env, flowKey, version }, expires)}`;
  };
}

/** The path every report link starts with. */
export const REPORT_PREFIX = '/reports/';

/** A signed token for `target` until `expires` (unix seconds). */
export function reportToken(secret: string, target: ReportTarget, expires: number): string {
  const payload = Buffer.from(JSON.stringify([target.env, target.flowKey, target.version, expires])).toString(
    'base64url',
  );
  return `${payload}.${signature(secret, payload)}`;
}

const payloadSchema = z.tuple([
  z.string().min(1),
  z.string().min(1),
  z.number().int().positive(),
  z.number().int().nonnegative(),
]);

/** What a token says: the version, or why it opens nothing. */
export type TokenReading =
  | { readonly kind: 'valid'; readonly target: ReportTarget }
  | { readonly kind: 'expired' }
  | { readonly kind: 'invalid' };

/** Checks a token's signature (constant time), then its expiry. */
export function readReportToken(secret: string, token: string, now: Date): TokenReading {
  const [payload, sig, extra] = token.split('.');
  if (payload === undefined || sig === undefined || extra !== undefined) return { kind: 'invalid' };
  const expected = Buffer.from(signature(secret, payload), 'base64url');
  const given = Buffer.from(sig, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { kind: 'invalid' };
  const parsed = payloadSchema.safeParse(parseJson(Buffer.from(payload, 'base64url').toString('utf8')));
  // Signed by us but not a payload we write: a secret shared with something else.
  if (!parsed.success) return { kind: 'invalid' };
  const [env, flowKey, version, expires] = parsed.data;
  if (expires * 1000 < now.getTime()) return { kind: 'expired' };
  return { kind: 'valid', target: { env, flowKey, version } };
}

function signature(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
