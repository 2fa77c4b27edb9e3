import { describe, expect, it } from 'vitest';
import { createWebClient } from '../../../adapters/slack/createWebClient.js';
import { slackSide } from '../../../app/compose/slack.js';
import { importFlows } from '../../../core/service/importFlows.js';
import { requestPublish } from '../../../core/service/requestPublish.js';
import { createWorker, runScheduledEvent } from '../../../handlers/worker/handler.js';
import { exampleFlowFiles, hostedOn, users } from '../../fakes/serviceKit.js';
import { TOKEN, workerSuite } from './workerKit.js';

const HOUR = 3_600_000;
const suite = workerSuite();

function worker(logs: string[]) {
  const client = createWebClient(TOKEN, {
    slackApiUrl: suite.fake.apiUrl,
    forListener: false,
    retryConfig: { retries: 0 },
  });
  const { backend, notifier } = hostedOn(suite.kit.deps);
  return createWorker({
    backend,
    slack: slackSide(client, backend.config),
    notifier,
    log: (m) => logs.push(m),
  });
}

async function expiredRequest(): Promise<string> {
  const { deps, clock } = suite.kit;
  await importFlows(deps, { env: 'prod', files: exampleFlowFiles(), actor: users.alice, channel: 'cli' });
  const request = await requestPublish(deps, { env: 'prod', flow: 'Billing', actor: users.alice });
  clock.advance(25 * HOUR);
  return request.id;
}

describe('runScheduledEvent', () => {
  it('expires what is past its expiry when the schedule delivers {"kind":"expire-requests"}', async () => {
    const id = await expiredRequest();
    const logs: string[] = [];

    const run = await runScheduledEvent(worker(logs), { kind: 'expire-requests' }, (m) => logs.push(m));

    expect(run).toBe('ran');
    expect((await suite.kit.requests.getRequest(id))?.state).toBe('expired');
    expect((await suite.kit.audit.listAudit('prod')).filter((e) => e.action === 'expire')).toHaveLength(1);
  });

  it.each([
    ['another kind', { kind: 'expire-everything' }],
    ['an EventBridge envelope', { 'detail-type': 'Scheduled Event', source: 'aws.events', detail: {} }],
    ['not an object', 'expire-requests'],
  ])('refuses %s with a log line naming the fix, and expires nothing', async (_, event) => {
    const id = await expiredRequest();
    const logs: string[] = [];

    const run = await runScheduledEvent(worker(logs), event, (m) => logs.push(m));

    expect(run).toBe('refused');
    expect(logs).toEqual([
      expect.stringMatching(
        /^worker: refused an event .*Check the input of the worker's schedule event in serverless\.yml\.$/,
      ),
    ]);
    // Reads already show it expired; nothing recorded it (no decision time, no audit entry).
    expect((await suite.kit.requests.getRequest(id))?.decidedAt).toBeNull();
    expect((await suite.kit.audit.listAudit('prod')).filter((e) => e.action === 'expire')).toEqual([]);
  });
});
