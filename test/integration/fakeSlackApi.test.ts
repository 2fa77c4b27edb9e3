import { WebAPIPlatformError, WebAPIRateLimitedError, WebClient } from '@slack/web-api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeSlackApi, startFakeSlackApi } from './fakeSlackApi.js';

const TOKEN = 'xoxb-fake-token';

describe('startFakeSlackApi', () => {
  let fake: FakeSlackApi;
  let client: WebClient;

  beforeAll(async () => {
    fake = await startFakeSlackApi({ tokens: [TOKEN] });
    client = new WebClient(TOKEN, {
      slackApiUrl: fake.apiUrl,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
    });
  });
  afterAll(async () => {
    await fake.stop();
  });
  beforeEach(() => {
    fake.reset();
  });

  it('answers auth.test with the bot user when the token is known', async () => {
    const result = await client.auth.test();

    expect(result.user_id).toBe(fake.botUserId);
  });

  it('records the method, decoded arguments and token of a call', async () => {
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: 'Ünïcödé ✓' } }];

    await client.chat.postMessage({ channel: 'C0TEST0001', text: 'héllo', blocks });

    expect(fake.calls('chat.postMessage')).toEqual([
      expect.objectContaining({
        token: TOKEN,
        args: expect.objectContaining({ channel: 'C0TEST0001', text: 'héllo', blocks }),
      }),
    ]);
  });

  it('keeps a posted message under the ts it returned', async () => {
    const posted = await client.chat.postMessage({ channel: 'C0TEST0001', text: 'first' });

    expect(fake.message('C0TEST0001', posted.ts ?? '')).toMatchObject({ text: 'first', updates: 0 });
  });

  it('replaces the message text and blocks when chat.update names it', async () => {
    const posted = await client.chat.postMessage({ channel: 'C0TEST0001', text: 'first' });
    const blocks = [{ type: 'section', text: { type: 'plain_text', text: 'second' } }];

    await client.chat.update({ channel: 'C0TEST0001', ts: posted.ts ?? '', text: 'second', blocks });

    expect(fake.message('C0TEST0001', posted.ts ?? '')).toMatchObject({ text: 'second', blocks, updates: 1 });
  });

  it('keeps the App Home tab views.publish sends for a user', async () => {
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: 'Waiting on you' } }];

    const result = await client.views.publish({ user_id: 'U0ALICE', view: { type: 'home', blocks } });

    expect(fake.home('U0ALICE')).toEqual({ user: 'U0ALICE', blocks, hash: result.view?.hash, publishes: 1 });
  });

  it('refuses views.publish with hash_conflict when the hash is not the tab`s current one', async () => {
    const view = { type: 'home' as const, blocks: [] };
    const first = await client.views.publish({ user_id: 'U0ALICE', view });
    await client.views.publish({ user_id: 'U0ALICE', view, hash: first.view?.hash ?? '' });

    await expect(
      client.views.publish({ user_id: 'U0ALICE', view, hash: first.view?.hash ?? '' }),
    ).rejects.toMatchObject({ data: { error: 'hash_conflict' } });
    expect(fake.home('U0ALICE')?.publishes).toBe(2);
  });

  it('refuses views.publish of more than 100 blocks', async () => {
    const blocks = Array.from({ length: 101 }, () => ({ type: 'divider' as const }));

    await expect(
      client.views.publish({ user_id: 'U0ALICE', view: { type: 'home', blocks } }),
    ).rejects.toMatchObject({
      data: { error: 'invalid_arguments' },
    });
  });

  it('gives a posted message a permalink and refuses one for an unknown message', async () => {
    const posted = await client.chat.postMessage({ channel: 'C0TEST0001', text: 'first' });

    const link = await client.chat.getPermalink({ channel: 'C0TEST0001', message_ts: posted.ts ?? '' });

    expect(link.permalink).toBe(`${fake.origin}/archives/C0TEST0001/p${(posted.ts ?? '').replace('.', '')}`);
    await expect(
      client.chat.getPermalink({ channel: 'C0TEST0001', message_ts: '1.2' }),
    ).rejects.toMatchObject({
      data: { error: 'message_not_found' },
    });
  });

  it('refuses chat.update when the message does not exist', async () => {
    const update = client.chat.update({ channel: 'C0TEST0001', ts: '1.000001', text: 'x' });

    await expect(update).rejects.toMatchObject({ data: { error: 'message_not_found' } });
  });

  it('stores the bytes, channel and thread of a files.uploadV2 upload', async () => {
    await client.filesUploadV2({
      channel_id: 'C0TEST0001',
      thread_ts: '1700000001.000001',
      filename: 'report.txt',
      title: 'Import report',
      file: Buffer.from('Bericht: zwei Blöcke', 'utf8'),
    });

    const [upload] = fake.uploads();
    expect({ ...upload, bytes: Buffer.from(upload?.bytes ?? []).toString('utf8') }).toMatchObject({
      filename: 'report.txt',
      title: 'Import report',
      channel: 'C0TEST0001',
      threadTs: '1700000001.000001',
      bytes: 'Bericht: zwei Blöcke',
    });
  });

  it('describes a registered file in files.info with a download URL on the fake', async () => {
    const file = fake.registerFile('{"Version":"2019-10-30"}', {
      name: 'main.json',
      mimetype: 'application/json',
    });

    const result = await client.files.info({ file: file.id });

    expect(result.file).toMatchObject({
      id: file.id,
      size: 24,
      filetype: 'json',
      url_private_download: expect.stringMatching(new RegExp(`^${fake.origin}/files-pri/`)),
    });
  });

  it('serves the bytes of a registered file to a request with the token', async () => {
    const file = fake.registerFile('{"Version":"2019-10-30"}', {
      name: 'main.json',
      mimetype: 'application/json',
    });

    const response = await fetch(String(file.record.url_private_download), {
      headers: { authorization: `Bearer ${TOKEN}` },
    });

    expect(await response.text()).toBe('{"Version":"2019-10-30"}');
  });

  it('serves a login page with HTTP 200 when the download has no token', async () => {
    const file = fake.registerFile('{}', { name: 'main.json', mimetype: 'application/json' });

    const response = await fetch(String(file.record.url_private_download));

    expect([
      response.status,
      response.headers.get('content-type'),
      (await response.text()).slice(0, 9),
    ]).toEqual([200, 'text/html; charset=utf-8', '<!DOCTYPE']);
  });

  it('redirects a download to another host when told to', async () => {
    const file = fake.registerFile('{}', {
      name: 'main.json',
      mimetype: 'application/json',
      serve: { redirectTo: 'https://example.slack.com/?redir=x' },
    });

    const response = await fetch(String(file.record.url_private_download), { redirect: 'manual' });

    expect([response.status, response.headers.get('location')]).toEqual([
      302,
      'https://example.slack.com/?redir=x',
    ]);
  });

  it('answers invalid_auth when the token is unknown', async () => {
    const stranger = new WebClient('xoxb-someone-else', {
      slackApiUrl: fake.apiUrl,
      retryConfig: { retries: 0 },
    });

    await expect(stranger.auth.test()).rejects.toMatchObject({ data: { error: 'invalid_auth' } });
  });

  it('fails a method with the given error as many times as told, then answers', async () => {
    fake.fail('chat.postEphemeral', { kind: 'error', error: 'channel_not_found' }, 1);
    const args = { channel: 'C0TEST0001', user: 'U0TEST0001', text: 'only you' };

    const first = await client.chat.postEphemeral(args).catch((error: unknown) => error);
    const second = await client.chat.postEphemeral(args);

    expect([first instanceof WebAPIPlatformError && first.data.error, second.ok]).toEqual([
      'channel_not_found',
      true,
    ]);
  });

  it('answers 429 with Retry-After when a method is rate limited', async () => {
    fake.fail('views.open', { kind: 'ratelimited', retryAfterSeconds: 42 });

    const error = await client.views
      .open({
        trigger_id: '1.2.3',
        view: { type: 'modal', title: { type: 'plain_text', text: 'x' }, blocks: [] },
      })
      .catch((caught: unknown) => caught);

    expect(error instanceof WebAPIRateLimitedError && error.retryAfter).toBe(42);
  });

  it('records JSON posted to a response_url', async () => {
    const url = fake.responseUrl();

    await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'done', replace_original: true }),
    });

    expect(fake.calls('response_url').map((call) => call.args)).toEqual([
      { text: 'done', replace_original: true },
    ]);
  });

  it('returns the members set for a user group', async () => {
    fake.setUsergroup('S0APPROVE1', ['U0AAA0001', 'U0BBB0002']);

    const result = await client.usergroups.users.list({ usergroup: 'S0APPROVE1' });

    expect(result.users).toEqual(['U0AAA0001', 'U0BBB0002']);
  });

  it('returns the profile set for a user', async () => {
    fake.setUser({ id: 'U0AAA0001', name: 'jürgen', realName: 'Jürgen Groß' });

    const result = await client.users.info({ user: 'U0AAA0001' });

    expect(result.user?.real_name).toBe('Jürgen Groß');
  });
});
