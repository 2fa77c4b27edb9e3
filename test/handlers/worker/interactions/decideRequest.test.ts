import { describe, expect, it } from 'vitest';
import { processSlackJob } from '../../../../handlers/worker/processJob.js';
import type { WorkerDeps } from '../../../../handlers/worker/workerDeps.js';
import type { FakeSlackMessage } from '../../../integration/fakeSlackApi.js';
import {
  allText,
  button,
  buttons,
  CHANNELS,
  clickJob,
  ephemeralTo,
  importJob,
  shareFixture,
  workerSuite,
} from '../workerKit.js';

describe('processSlackJob (approve and reject)', () => {
  const t = workerSuite();

  /** Imports billing-line.json into prod and clicks Request publish as `requester`; returns the request message. */
  async function requested(requester: string, workers: WorkerDeps = t.deps): Promise<FakeSlackMessage> {
    const fileId = shareFixture(t.fake, 'worker/billing-line.json', 'billing-line.json');
    await processSlackJob(importJob(fileId, 'prod', { user: requester }), workers);
    const [report] = t.fake.messages();
    if (report === undefined) throw new Error('no report');
    await processSlackJob(clickJob(report, button(report, 'flowgate.request_publish'), requester), workers);
    const request = t.fake.messages().find((m) => m.text.includes('asks to publish'));
    if (request === undefined) throw new Error('no request message');
    return request;
  }

  it('updates the request message with who approved and the outcome when another publisher approves', async () => {
    const request = await requested('alice');

    await processSlackJob(clickJob(request, button(request, 'flowgate.approve'), 'bob'), t.deps);

    const decided = t.fake.message(request.channel, request.ts);
    expect(decided?.text).toBe(
      'Billing line v1 for prod: approved and published by bob. Published 1 flow to prod.',
    );
    expect(allText(decided ?? request)).toContain('*Published 1 flow to prod.*');
    expect(buttons(decided ?? request, 'flowgate.approve')).toEqual([]);
  });

  it('writes the re-targeted content to the target when another publisher approves', async () => {
    const request = await requested('alice');

    await processSlackJob(clickJob(request, button(request, 'flowgate.approve'), 'bob'), t.deps);

    const head = await t.kit.versions.getHead('prod', 'flow:Billing line');
    const written = t.kit.center.flow(head?.target?.id ?? '');
    expect(written?.content).toContain('queue/537e3d26-3043-48f5-b44e-79fb143289d2');
    expect(written?.content).not.toContain('123456789012');
  });

  it('refuses privately and leaves the message when the requester approves their own request', async () => {
    const request = await requested('bob');

    await processSlackJob(clickJob(request, button(request, 'flowgate.approve'), 'bob'), t.deps);

    expect(ephemeralTo(t.fake, 'bob').map((told) => told.split('\n')[0])).toEqual([
      'You requested this publish of *Billing line* v1 to *prod*; another publisher must approve it: ask carol.',
    ]);
    expect(t.fake.message(request.channel, request.ts)?.updates).toBe(0);
    expect(t.kit.center.writes()).toBe(0);
  });

  it('tells the second approver privately that it was already approved when two publishers click', async () => {
    const request = await requested('alice');
    await processSlackJob(clickJob(request, button(request, 'flowgate.approve'), 'bob'), t.deps);

    await processSlackJob(clickJob(request, button(request, 'flowgate.approve'), 'carol'), t.deps);

    expect(ephemeralTo(t.fake, 'carol').join('\n')).toMatch(
      /^bob approved this publish of \*Billing line\* v1 to \*prod\* <!date\^\d+\^[^|]+\|[^>]+>; it is live\./,
    );
    expect({
      updates: t.fake.message(request.channel, request.ts)?.updates,
      writes: t.kit.center.writes(),
    }).toEqual({
      updates: 1,
      writes: 1,
    });
  });

  it('tells the approver in words that they approved it and it is live when they click Approve again', async () => {
    const request = await requested('alice');
    await processSlackJob(clickJob(request, button(request, 'flowgate.approve'), 'bob'), t.deps);

    await processSlackJob(clickJob(request, button(request, 'flowgate.approve'), 'bob'), t.deps);

    const [told] = ephemeralTo(t.fake, 'bob');
    expect(told).toMatch(
      /^You approved this publish of \*Billing line\* v1 to \*prod\* <!date\^\d+\^\{date_short_pretty\} at \{time\}\|[A-Z][a-z]{2} \d{1,2}, \d{4} \d\d:\d\d UTC>; it is live\./,
    );
    expect(told).not.toMatch(/request [0-9a-z-]{4,}|flow:|\d{4}-\d\d-\d\dT/);
    expect(t.kit.center.writes()).toBe(1);
  });

  it('shows who rejected it and publishes nothing when a publisher rejects', async () => {
    const request = await requested('alice');
    const reject = {
      ...clickJob(request, button(request, 'flowgate.reject'), 'carol'),
      reason: 'Wrong queue',
    };

    await processSlackJob(reject, t.deps);

    expect(t.fake.message(request.channel, request.ts)?.text).toBe(
      'Billing line v1 for prod: rejected by carol.',
    );
    expect(t.kit.center.writes()).toBe(0);
  });

  it('shows the reason in the request message and tells the requester in its thread when a publisher rejects', async () => {
    const request = await requested('alice');
    const reject = {
      ...clickJob(request, button(request, 'flowgate.reject'), 'carol'),
      reason: 'The queue should be Billing, not Sales.',
    };

    await processSlackJob(reject, t.deps);

    expect(allText(t.fake.message(request.channel, request.ts) ?? request)).toContain(
      '> The queue should be Billing, not Sales.',
    );
    const notice = t.fake.messages().find((m) => m.threadTs === request.ts);
    expect(notice?.text).toBe(
      'alice your request to publish Billing line v1 to prod was rejected: The queue should be Billing, not Sales.',
    );
  });

  it('rejects nothing and says to use the button when a reject job carries no reason', async () => {
    const request = await requested('alice');

    await processSlackJob(clickJob(request, button(request, 'flowgate.reject'), 'carol'), t.deps);

    expect(ephemeralTo(t.fake, 'carol').join('\n')).toContain(
      'use the Reject button, which asks for your reason',
    );
    expect((await t.kit.requests.listRequests('prod'))[0]?.state).toBe('pending');
  });

  it('lets a member of a publisher user group approve when the roles name the group', async () => {
    t.fake.setUsergroup('S0APPROVERS', ['U0DAVE']);
    const { config } = t.kit.deps;
    const service = {
      ...t.kit.deps,
      config: {
        ...config,
        roles: { ...config.roles, publishers: [...config.roles.publishers, 'S0APPROVERS'] },
      },
    };
    const grouped: WorkerDeps = { ...t.deps, service };
    const request = await requested('alice', grouped);

    await processSlackJob(clickJob(request, button(request, 'flowgate.approve'), 'U0DAVE'), grouped);

    expect(t.fake.message(request.channel, request.ts)?.text).toBe(
      'Billing line v1 for prod: approved and published by <@U0DAVE>. Published 1 flow to prod.',
    );
  });

  it('posts the request for approvers in the channel when an editor requests publishing', async () => {
    const request = await requested('alice');

    expect({ channel: request.channel, thread: request.threadTs, text: request.text }).toEqual({
      channel: CHANNELS.prod,
      thread: null,
      text: 'alice asks to publish Billing line v1 to prod.',
    });
  });
});
