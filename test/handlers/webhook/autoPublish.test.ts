import { describe, expect, it } from 'vitest';
import type { WebhookReport } from '../../../app/webhookImport.js';
import { ContactCenterError } from '../../../core/errors.js';
import { greetingText, jsonBody, makeWebhookKit, webhookEvent } from './webhookKit.js';

const autoPublishing = { prod: { autoPublish: true, required: false } };

describe('webhook imports where the environment says autoPublish', () => {
  it('publish what they stored and say where it lives', async () => {
    const { handler, kit } = makeWebhookKit({ approval: autoPublishing });

    const response = await handler(webhookEvent({ body: greetingText() }));

    expect(response.statusCode).toBe(200);
    const report = jsonBody<WebhookReport>(response);
    expect(report.autoPublish).toMatchObject({
      ok: true,
      published: [{ flowKey: 'flow:CI greeting', version: 1, state: 'published' }],
      pending: [],
      problems: [],
    });
    const arn = report.autoPublish?.published[0]?.arn ?? '';
    const id = arn.slice(arn.lastIndexOf('/') + 1);
    expect(kit.center.flow(id)?.name).toBe('CI greeting');
  });

  it('leave a publish request for a publisher where approval is required', async () => {
    const { handler, kit } = makeWebhookKit({ approval: { prod: { autoPublish: true } } });
    const writesBefore = kit.center.writes();

    const response = await handler(webhookEvent({ body: greetingText() }));

    expect(response.statusCode).toBe(200);
    expect(jsonBody<WebhookReport>(response).autoPublish).toMatchObject({
      ok: true,
      published: [],
      pending: [{ flowKey: 'flow:CI greeting', version: 1 }],
    });
    expect(kit.center.writes()).toBe(writesBefore);
    expect(await kit.requests.listRequests('prod', 'pending')).toHaveLength(1);
  });

  it('answer 422 and publish nothing when a flow has errors', async () => {
    const { handler, kit } = makeWebhookKit({ approval: autoPublishing });
    const writesBefore = kit.center.writes();
    const broken = greetingText((flow) => {
      const [first] = flow.Actions;
      if (first !== undefined) first.Transitions.NextAction = 'nowhere';
    });

    const response = await handler(webhookEvent({ body: broken }));

    expect(response.statusCode).toBe(422);
    const report = jsonBody<WebhookReport>(response);
    expect(report.autoPublish?.ok).toBe(false);
    expect(report.autoPublish?.problems).toEqual([
      expect.stringMatching(/^CI greeting v1 cannot be published to prod: /),
    ]);
    expect(kit.center.writes()).toBe(writesBefore);
  });

  it('answer 409 with the way back when the contact center refuses the write', async () => {
    const { handler, kit } = makeWebhookKit({ approval: autoPublishing });
    kit.center.failNextWrite = new ContactCenterError('connect-refused', 'InvalidContactFlowException');

    const response = await handler(webhookEvent({ body: greetingText() }));

    expect(response.statusCode).toBe(409);
    const report = jsonBody<WebhookReport>(response);
    expect(report.autoPublish).toMatchObject({
      ok: false,
      published: [{ flowKey: 'flow:CI greeting', state: 'failed' }],
    });
    expect(report.autoPublish?.summary).toMatch(/InvalidContactFlowException/);
    expect(await kit.versions.getVersion('prod', 'flow:CI greeting', 1)).not.toBeNull();
  });

  it('publish large imports too, once the queue has run them', async () => {
    const { handler, kit, queue } = makeWebhookKit({
      approval: autoPublishing,
      limits: { syncMaxBytes: 200 },
    });
    const accepted = await handler(webhookEvent({ body: greetingText() }));
    const { statusUrl } = jsonBody<{ statusUrl: string }>(accepted);

    await queue.drain();
    const status = await handler(webhookEvent({ method: 'GET', path: statusUrl, env: null, secret: null }));

    expect(status.statusCode).toBe(200);
    expect(jsonBody<WebhookReport>(status).autoPublish?.published).toMatchObject([{ state: 'published' }]);
    expect((await kit.versions.getHead('prod', 'flow:CI greeting'))?.published).toBe(1);
  });

  it('publish nothing and add no autoPublish section where the environment does not say so', async () => {
    const { handler, kit } = makeWebhookKit();
    const writesBefore = kit.center.writes();

    const response = await handler(webhookEvent({ body: greetingText() }));

    expect(response.statusCode).toBe(200);
    expect(jsonBody<WebhookReport>(response)).not.toHaveProperty('autoPublish');
    expect(kit.center.writes()).toBe(writesBefore);
  });
});

describe('webhook answers', () => {
  it('link each stored version to its HTML report, kept with the version', async () => {
    const { handler, kit } = makeWebhookKit({
      reportLink: (env, flowKey, version) => `https://flowgate.example/r/${env}/${flowKey}/${version}`,
    });

    const response = await handler(webhookEvent({ body: greetingText() }));

    expect(jsonBody<WebhookReport>(response).versions).toMatchObject([
      { flowKey: 'flow:CI greeting', reportUrl: 'https://flowgate.example/r/prod/flow:CI greeting/1' },
    ]);
    expect(kit.files.objects.has('reports/prod/flow%3ACI%20greeting/1.html')).toBe(true);
  });
});
