import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createWebClient } from '../../../adapters/slack/createWebClient.js';
import { SlackMessenger } from '../../../adapters/slack/SlackMessenger.js';
import { type FakeSlackApi, startFakeSlackApi } from '../../integration/fakeSlackApi.js';

const TOKEN = 'xoxb-messenger-test';
const CHANNEL = 'C0FLOWS001';

describe('SlackMessenger', () => {
  let fake: FakeSlackApi;
  let messenger: SlackMessenger;

  beforeAll(async () => {
    fake = await startFakeSlackApi({ tokens: [TOKEN] });
    const client = createWebClient(TOKEN, {
      slackApiUrl: fake.apiUrl,
      forListener: false,
      retryConfig: { retries: 0 },
    });
    messenger = new SlackMessenger({ client });
  });
  afterAll(async () => {
    await fake.stop();
  });
  beforeEach(() => {
    fake.reset();
  });

  it('returns where the message is when it posts one', async () => {
    const posted = await messenger.post(CHANNEL, { text: 'Importing main.json…' });

    expect(fake.message(posted.channel, posted.ts)?.text).toBe('Importing main.json…');
  });

  it('posts into the thread when a thread ts is given', async () => {
    const parent = await messenger.post(CHANNEL, { text: 'report' });

    const reply = await messenger.post(CHANNEL, { text: 'details' }, parent.ts);

    expect(fake.message(CHANNEL, reply.ts)?.threadTs).toBe(parent.ts);
  });

  it('changes the same message rather than posting another when it updates', async () => {
    const posted = await messenger.post(CHANNEL, { text: 'Importing…' });
    const blocks = [
      { type: 'section' as const, text: { type: 'mrkdwn' as const, text: '*Ready to publish*' } },
    ];

    await messenger.update(posted, { text: 'Ready to publish', blocks });

    expect([fake.messages().length, fake.message(CHANNEL, posted.ts)]).toEqual([
      1,
      expect.objectContaining({ text: 'Ready to publish', blocks, updates: 1 }),
    ]);
  });

  it('sends an ephemeral message to the one user', async () => {
    await messenger.postEphemeral(CHANNEL, 'U0VIEWER01', { text: 'You need the editor role to import.' });

    expect(fake.calls('chat.postEphemeral').map((call) => call.args)).toEqual([
      expect.objectContaining({
        channel: CHANNEL,
        user: 'U0VIEWER01',
        text: 'You need the editor role to import.',
      }),
    ]);
  });

  it('returns the view id when it opens a modal', async () => {
    const id = await messenger.openView('12345.98765.abcd', {
      type: 'modal',
      title: { type: 'plain_text', text: 'Import a flow' },
      blocks: [],
    });

    expect([id, fake.calls('views.open')[0]?.args.trigger_id]).toEqual([
      expect.stringMatching(/^V/),
      '12345.98765.abcd',
    ]);
  });

  it('uploads the file into the thread of the given message', async () => {
    const parent = await messenger.post(CHANNEL, { text: 'report' });

    const id = await messenger.uploadFile({
      channel: CHANNEL,
      threadTs: parent.ts,
      filename: 'import-report.txt',
      content: 'Blocks: 12 — ünresolved: 1',
    });

    const [upload] = fake.uploads();
    expect([upload?.id, upload?.threadTs, new TextDecoder().decode(upload?.bytes)]).toEqual([
      id,
      parent.ts,
      'Blocks: 12 — ünresolved: 1',
    ]);
  });

  it('returns the members of a user group', async () => {
    fake.setUsergroup('S0PUBLISH1', ['U0APPROVER']);

    await expect(messenger.usergroupMembers('S0PUBLISH1')).resolves.toEqual(['U0APPROVER']);
  });

  it('posts JSON to the response_url when it responds', async () => {
    const url = fake.responseUrl();

    await messenger.respond(url, { text: 'Discarded.', replaceOriginal: true });

    expect(fake.calls('response_url').map((call) => call.args)).toEqual([
      { text: 'Discarded.', replace_original: true },
    ]);
  });

  it('throws SlackApiError with Slack’s error when a call fails', async () => {
    fake.fail('chat.postMessage', { kind: 'error', error: 'not_in_channel' });

    await expect(messenger.post(CHANNEL, { text: 'x' })).rejects.toMatchObject({
      name: 'SlackApiError',
      code: 'slack-api-failed',
      slackError: 'not_in_channel',
    });
  });
});
