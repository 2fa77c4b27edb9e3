import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createWebClient } from '../../adapters/slack/createWebClient.js';
import { SlackMessenger } from '../../adapters/slack/SlackMessenger.js';
import { expireDueRequests } from '../../app/expireDueRequests.js';
import { saveRequestMessage } from '../../app/postedMessages.js';
import { importFlows } from '../../core/service/importFlows.js';
import { requestPublish } from '../../core/service/requestPublish.js';
import type { PublishRequest } from '../../core/versions/types.js';
import { actor, exampleFlowFiles, makeDeps, type ServiceKit } from '../fakes/serviceKit.js';
import { type FakeSlackApi, startFakeSlackApi } from '../integration/fakeSlackApi.js';

const TOKEN = 'xoxb-expiry-test';
const HOUR = 3_600_000;
/** A requester with a Slack user id, so the notice can mention them. */
const ALICE = actor('U0ALICE');

let fake: FakeSlackApi;
let kit: ServiceKit;
let messenger: SlackMessenger;
let logs: string[];

beforeAll(async () => {
  fake = await startFakeSlackApi({ tokens: [TOKEN] });
});

afterAll(async () => {
  await fake.stop();
});

beforeEach(() => {
  fake.reset();
  kit = makeDeps();
  const { roles } = kit.deps.config;
  kit = {
    ...kit,
    deps: { ...kit.deps, config: { ...kit.deps.config, roles: { ...roles, editors: ['U0ALICE'] } } },
  };
  const client = createWebClient(TOKEN, {
    slackApiUrl: fake.apiUrl,
    forListener: false,
    retryConfig: { retries: 0 },
  });
  messenger = new SlackMessenger({ client });
  logs = [];
});

/** A pending request for Billing in prod, with the message flowgate posted for it. */
async function postedRequest(): Promise<{ request: PublishRequest; channel: string; ts: string }> {
  await importFlows(kit.deps, { env: 'prod', files: exampleFlowFiles(), actor: ALICE, channel: 'cli' });
  const request = await requestPublish(kit.deps, { env: 'prod', flow: 'Billing', actor: ALICE });
  const posted = await messenger.post('C-PROD', {
    text: 'Publish request',
    blocks: [
      {
        type: 'actions',
        elements: [{ type: 'button', action_id: 'approve', text: { type: 'plain_text', text: 'Approve' } }],
      },
    ],
  });
  await saveRequestMessage(kit.deps.files, posted, request.id);
  return { request, ...posted };
}

function run() {
  return expireDueRequests({ service: kit.deps, messenger, log: (m) => logs.push(m) });
}

describe('expireDueRequests', () => {
  it('expires a pending request past its expiry once when two runs overlap', async () => {
    const { request } = await postedRequest();
    kit.clock.advance(25 * HOUR);

    const [a, b] = await Promise.all([run(), run()]);

    expect([...a, ...b].map((r) => r.id)).toEqual([request.id]);
    expect((await kit.requests.getRequest(request.id))?.state).toBe('expired');
    const audit = (await kit.audit.listAudit('prod')).filter((e) => e.action === 'expire');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ flowKey: request.flowKey, detail: { request: request.id } });
  });

  it('shows the request message as expired with no buttons', async () => {
    const { channel, ts } = await postedRequest();
    kit.clock.advance(25 * HOUR);

    await run();

    const message = fake.message(channel, ts);
    expect(message?.updates).toBe(1);
    const shown = JSON.stringify(message?.blocks);
    expect(shown).toContain('*Expired* <!date^');
    expect(shown).toContain('nobody approved or rejected it in time');
    expect(message?.blocks.some((b) => (b as { type: string }).type === 'actions')).toBe(false);
  });

  it('tells the requester in the request thread, by mention, with a Slack date', async () => {
    const { channel, ts } = await postedRequest();
    kit.clock.advance(25 * HOUR);

    await run();

    const notice = fake.messages().find((m) => m.threadTs === ts);
    expect(notice?.channel).toBe(channel);
    const shown = JSON.stringify(notice?.blocks);
    expect(shown).toContain('<@U0ALICE> your request to publish *Billing* v1 to *prod* expired <!date^');
    expect(shown).toContain('/flow publish Billing 1 --env prod');
  });

  it('leaves a request that has not expired and its message alone', async () => {
    const { request, channel, ts } = await postedRequest();
    kit.clock.advance(HOUR);

    expect(await run()).toEqual([]);

    expect((await kit.requests.getRequest(request.id))?.state).toBe('pending');
    expect(fake.message(channel, ts)?.updates).toBe(0);
  });

  it('still records the expiry when Slack refuses the update, and logs which request', async () => {
    const { request } = await postedRequest();
    kit.clock.advance(25 * HOUR);
    fake.fail('chat.update', { kind: 'error', error: 'message_not_found' });

    await run();

    expect((await kit.requests.getRequest(request.id))?.state).toBe('expired');
    expect(logs.join('\n')).toContain(`request ${request.id}`);
  });
});
