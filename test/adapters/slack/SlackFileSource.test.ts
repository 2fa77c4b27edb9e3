import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createWebClient } from '../../../adapters/slack/createWebClient.js';
import { SlackFileSource } from '../../../adapters/slack/SlackFileSource.js';
import { type FakeSlackApi, startFakeSlackApi } from '../../integration/fakeSlackApi.js';

const TOKEN = 'xoxb-file-source-test';
const FLOW = '{"Version":"2019-10-30","StartAction":"a1","Actions":[]}';
const LIMIT = 1_000;

/** A second server on loopback: any host that is not the configured Slack API's. */
interface Elsewhere {
  readonly origin: string;
  readonly requests: IncomingHttpHeaders[];
  stop(): Promise<void>;
}

async function startElsewhere(): Promise<Elsewhere> {
  const requests: IncomingHttpHeaders[] = [];
  const server: Server = createServer((request, response) => {
    requests.push(request.headers);
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(FLOW);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('SlackFileSource', () => {
  let fake: FakeSlackApi;
  let elsewhere: Elsewhere;
  let source: SlackFileSource;

  beforeAll(async () => {
    fake = await startFakeSlackApi({ tokens: [TOKEN] });
    elsewhere = await startElsewhere();
    const client = createWebClient(TOKEN, {
      slackApiUrl: fake.apiUrl,
      forListener: false,
      retryConfig: { retries: 0 },
    });
    source = new SlackFileSource({ client, maxBytes: LIMIT });
  });
  afterAll(async () => {
    await Promise.all([fake.stop(), elsewhere.stop()]);
  });
  beforeEach(() => {
    fake.reset();
    elsewhere.requests.length = 0;
  });

  it('returns the bytes, name and types when the file is served by the API host', async () => {
    const file = fake.registerFile(FLOW, { name: 'Main flow.json', mimetype: 'application/json' });

    const downloaded = await source.download(file.id);

    expect({ ...downloaded, bytes: new TextDecoder().decode(downloaded.bytes) }).toEqual({
      id: file.id,
      name: 'Main flow.json',
      mimetype: 'application/json',
      filetype: 'json',
      bytes: FLOW,
    });
  });

  it('sends the bot token with the download when the host is the API host', async () => {
    const file = fake.registerFile(FLOW, { name: 'main.json', mimetype: 'application/json' });

    await source.download(file.id);

    expect(fake.calls('download').map((call) => call.token)).toEqual([TOKEN]);
  });

  it('refuses a file whose reported size is over the limit without downloading it', async () => {
    const file = fake.registerFile(FLOW, { name: 'big.json', mimetype: 'application/json', size: LIMIT + 1 });

    const outcome = await source.download(file.id).catch((error: unknown) => error);

    expect([outcome, fake.calls('download')]).toEqual([
      expect.objectContaining({ code: 'slack-file-too-large', fileId: file.id, fileName: 'big.json' }),
      [],
    ]);
  });

  it('refuses a body that grows past the limit while streaming when the reported size was small', async () => {
    const file = fake.registerFile('x'.repeat(LIMIT * 5), {
      name: 'liar.json',
      mimetype: 'application/json',
      size: 10,
      serve: 'chunked',
    });

    await expect(source.download(file.id)).rejects.toMatchObject({ code: 'slack-file-too-large' });
  });

  it('refuses a body served with a Content-Length over the limit when the reported size was small', async () => {
    const file = fake.registerFile('x'.repeat(LIMIT * 5), {
      name: 'liar.json',
      mimetype: 'application/json',
      size: 10,
    });

    await expect(source.download(file.id)).rejects.toMatchObject({ code: 'slack-file-too-large' });
  });

  it('never contacts a host that is not Slack when the download URL points there', async () => {
    const file = fake.registerFile(FLOW, {
      name: 'main.json',
      mimetype: 'application/json',
      downloadUrl: `${elsewhere.origin}/files-pri/T1-F1/download/main.json`,
    });

    const outcome = await source.download(file.id).catch((error: unknown) => error);

    expect([outcome, elsewhere.requests]).toEqual([
      expect.objectContaining({ code: 'slack-file-untrusted-host' }),
      [],
    ]);
  });

  it.each([
    ['a look-alike host', 'https://files.slack.com.example.org/files-pri/T1-F1/download/main.json'],
    ['plain HTTP to the file host', 'http://files.slack.com/files-pri/T1-F1/download/main.json'],
    ['credentials in the URL', 'https://user:pass@files.slack.com/files-pri/T1-F1/download/main.json'],
  ])('refuses the download when the URL has %s', async (_case, downloadUrl) => {
    const file = fake.registerFile(FLOW, { name: 'main.json', mimetype: 'application/json', downloadUrl });

    await expect(source.download(file.id)).rejects.toMatchObject({ code: 'slack-file-untrusted-host' });
  });

  it('does not follow a redirect, so the token never reaches the redirect target', async () => {
    const file = fake.registerFile(FLOW, {
      name: 'main.json',
      mimetype: 'application/json',
      serve: { redirectTo: `${elsewhere.origin}/signin?redir=main.json` },
    });

    const outcome = await source.download(file.id).catch((error: unknown) => error);

    expect([outcome, elsewhere.requests]).toEqual([
      expect.objectContaining({ code: 'slack-file-redirected' }),
      [],
    ]);
  });

  it('refuses a login page served as text/html', async () => {
    const file = fake.registerFile(FLOW, {
      name: 'main.json',
      mimetype: 'application/json',
      serve: 'login-page',
    });

    await expect(source.download(file.id)).rejects.toMatchObject({ code: 'slack-file-login-page' });
  });

  it('refuses HTML served under another content type by sniffing its first bytes', async () => {
    const file = fake.registerFile('\uFEFF  <!doctype html><html><body>Sign in</body></html>', {
      name: 'main.json',
      mimetype: 'application/json',
    });

    await expect(source.download(file.id)).rejects.toMatchObject({ code: 'slack-file-login-page' });
  });

  it('refuses a file Slack describes as an image before downloading it', async () => {
    const file = fake.registerFile(FLOW, { name: 'screenshot.png', mimetype: 'image/png' });

    const outcome = await source.download(file.id).catch((error: unknown) => error);

    expect([outcome, fake.calls('download')]).toEqual([
      expect.objectContaining({ code: 'slack-file-unsupported-type' }),
      [],
    ]);
  });

  it('accepts a file whose mimetype is still empty after upload', async () => {
    const file = fake.registerFile(FLOW, { name: 'main.json', mimetype: '' });

    const downloaded = await source.download(file.id);

    expect(downloaded.bytes.byteLength).toBe(FLOW.length);
  });

  it('names the file id when Slack does not know the file', async () => {
    await expect(source.download('F0MISSING1')).rejects.toMatchObject({
      code: 'slack-file-not-found',
      fileId: 'F0MISSING1',
    });
  });
});
