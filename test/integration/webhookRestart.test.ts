/**
 * A large CI import answered 202 by `npm start`, whose server is then stopped before the import
 * finished (as a kill or a restart leaves it): the next server on the same stores and data folder
 * runs it, and the status URL the CI job polls ends with the report instead of "pending" for ever.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { WebhookReport } from '../../app/webhookImport.js';
import type { ServiceDeps } from '../../core/deps.js';
import type { Versions } from '../../core/ports.js';
import { type LocalServer, startLocalServer } from '../../handlers/local/localServer.js';
import { signWebhook } from '../../handlers/webhook/signature.js';
import { hostedOn, makeDeps } from '../fakes/serviceKit.js';
import { greetingText } from '../handlers/webhook/webhookKit.js';
import { UNREACHABLE_SLACK } from './slackPayloads.js';

const SECRET = 'prod-webhook-secret-0123456789';
const started: LocalServer[] = [];
const folders: string[] = [];

afterEach(async () => {
  for (const server of started.splice(0)) await server.stop();
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
});

/** Versions whose appends never return: the server is killed in the middle of the import. */
function stalled(versions: Versions, reached: () => void): Versions {
  return {
    appendVersion: () => {
      reached();
      return new Promise(() => {});
    },
    getVersion: (env, flowKey, number) => versions.getVersion(env, flowKey, number),
    listVersions: (env, flowKey) => versions.listVersions(env, flowKey),
    getHead: (env, flowKey) => versions.getHead(env, flowKey),
    listHeads: (env) => versions.listHeads(env),
    markPublished: (env, flowKey, version, target) => versions.markPublished(env, flowKey, version, target),
  };
}

async function serve(deps: ServiceDeps, jobsDir: string): Promise<LocalServer> {
  const server = await startLocalServer({
    ...hostedOn(deps),
    slack: UNREACHABLE_SLACK,
    port: 0,
    log: () => {},
    webhookSecrets: (env) => (env === 'prod' ? SECRET : null),
    jobsDir,
  });
  started.push(server);
  return server;
}

/** 21 flows: more than the webhook imports while the request waits, so it answers 202. */
function largeBatch(): Uint8Array {
  const files = Array.from({ length: 21 }, (_, i) => ({
    name: `flow-${i}.json`,
    content: greetingText((flow) => {
      flow.Metadata.name = `Flow ${i}`;
    }),
  }));
  return new TextEncoder().encode(JSON.stringify({ files }));
}

async function post(server: LocalServer, now: Date, body: Uint8Array): Promise<Response> {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  return fetch(`${server.url}/webhooks/flows?env=prod`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-flowgate-timestamp': timestamp,
      'x-flowgate-signature': signWebhook(SECRET, timestamp, body),
    },
    body,
  });
}

/** Polls the status URL as CI does, until it stops answering 202 (or gives up). */
async function settled(server: LocalServer, statusUrl: string): Promise<Response> {
  for (let i = 0; i < 200; i++) {
    const status = await fetch(`${server.url}${statusUrl}`);
    if (status.status !== 202) return status;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return fetch(`${server.url}${statusUrl}`);
}

describe('a 202 webhook import and a server restart', () => {
  it('ends with the report at the status URL when the server was stopped in the middle of the import', async () => {
    const kit = makeDeps({ notify: false });
    const { roles } = kit.deps.config;
    const deps: ServiceDeps = {
      ...kit.deps,
      config: { ...kit.deps.config, roles: { ...roles, editors: [...roles.editors, 'webhook:prod'] } },
    };
    const jobsDir = await mkdtemp(join(tmpdir(), 'flowgate-jobs-'));
    folders.push(jobsDir);
    let reached: () => void = () => {};
    const importing = new Promise<void>((resolve) => {
      reached = resolve;
    });
    const first = await serve({ ...deps, versions: stalled(kit.versions, reached) }, jobsDir);

    const accepted = await post(first, kit.clock.now(), largeBatch());
    expect(accepted.status).toBe(202);
    const { statusUrl } = (await accepted.json()) as { statusUrl: string };
    await importing;
    await first.stop();
    started.splice(started.indexOf(first), 1);
    const second = await serve(deps, jobsDir);
    const status = await settled(second, statusUrl);

    expect(status.status).toBe(200);
    const report = (await status.json()) as WebhookReport;
    expect(report.versions.map((v) => [v.number, v.created])).toEqual(
      Array.from({ length: 21 }, () => [1, true]),
    );
    expect(await kit.versions.listHeads('prod')).toHaveLength(21);
    // The job leaves the journal once its run returns, a moment after its status was written.
    await second.drain();
    expect(await readdir(jobsDir)).toEqual([]);
  });
});
