import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createWebClient } from '../../../adapters/slack/createWebClient.js';
import { SlackMessenger } from '../../../adapters/slack/SlackMessenger.js';
import {
  NOTIFIED_DIAGNOSTICS,
  notificationText,
  SlackNotifier,
} from '../../../adapters/slack/SlackNotifier.js';
import type { Diagnostic } from '../../../core/diagnostics.js';
import type { Notification } from '../../../core/ports.js';
import { type FakeSlackApi, startFakeSlackApi } from '../../integration/fakeSlackApi.js';

const TOKEN = 'xoxb-notifier-test';

function notification(env: string, overrides: Partial<Notification> = {}): Notification {
  return { env, kind: 'published', flowKey: null, text: `Published 2 flows to ${env}.`, ...overrides };
}

function diagnostic(severity: Diagnostic['severity'], n: number): Diagnostic {
  return {
    severity,
    code: 'unresolved-reference',
    action: `a${n}`,
    block: 'Set working queue',
    message: `Queue ${n} is not in the target`,
    hint: 'Pick a replacement.',
  };
}

describe('SlackNotifier', () => {
  let fake: FakeSlackApi;
  let notifier: SlackNotifier;

  beforeAll(async () => {
    fake = await startFakeSlackApi({ tokens: [TOKEN] });
    const client = createWebClient(TOKEN, {
      slackApiUrl: fake.apiUrl,
      forListener: false,
      retryConfig: { retries: 0 },
    });
    notifier = new SlackNotifier({
      messenger: new SlackMessenger({ client }),
      environments: { prod: { channels: ['C0PROD0001', 'C0PROD0002'] }, test: { channels: [] } },
    });
  });
  afterAll(async () => {
    await fake.stop();
  });
  beforeEach(() => {
    fake.reset();
  });

  it('posts to the first channel bound to the environment', async () => {
    await notifier.notify(notification('prod'));

    expect(fake.messages().map((message) => [message.channel, message.text])).toEqual([
      ['C0PROD0001', 'Published 2 flows to prod.'],
    ]);
  });

  it.each([
    ['has no bound channel', 'test'],
    ['is not configured', 'staging'],
  ])('posts nothing when the environment %s', async (_case, env) => {
    await notifier.notify(notification(env));

    expect(fake.calls()).toEqual([]);
  });
});

describe('notificationText', () => {
  it('lists errors before warnings after the text', () => {
    const text = notificationText(
      notification('prod', { diagnostics: [diagnostic('warning', 1), diagnostic('error', 2)] }),
    );

    expect(text.split('\n')).toEqual([
      'Published 2 flows to prod.',
      '• error (Set working queue): Queue 2 is not in the target',
      '• warning (Set working queue): Queue 1 is not in the target',
    ]);
  });

  it('counts the diagnostics it leaves out when there are more than it shows', () => {
    const diagnostics = Array.from({ length: NOTIFIED_DIAGNOSTICS + 3 }, (_, n) => diagnostic('warning', n));

    const text = notificationText(notification('prod', { diagnostics }));

    expect(text.split('\n').at(-1)).toBe('…and 3 more');
  });

  it('stays within 3,000 characters when the text is long', () => {
    const text = notificationText(notification('prod', { text: 'é'.repeat(5_000) }));

    expect(text.length).toBeLessThanOrEqual(3_000);
  });
});
