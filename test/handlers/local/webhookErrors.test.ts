/**
 * Every error the webhook answers over real HTTP, from `npm start`'s host (which serves the
 * Lambda's own handler): the documented `{"error": {code, message, hint}}` as JSON, whether the
 * handler refuses the request or the host does before the handler sees it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const MAX_BODY_BYTES = 6 * 1024 * 1024;

import { type LocalServer, startLocalServer } from '../../../handlers/local/localServer.js';
import { signWebhook } from '../../../handlers/webhook/signature.js';
import { hostedOn, makeDeps, type ServiceKit } from '../../fakes/serviceKit.js';
import { UNREACHABLE_SLACK } from '../../integration/slackPayloads.js';

const SECRET = 'prod-webhook-secret-0123456789';

let kit: ServiceKit;
let server: LocalServer;

beforeAll(async () => {
  kit = makeDeps({ notify: false });
  server = await startLocalServer({
    ...hostedOn(kit.deps),
    slack: UNREACHABLE_SLACK,
    port: 0,
    log: () => {},
    webhookSecrets: (env) => (env === 'prod' ? SECRET : null),
  });
});

afterAll(async () => {
  await server.stop();
});

function signed(body: Uint8Array, contentType = 'application/json'): RequestInit {
  const timestamp = String(Math.floor(kit.clock.now().getTime() / 1000));
  return {
    method: 'POST',
    headers: {
      'content-type': contentType,
      'x-flowgate-timestamp': timestamp,
      'x-flowgate-signature': signWebhook(SECRET, timestamp, body),
    },
    body,
  };
}

const bytes = (n: number) => new Uint8Array(n).fill(0x20);

const CASES: readonly [string, string, () => RequestInit, number, string][] = [
  ['no environment', '/webhooks/flows', () => ({ method: 'POST', body: '{}' }), 400, 'missing-env'],
  ['an unknown environment', '/webhooks/flows?env=nope', () => signed(bytes(2)), 404, 'unknown-environment'],
  [
    'no signature',
    '/webhooks/flows?env=prod',
    () => ({ method: 'POST', body: '{}' }),
    401,
    'missing-signature',
  ],
  ['a GET on the upload route', '/webhooks/flows', () => ({ method: 'GET' }), 405, 'method-not-allowed'],
  ['a mistyped path', '/webhooks/flow', () => ({ method: 'POST', body: '{}' }), 404, 'not-found'],
  ['an unknown import', '/webhooks/flows/status/nope', () => ({ method: 'GET' }), 404, 'unknown-import'],
  ['an unreadable body', '/webhooks/flows?env=prod', () => signed(new TextEncoder().encode('{')), 400, ''],
  [
    'a body over the webhook limit',
    '/webhooks/flows?env=prod',
    () => signed(bytes(5.5 * 1024 * 1024)),
    413,
    'body-too-large',
  ],
  [
    'a body over what a request may carry',
    '/webhooks/flows?env=prod',
    () => signed(bytes(MAX_BODY_BYTES + 1)),
    413,
    'body-too-large',
  ],
];

describe('the webhook on npm start', () => {
  it.each(CASES)('answers %s with the documented JSON error', async (_, path, init, status, code) => {
    const response = await fetch(`${server.url}${path}`, init());

    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toBe('application/json');
    const body = (await response.json()) as { error: Record<string, unknown> };
    expect(Object.keys(body)).toEqual(['error']);
    expect(body.error).toEqual({
      code: code === '' ? expect.any(String) : code,
      message: expect.stringMatching(/\S/),
      hint: expect.stringMatching(/\S/),
    });
  });

  it('says what to do instead when the body is over what a request may carry', async () => {
    const response = await fetch(`${server.url}/webhooks/flows?env=prod`, signed(bytes(MAX_BODY_BYTES + 1)));

    const { error } = (await response.json()) as { error: { message: string; hint: string } };
    expect(error.message).toContain(`over ${MAX_BODY_BYTES} bytes`);
    expect(error.hint).toContain('incoming/<env>/');
  });
});
