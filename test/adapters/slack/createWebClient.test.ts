import { WebAPIRateLimitedError } from '@slack/web-api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createWebClient, webClientOptions } from '../../../adapters/slack/createWebClient.js';
import { type FakeSlackApi, startFakeSlackApi } from '../../integration/fakeSlackApi.js';

const TOKEN = 'xoxb-client-test';

describe('createWebClient', () => {
  let fake: FakeSlackApi;

  beforeAll(async () => {
    fake = await startFakeSlackApi({ tokens: [TOKEN] });
  });
  afterAll(async () => {
    await fake.stop();
  });
  beforeEach(() => {
    fake.reset();
  });

  it('fails a rate-limited call at once, after one request, when the client is a listener’s', async () => {
    fake.fail('chat.postMessage', { kind: 'ratelimited', retryAfterSeconds: 30 });
    const client = createWebClient(TOKEN, { slackApiUrl: fake.apiUrl, forListener: true });

    const outcome = await client.chat
      .postMessage({ channel: 'C0TEST0001', text: 'x' })
      .catch((error: unknown) => error);

    expect([outcome instanceof WebAPIRateLimitedError, fake.calls('chat.postMessage').length]).toEqual([
      true,
      1,
    ]);
  });

  it('waits out Retry-After and retries when the client is the worker’s', async () => {
    fake.fail('chat.postMessage', { kind: 'ratelimited', retryAfterSeconds: 0 }, 1);
    const client = createWebClient(TOKEN, { slackApiUrl: fake.apiUrl, forListener: false });

    const result = await client.chat.postMessage({ channel: 'C0TEST0001', text: 'x' });

    expect([result.ok, fake.calls('chat.postMessage').length]).toEqual([true, 2]);
  });

  it('adds the trailing slash the WebClient needs to the API URL', () => {
    const client = createWebClient(TOKEN, { slackApiUrl: 'http://127.0.0.1:3999/api', forListener: false });

    expect(client.slackApiUrl).toBe('http://127.0.0.1:3999/api/');
  });
});

describe('webClientOptions', () => {
  it('gives a listener no retries, rejected rate limits and a timeout under 3 s', () => {
    const options = webClientOptions({ forListener: true });

    expect(options).toMatchObject({ retryConfig: { retries: 0 }, rejectRateLimitedCalls: true });
    expect(options.timeout).toBeLessThan(3_000);
  });

  it('leaves the worker the WebClient’s default retries', () => {
    const options = webClientOptions({ forListener: false });

    expect([options.retryConfig, options.rejectRateLimitedCalls]).toEqual([undefined, undefined]);
  });
});
