import { describe, expect, it } from 'vitest';
import { createWebClient } from '../../../adapters/slack/createWebClient.js';
import { slackSide } from '../../../app/compose/slack.js';
import type { SlackJob } from '../../../app/jobs.js';
import { createWorker, type Worker } from '../../../handlers/worker/handler.js';
import { hostedOn } from '../../fakes/serviceKit.js';
import { buttons, CHANNELS, clickJob, importJob, shareFixture, TOKEN, workerSuite } from './workerKit.js';

const suite = workerSuite();
/** Alice's direct message with the bot: bound to no environment. */
const DM = 'D0ALICE';

/** The worker as the Lambda builds it: the Slack notifier tells environments' channels. */
function awsWorker(): Worker {
  const client = createWebClient(TOKEN, {
    slackApiUrl: suite.fake.apiUrl,
    forListener: false,
    retryConfig: { retries: 0 },
  });
  const { backend } = hostedOn(suite.kit.deps);
  const slack = slackSide(client, backend.config);
  return createWorker({ backend, slack, notifier: slack.notifier, log: () => {} });
}

let jobs = 0;
async function run(worker: Worker, job: SlackJob): Promise<void> {
  jobs += 1;
  expect(await worker.run({ kind: job.kind, key: `job-${jobs}`, payload: job })).toBe('ran');
}

/** The top-level messages of `channel`, by their text. */
function postedIn(channel: string): string[] {
  return suite.fake
    .messages()
    .filter((m) => m.channel === channel && m.threadTs === null)
    .map((m) => m.text);
}

describe('createWorker (import notices)', () => {
  it('posts only the import report in the channel bound to the environment when a file is shared there', async () => {
    const fileId = shareFixture(suite.fake, 'worker/support-line.json');

    await run(awsWorker(), importJob(fileId, 'prod'));

    expect(postedIn(CHANNELS.prod)).toEqual([
      expect.stringContaining("pick replacements before publishing 'Support line' to prod"),
    ]);
  });

  it("posts the report in the DM and the notice in the environment's channel when a file is imported from a DM", async () => {
    const worker = awsWorker();
    const fileId = shareFixture(suite.fake, 'worker/support-line.json');
    await run(worker, importJob(fileId, null, { channel: DM }));
    const question = suite.fake.messages().find((m) => m.channel === DM);
    if (question === undefined) throw new Error('no environment picker in the DM');
    const prod = buttons(question, 'flowgate.choose_environment').find((b) => b.value.includes('"prod"'));
    if (prod === undefined) throw new Error('no prod button on the environment picker');

    await run(worker, clickJob(question, prod, 'alice'));

    expect(postedIn(DM)).toEqual([expect.stringContaining("publishing 'Support line' to prod")]);
    expect(postedIn(CHANNELS.prod)).toEqual([
      expect.stringMatching(/^alice imported into \*prod\*: stored Support line v1\./),
    ]);
  });
});
