import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { guardSlackRequests, type SlackHttpEvent } from '../../../handlers/slack/edge.js';

const SECRET = 'edge-secret';
const NOW = new Date('2026-12-07T02:00:00Z');
const NOW_S = Math.floor(NOW.getTime() / 1000);

function signed(body: string, timestamp: number, type = 'application/json'): SlackHttpEvent {
  const signature = `v0=${createHmac('sha256', SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return {
    body,
    headers: {
      'Content-Type': type,
      'X-Slack-Request-Timestamp': String(timestamp),
      'X-Slack-Signature': signature,
    },
  };
}

/** The guard around a handler that answers 200 with the body it was given. */
function guarded() {
  const seen: SlackHttpEvent[] = [];
  const handler = guardSlackRequests(
    async (event: SlackHttpEvent) => {
      seen.push(event);
      return { statusCode: 200, headers: {}, body: event.body ?? '' };
    },
    { signingSecret: SECRET, now: () => NOW },
  );
  return { handler, seen };
}

const EVENT = JSON.stringify({ type: 'event_callback', event: { type: 'file_shared' } });

describe('guardSlackRequests', () => {
  it.each([
    ['five minutes ago', NOW_S - 300, 200],
    ['five minutes from now', NOW_S + 300, 200],
    ['a second more than five minutes ago', NOW_S - 301, 401],
    ['a second more than five minutes from now', NOW_S + 301, 401],
  ])('answers %s with %i', async (_case, timestamp, status) => {
    const { handler } = guarded();

    const response = await handler(signed(EVENT, timestamp), {});

    expect(response.statusCode).toBe(status);
  });

  it('hands Bolt a base64 body decoded as UTF-8 (Bolt would decode it as ASCII)', async () => {
    const { handler, seen } = guarded();
    const utf8 = `command=/flow&text=Café&user_id=U1&channel_id=C1`;
    const event = signed(utf8, NOW_S, 'application/x-www-form-urlencoded');

    await handler(
      { ...event, body: Buffer.from(utf8, 'utf8').toString('base64'), isBase64Encoded: true },
      {},
    );

    expect(seen[0]?.body).toBe(utf8);
  });

  it('lets Slack’s unsigned SSL check through to Bolt, which only answers it', async () => {
    const { handler } = guarded();

    const response = await handler(
      { body: 'ssl_check=1&token=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
      {},
    );

    expect(response.statusCode).toBe(200);
  });
});
