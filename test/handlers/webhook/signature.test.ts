import * as crypto from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { signWebhook, verifyWebhookSignature } from '../../../handlers/webhook/signature.js';

// Timing cannot be asserted; that the digests meet in timingSafeEqual can.
vi.mock('node:crypto', async (importOriginal) => {
  const original = await importOriginal<typeof import('node:crypto')>();
  return { ...original, timingSafeEqual: vi.fn(original.timingSafeEqual) };
});

const SECRET = 'a-webhook-secret-0123456789';
const NOW = new Date('2026-11-21T10:00:00.000Z');
const TIMESTAMP = String(NOW.getTime() / 1000);
const BODY = new TextEncoder().encode('{"Version":"2019-10-30"}');

describe('signWebhook', () => {
  it('gives the hex HMAC-SHA256 of "<timestamp>.<body>" when signing', () => {
    const expected = crypto
      .createHmac('sha256', SECRET)
      .update(`${TIMESTAMP}.{"Version":"2019-10-30"}`)
      .digest('hex');

    expect(signWebhook(SECRET, TIMESTAMP, BODY)).toBe(`sha256=${expected}`);
  });
});

describe('verifyWebhookSignature', () => {
  it('accepts the signature when it was made with the same secret, timestamp and body', () => {
    const signature = signWebhook(SECRET, TIMESTAMP, BODY);

    const check = verifyWebhookSignature(SECRET, { timestamp: TIMESTAMP, signature }, BODY, NOW);

    expect(check).toEqual({ ok: true, timestamp: Number(TIMESTAMP), digest: signature.slice(7) });
  });

  it('compares the digests in constant time when the signature is well formed but wrong', () => {
    const compare = vi.mocked(crypto.timingSafeEqual);
    compare.mockClear();
    const signature = `sha256=${'0'.repeat(64)}`;

    const check = verifyWebhookSignature(SECRET, { timestamp: TIMESTAMP, signature }, BODY, NOW);

    expect(check).toEqual({ ok: false, problem: 'bad-signature' });
    expect(compare).toHaveBeenCalledTimes(1);
  });

  it('refuses the body when one byte of it changed after signing', () => {
    const signature = signWebhook(SECRET, TIMESTAMP, BODY);
    const tampered = new TextEncoder().encode('{"Version":"2019-10-31"}');

    const check = verifyWebhookSignature(SECRET, { timestamp: TIMESTAMP, signature }, tampered, NOW);

    expect(check).toEqual({ ok: false, problem: 'bad-signature' });
  });

  it.each([
    ['sha256=', 'malformed-signature'],
    [`sha1=${'0'.repeat(40)}`, 'malformed-signature'],
    [`sha256=${'0'.repeat(63)}`, 'malformed-signature'],
    [`sha256=${'z'.repeat(64)}`, 'malformed-signature'],
  ])('refuses %s without throwing when the signature is malformed', (signature, problem) => {
    const check = verifyWebhookSignature(SECRET, { timestamp: TIMESTAMP, signature }, BODY, NOW);

    expect(check).toEqual({ ok: false, problem });
  });
});
