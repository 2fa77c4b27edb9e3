import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FlowgateError } from '../../../core/errors.js';
import { reportJobFailure } from '../../../handlers/worker/reportJobFailure.js';
import { makeDeps } from '../../fakes/serviceKit.js';
import { type FakeSlackApi, startFakeSlackApi } from '../../integration/fakeSlackApi.js';
import {
  CHANNELS,
  commandJob,
  ephemeralTo,
  importJob,
  onlyTopLevel,
  responses,
  TOKEN,
  workerDeps,
} from './workerKit.js';

describe('reportJobFailure', () => {
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

  it('posts in the channel what failed and why when an import failed for good', async () => {
    const error = new FlowgateError('slack-api-failed', 'Slack files.info failed: internal_error');

    await reportJobFailure(importJob('F0FILE', 'prod'), error, workerDeps(fake, makeDeps()));

    expect(onlyTopLevel(fake, CHANNELS.prod).text).toBe(
      'Importing the shared file F0FILE into prod failed after several attempts: Slack files.info failed: internal_error. Share the file again in a few minutes; if it keeps failing, ask your flowgate admin.',
    );
  });

  it('answers the user privately without internals when a command failed with an unexpected error', async () => {
    const job = commandJob('versions', ['Main'], fake.responseUrl());

    await reportJobFailure(job, new TypeError('x is undefined'), workerDeps(fake, makeDeps()));

    const [answer] = responses(fake);
    expect(answer).toContain('`/flow versions Main` failed after several attempts: an unexpected error');
    expect(answer).not.toContain('x is undefined');
  });

  it('logs and throws when Slack cannot be told either', async () => {
    fake.fail('chat.postMessage', { kind: 'error', error: 'channel_not_found' });
    const logs: string[] = [];

    const reported = reportJobFailure(
      importJob('F0FILE', 'prod'),
      new Error('boom'),
      workerDeps(fake, makeDeps(), logs),
    );

    await expect(reported).rejects.toMatchObject({ slackError: 'channel_not_found' });
    expect(logs.at(-1)).toContain('could not tell alice in C-PROD');
    expect(ephemeralTo(fake, 'alice')).toEqual([]);
  });
});
