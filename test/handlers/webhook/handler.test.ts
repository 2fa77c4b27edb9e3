import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { MAX_PENDING_MS, webhookJobHandlers } from '../../../app/webhookImport.js';
import { webhookSecretsFrom } from '../../../app/webhookSecrets.js';
import { createWebhookHandler } from '../../../handlers/webhook/handler.js';
import { faultyAudit, faultyVersions, WriteFaults } from '../../fakes/writeFaults.js';
import {
  greetingText,
  heldQueue,
  jsonBody,
  makeWebhookKit,
  NOW_SECONDS,
  type RequestOptions,
  SECRETS,
  webhookEvent,
} from './webhookKit.js';

interface Report {
  readonly env: string;
  readonly flows: { name: string; diagnostics: { severity: string; code: string }[] }[];
  readonly order: string[];
  readonly versions: { flowKey: string; number: number; created: boolean }[];
}

interface Problem {
  readonly error: { code: string; message: string; hint: string };
}

const encoder = new TextEncoder();
const broken = (name: string) =>
  greetingText((flow) => {
    flow.Metadata.name = name;
    const [first] = flow.Actions;
    if (first !== undefined) first.Transitions.NextAction = 'nowhere';
  });
const named = (name: string) =>
  greetingText((flow) => {
    flow.Metadata.name = name;
  });

describe('createWebhookHandler', () => {
  it('answers 200 with the plan report and the stored version when the signature is good', async () => {
    const { handler } = makeWebhookKit();

    const response = await handler(webhookEvent({ body: greetingText() }));

    expect(response.statusCode).toBe(200);
    const report = jsonBody<Report>(response);
    expect(report.env).toBe('prod');
    expect(report.flows.map((f) => [f.name, f.diagnostics])).toEqual([['CI greeting', []]]);
    expect(report.order).toEqual(['flow.json']);
    expect(report.versions).toMatchObject([{ flowKey: 'flow:CI greeting', number: 1, created: true }]);
  });

  it('answers behind a custom domain base path too', async () => {
    const { handler } = makeWebhookKit();

    const response = await handler(webhookEvent({ body: greetingText(), path: '/flowgate/webhooks/flows' }));

    expect(response.statusCode).toBe(200);
  });

  it('stores the version as the webhook actor on the webhook channel when the request is accepted', async () => {
    const { handler, kit } = makeWebhookKit();

    await handler(webhookEvent({ body: greetingText(), query: { name: 'flows/greeting.json' } }));

    const version = await kit.versions.getVersion('prod', 'flow:CI greeting', 1);
    expect(version).toMatchObject({
      author: 'webhook:prod',
      source: { channel: 'webhook', ref: 'flows/greeting.json' },
    });
  });

  const refusals: [string, RequestOptions, string][] = [
    ['the secret is wrong', { secret: 'someone-elses-secret-0123' }, 'bad-signature'],
    ['the timestamp is older than 5 minutes', { timestamp: NOW_SECONDS - 301 }, 'stale-timestamp'],
    ['the timestamp is more than 5 minutes ahead', { timestamp: NOW_SECONDS + 301 }, 'future-timestamp'],
    ['the signature headers are missing', { secret: null }, 'missing-signature'],
    [
      'the signature is not sha256=<hex>',
      { headers: { 'x-flowgate-signature': 'sha256=abc' } },
      'malformed-signature',
    ],
    [
      'the timestamp is not a number',
      { headers: { 'x-flowgate-timestamp': 'yesterday' } },
      'malformed-timestamp',
    ],
    [
      'the environment has no webhook secret',
      { env: 'shared', secret: SECRETS.prod ?? '' },
      'no-webhook-secret',
    ],
  ];

  it.each(refusals)('answers 401 and stores nothing when %s', async (_, options, code) => {
    const { handler, kit } = makeWebhookKit();

    const response = await handler(webhookEvent({ body: greetingText(), ...options }));

    expect(response.statusCode).toBe(401);
    expect(jsonBody<Problem>(response).error.code).toBe(code);
    expect(await kit.versions.listHeads(options.env ?? 'prod')).toEqual([]);
  });

  it('accepts a timestamp exactly 5 minutes old when the signature is good', async () => {
    const { handler } = makeWebhookKit();

    const response = await handler(webhookEvent({ body: greetingText(), timestamp: NOW_SECONDS - 300 }));

    expect(response.statusCode).toBe(200);
  });

  it('answers 401 and stores nothing more when the same request is replayed', async () => {
    const { handler, kit } = makeWebhookKit();
    const event = webhookEvent({ body: greetingText() });
    await handler(event);

    const replay = await handler(event);

    expect(replay.statusCode).toBe(401);
    expect(jsonBody<Problem>(replay).error.code).toBe('replayed');
    expect((await kit.versions.listVersions('prod', 'flow:CI greeting')).length).toBe(1);
  });

  it('answers 401 when a replay carries a new delivery id (the signature is claimed too)', async () => {
    const { handler } = makeWebhookKit();
    await handler(webhookEvent({ body: greetingText(), headers: { 'x-flowgate-delivery': 'run-1' } }));

    const replay = await handler(
      webhookEvent({ body: greetingText(), headers: { 'x-flowgate-delivery': 'run-forged' } }),
    );

    expect(replay.statusCode).toBe(401);
  });

  it('answers 401 when a delivery id is sent again with a fresh signature', async () => {
    const { handler } = makeWebhookKit();
    await handler(webhookEvent({ body: greetingText(), headers: { 'x-flowgate-delivery': 'run-7' } }));

    const again = await handler(
      webhookEvent({
        body: greetingText(),
        timestamp: NOW_SECONDS + 1,
        headers: { 'x-flowgate-delivery': 'run-7' },
      }),
    );

    expect(jsonBody<Problem>(again).error.code).toBe('replayed');
  });

  it('imports every flow of a zip body when the content type is application/zip', async () => {
    const { handler } = makeWebhookKit();
    const zip = zipSync({
      'flows/greeting.json': encoder.encode(greetingText()),
      'flows/after-hours.json': encoder.encode(named('After hours')),
      'flows/README.md': encoder.encode('not a flow'),
    });

    const response = await handler(webhookEvent({ body: zip, contentType: 'application/zip' }));

    expect(response.statusCode).toBe(200);
    expect(jsonBody<Report>(response).versions.map((v) => v.flowKey)).toEqual([
      'flow:After hours',
      'flow:CI greeting',
    ]);
  });

  it('imports a zip body recognised by its signature when the content type says otherwise', async () => {
    const { handler } = makeWebhookKit();
    const zip = zipSync({ 'greeting.json': encoder.encode(greetingText()) });
    const event = webhookEvent({ body: zip, contentType: 'application/zip' });
    const sentAsForm = {
      ...event,
      headers: { ...event.headers, 'content-type': 'application/x-www-form-urlencoded' },
    };

    const response = await handler(sentAsForm);

    expect(jsonBody<Report>(response).versions.map((v) => v.flowKey)).toEqual(['flow:CI greeting']);
  });

  it('answers 400 naming the entry and stores nothing when a zip entry does not match its CRC-32', async () => {
    const { handler, kit } = makeWebhookKit();
    const zip = zipSync({ 'greeting.json': [encoder.encode(greetingText()), { level: 0 }] });
    const at = Buffer.from(zip).indexOf('CI greeting');
    zip[at] = 'X'.charCodeAt(0);

    const response = await handler(webhookEvent({ body: zip, contentType: 'application/zip' }));

    expect(response.statusCode).toBe(400);
    const { error } = jsonBody<Problem>(response);
    expect(error.code).toBe('zip-corrupt-entry');
    expect(error.message).toContain("'greeting.json'");
    expect(error.message).toContain('nothing was imported');
    expect(await kit.versions.listHeads('prod')).toEqual([]);
  });

  it('imports each named file when the body is a JSON list of files', async () => {
    const { handler } = makeWebhookKit();
    const body = JSON.stringify({
      files: [
        { name: 'greeting.json', content: JSON.parse(greetingText()) },
        { name: 'after-hours.json', content: named('After hours') },
      ],
    });

    const response = await handler(webhookEvent({ body }));

    expect(response.statusCode).toBe(200);
    expect(jsonBody<Report>(response).versions.map((v) => [v.flowKey, v.number])).toEqual([
      ['flow:CI greeting', 1],
      ['flow:After hours', 1],
    ]);
  });

  it('answers 422 with the error diagnostics when a flow has errors', async () => {
    const { handler } = makeWebhookKit();

    const response = await handler(webhookEvent({ body: broken('Broken greeting') }));

    expect(response.statusCode).toBe(422);
    const errors = jsonBody<Report>(response).flows.flatMap((f) =>
      f.diagnostics.filter((d) => d.severity === 'error'),
    );
    expect(errors.map((d) => d.code)).toEqual(['dangling-transition']);
  });

  it.each([
    ['is neither JSON nor a zip', 'name,type\nmain,contactFlow\n', 'unreadable-body'],
    ['is empty', '', 'empty-body'],
    ['names files without content', JSON.stringify({ files: [{ name: 'a.json' }] }), 'invalid-manifest'],
  ])('answers 400 and stores nothing when the body %s', async (_, body, code) => {
    const { handler, kit } = makeWebhookKit();

    const response = await handler(webhookEvent({ body }));

    expect([response.statusCode, jsonBody<Problem>(response).error.code]).toEqual([400, code]);
    expect(await kit.versions.listHeads('prod')).toEqual([]);
  });

  it('answers 413 when the body is over the limit', async () => {
    const { handler } = makeWebhookKit({ limits: { maxBodyBytes: 100 } });

    const response = await handler(webhookEvent({ body: greetingText() }));

    expect(response.statusCode).toBe(413);
  });

  it('answers 403 naming the role when the webhook actor is not an editor', async () => {
    const { handler, kit } = makeWebhookKit({ webhookEditors: false });

    const response = await handler(webhookEvent({ body: greetingText() }));

    expect(response.statusCode).toBe(403);
    expect(jsonBody<Problem>(response).error.hint).toContain('roles.editors: [webhook:prod]');
    expect(await kit.versions.listHeads('prod')).toEqual([]);
  });

  it.each([
    ['in another case', 'PROD', 'prod-webhook-secret-0123456789'],
    ['unknown', 'staging', 'staging-webhook-secret-0123456'],
  ])(
    'answers 404 and stores nothing when the environment is %s, even signed with a secret its variable holds',
    async (_, env, secret) => {
      // As deployed: one variable per environment, whose name tells neither case nor "-" from "_".
      const secretOf = webhookSecretsFrom({
        FLOWGATE_WEBHOOK_SECRET_PROD: 'prod-webhook-secret-0123456789',
        FLOWGATE_WEBHOOK_SECRET_STAGING: 'staging-webhook-secret-0123456',
      });
      const { handler, kit } = makeWebhookKit({ secretOf });

      const response = await handler(webhookEvent({ body: greetingText(), env, secret }));

      expect([response.statusCode, jsonBody<Problem>(response).error.code]).toEqual([
        404,
        'unknown-environment',
      ]);
      expect(jsonBody<Problem>(response).error.message).toContain(`'${env}'`);
      expect(await kit.versions.listHeads('prod')).toEqual([]);
    },
  );

  it('answers 400 when the request names no environment', async () => {
    const { handler } = makeWebhookKit();

    const response = await handler(webhookEvent({ env: null, body: greetingText() }));

    expect(jsonBody<Problem>(response).error.code).toBe('missing-env');
  });

  it('answers 202 with a status URL and stores nothing yet when the input has many files', async () => {
    const { handler, kit } = makeWebhookKit({ limits: { syncMaxFiles: 1 } });
    const body = JSON.stringify({
      files: [
        { name: 'a.json', content: named('Flow A') },
        { name: 'b.json', content: named('Flow B') },
      ],
    });

    const response = await handler(webhookEvent({ body }));

    expect(response.statusCode).toBe(202);
    const accepted = jsonBody<{ statusUrl: string; state: string }>(response);
    expect(accepted.state).toBe('pending');
    expect(response.headers?.location).toBe(accepted.statusUrl);
    expect(await kit.versions.listHeads('prod')).toEqual([]);
  });

  it('serves the report at the status URL once a large import has run', async () => {
    const { handler, kit, queue } = makeWebhookKit({ limits: { syncMaxBytes: 200 } });
    const accepted = await handler(webhookEvent({ body: broken('Large one') }));
    const { statusUrl } = jsonBody<{ statusUrl: string }>(accepted);

    await queue.drain();
    const status = await handler(webhookEvent({ method: 'GET', path: statusUrl, env: null, secret: null }));

    expect(status.statusCode).toBe(422);
    expect(jsonBody<Report>(status).versions).toMatchObject([{ flowKey: 'flow:Large one', number: 1 }]);
    expect(await kit.versions.getVersion('prod', 'flow:Large one', 1)).not.toBeNull();
  });

  it('answers 202 pending at the status URL while the import waits in the queue', async () => {
    const { handler } = makeWebhookKit({ limits: { syncMaxBytes: 200 } });
    const accepted = await handler(webhookEvent({ body: greetingText() }));
    const { statusUrl } = jsonBody<{ statusUrl: string }>(accepted);

    const status = await handler(webhookEvent({ method: 'GET', path: statusUrl, env: null, secret: null }));

    expect([status.statusCode, jsonBody<{ state: string }>(status).state]).toEqual([202, 'pending']);
  });

  it('answers 500 import-lost at the status URL when the import stayed pending past the bound', async () => {
    const { handler, kit } = makeWebhookKit({ limits: { syncMaxBytes: 200 }, queue: heldQueue() });
    const accepted = await handler(webhookEvent({ body: greetingText() }));
    const { statusUrl } = jsonBody<{ statusUrl: string }>(accepted);

    kit.clock.advance(MAX_PENDING_MS + 1000);
    const status = await handler(webhookEvent({ method: 'GET', path: statusUrl, env: null, secret: null }));

    expect(status.statusCode).toBe(500);
    expect(jsonBody<Problem>(status).error).toMatchObject({
      code: 'import-lost',
      message: expect.stringContaining('accepted at 2026-11-21T10:00:00.000Z, did not finish within 2 hours'),
      hint: expect.stringContaining('Send the request again'),
    });
  });

  it('answers 202 pending at the status URL while the import is within the bound', async () => {
    const { handler, kit } = makeWebhookKit({ limits: { syncMaxBytes: 200 }, queue: heldQueue() });
    const accepted = await handler(webhookEvent({ body: greetingText() }));
    const { statusUrl } = jsonBody<{ statusUrl: string }>(accepted);

    kit.clock.advance(MAX_PENDING_MS);
    const status = await handler(webhookEvent({ method: 'GET', path: statusUrl, env: null, secret: null }));

    expect(status.statusCode).toBe(202);
  });

  it('imports nothing when a job turns up after its import was answered as lost', async () => {
    const queue = heldQueue();
    const { handler, kit, service } = makeWebhookKit({ limits: { syncMaxBytes: 200 }, queue });
    const accepted = await handler(webhookEvent({ body: greetingText() }));
    const { statusUrl } = jsonBody<{ statusUrl: string }>(accepted);
    kit.clock.advance(MAX_PENDING_MS + 1000);

    for (const job of queue.jobs) await webhookJobHandlers(service).handler(job);
    const status = await handler(webhookEvent({ method: 'GET', path: statusUrl, env: null, secret: null }));

    expect(jsonBody<Problem>(status).error.code).toBe('import-lost');
    expect(await kit.versions.listHeads('prod')).toEqual([]);
  });

  it('answers the stored version, listed and audited once, when a request is sent again after an import cut short', async () => {
    const { kit, service } = makeWebhookKit();
    const faults = new WriteFaults();
    const handler = createWebhookHandler({
      service: {
        ...service,
        versions: faultyVersions(kit.versions, faults),
        audit: faultyAudit(kit.audit, faults),
      },
      secretOf: (env) => SECRETS[env] ?? null,
      queue: heldQueue(),
      log: () => {},
    });
    // The version lands; the process dies before its audit event.
    faults.allowed = 1;
    const cut = await handler(webhookEvent({ body: named('Main') }));
    faults.allowed = null;

    const again = await handler(webhookEvent({ body: named('Main'), timestamp: NOW_SECONDS + 1 }));

    expect(cut.statusCode).toBe(500);
    expect(again.statusCode).toBe(200);
    expect(jsonBody<Report>(again).versions).toMatchObject([{ flowKey: 'flow:Main', number: 1 }]);
    expect((await kit.versions.listHeads('prod')).map((h) => [h.name, h.latest])).toEqual([['Main', 1]]);
    const imports = (await kit.audit.listAudit('prod')).filter((e) => e.action === 'import');
    expect(imports.map((e) => [e.flowKey, e.detail.version])).toEqual([['flow:Main', 1]]);
  });

  it('answers 404 when the status id is unknown', async () => {
    const { handler } = makeWebhookKit();
    const path = '/webhooks/flows/status/00000000-0000-4000-8000-000000000000';

    const status = await handler(webhookEvent({ method: 'GET', path, env: null, secret: null }));

    expect(status.statusCode).toBe(404);
  });
});
