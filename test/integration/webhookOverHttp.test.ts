/**
 * CI's path end to end over real HTTP: a signed zip POSTed to `npm start`'s webhook route, the
 * answer's report link opened with a plain GET, as a CI job and a reviewer's browser would.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebhookReport } from '../../app/webhookImport.js';
import { type LocalServer, startLocalServer } from '../../handlers/local/localServer.js';
import { signWebhook } from '../../handlers/webhook/signature.js';
import { hostedOn, makeDeps, type ServiceKit } from '../fakes/serviceKit.js';
import { UNREACHABLE_SLACK } from './slackPayloads.js';

const SECRET = 'prod-webhook-secret-0123456789';
const root = join(import.meta.dirname, '..', '..');

let kit: ServiceKit;
let server: LocalServer;

beforeAll(async () => {
  kit = makeDeps({ notify: false });
  const { roles } = kit.deps.config;
  server = await startLocalServer({
    ...hostedOn({
      ...kit.deps,
      config: { ...kit.deps.config, roles: { ...roles, editors: [...roles.editors, 'webhook:prod'] } },
    }),
    slack: UNREACHABLE_SLACK,
    port: 0,
    log: () => {},
    webhookSecrets: (env) => (env === 'prod' ? SECRET : null),
  });
});

afterAll(async () => {
  await server.stop();
});

function post(body: Uint8Array, contentType: string): Promise<Response> {
  const timestamp = String(Math.floor(kit.clock.now().getTime() / 1000));
  return fetch(`${server.url}/webhooks/flows?env=prod`, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      'x-flowgate-timestamp': timestamp,
      'x-flowgate-signature': signWebhook(SECRET, timestamp, body),
    },
    body,
  });
}

describe('a CI webhook over HTTP', () => {
  it('imports a signed zip and links each version to a report the link opens', async () => {
    const flows = ['authenticate-caller.json', 'billing.json', 'main-ivr.json', 'sales-queue-music.json'];
    const zip = zipSync(
      Object.fromEntries(
        flows.map((name) => [`flows/${name}`, readFileSync(join(root, 'examples', 'flows', name))]),
      ),
    );

    const response = await post(zip, 'application/zip');

    expect(response.status).toBe(200);
    const report = (await response.json()) as WebhookReport;
    expect(report.versions).toHaveLength(4);
    const main = report.versions.find((v) => v.name === 'Main IVR');
    expect(main?.reportUrl).toMatch(new RegExp(`^${server.url}/reports/`));

    const page = await fetch(main?.reportUrl ?? '');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('<h1>Main IVR</h1>');
  });

  it('refuses the same request sent again', async () => {
    const body = new TextEncoder().encode(
      readFileSync(join(root, 'examples', 'flows', 'billing.json'), 'utf8'),
    );
    const timestamp = String(Math.floor(kit.clock.now().getTime() / 1000));
    const headers = {
      'content-type': 'application/json',
      'x-flowgate-timestamp': timestamp,
      'x-flowgate-signature': signWebhook(SECRET, timestamp, body),
    };
    const url = `${server.url}/webhooks/flows?env=prod`;

    const first = await fetch(url, { method: 'POST', headers, body });
    const again = await fetch(url, { method: 'POST', headers, body });

    expect(first.status).toBe(200);
    expect(again.status).toBe(401);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe('replayed');
  });
});
