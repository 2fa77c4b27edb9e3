/**
 * The Slack receiver's figures: acknowledgement latency of signed requests through the real
 * handler (warm), the bundled handler's cold module initialisation in a fresh process, and the
 * bundle's size. Targets: p99 ack < 100 ms, cold init < 200 ms, bundle < 2 MB.
 */
import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AwsLambdaReceiver } from '@slack/bolt';
import { build } from 'esbuild';
import type { Job, JobQueue } from '../core/ports.js';
import { createSlackApp } from '../handlers/slack/app.js';
import { lambdaBuildOptions } from '../scripts/lambdaBuild.js';
import { FixedClock } from '../test/fakes/fixedClock.js';
import { MemoryClaims } from '../test/fakes/memoryClaims.js';
import { makeDeps } from '../test/fakes/serviceKit.js';

const SECRET = 'bench-secret';

/** A queue that only counts: the ack path is what is measured, not the work. */
class CountingQueue implements JobQueue {
  count = 0;
  async enqueue(_job: Job): Promise<void> {
    this.count += 1;
  }
}

function signed(body: string, contentType: string) {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = `v0=${createHmac('sha256', SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return {
    version: '2.0',
    rawPath: '/slack/events',
    rawQueryString: '',
    routeKey: 'POST /slack/events',
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': timestamp,
      'x-slack-signature': signature,
    },
    requestContext: { http: { method: 'POST', path: '/slack/events' } },
    body,
    isBase64Encoded: false,
  };
}

/** p50/p99 of signed slash commands and button clicks through the handler to its 200. */
export async function measureSlackAck(requests = 300): Promise<{ p50: number; p99: number }> {
  const { deps } = makeDeps();
  const receiver = new AwsLambdaReceiver({ signingSecret: SECRET, logLevel: 'error' as never });
  const queue = new CountingQueue();
  createSlackApp({
    token: 'xoxb-bench',
    botId: 'B1',
    botUserId: 'U1',
    receiver,
    slackApiUrl: 'http://127.0.0.1:9/api/',
    ctx: {
      config: deps.config,
      claims: new MemoryClaims(new FixedClock()),
      queue,
      clock: deps.clock,
      log: () => {},
    },
  });
  const handler = receiver.toHandler();
  const times: number[] = [];
  for (let i = 0; i < requests + 20; i++) {
    const body =
      i % 2 === 0
        ? new URLSearchParams({
            command: '/flow',
            text: 'versions Billing --env prod',
            user_id: 'alice',
            channel_id: 'C1',
            team_id: 'T1',
            trigger_id: `t${i}`,
            response_url: 'https://hooks.slack.com/x',
          }).toString()
        : `payload=${encodeURIComponent(JSON.stringify({ type: 'block_actions', user: { id: 'bob' }, team: { id: 'T1' }, channel: { id: 'C1' }, container: { message_ts: '1.1' }, actions: [{ action_id: 'flowgate.approve', action_ts: `${i}.1`, value: '{}', block_id: 'b' }] }))}`;
    const event = signed(body, 'application/x-www-form-urlencoded');
    const start = performance.now();
    const response = await handler(event as never, {});
    if (i >= 20) times.push(performance.now() - start);
    if (response.statusCode !== 200) throw new Error(`the handler answered ${response.statusCode}`);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? Number.NaN;
  return { p50: at(0.5), p99: at(0.99) };
}

/** Bundles the Slack Lambda as it would be deployed; returns its size and its cold module init time. */
export async function measureSlackBundle(root: string): Promise<{ bytes: number; coldInitMs: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'flowgate-bundle-'));
  try {
    const outfile = join(dir, 'slack.mjs');
    await build(lambdaBuildOptions(root, join('handlers', 'slack', 'lambda.ts'), outfile));
    const env = {
      ...process.env,
      AWS_REGION: 'us-west-2',
      AWS_ACCESS_KEY_ID: 'bench',
      AWS_SECRET_ACCESS_KEY: 'bench',
      FLOWGATE_TABLE: 'flowgate',
      FLOWGATE_BUCKET: 'flowgate',
      FLOWGATE_QUEUE_URL: 'https://sqs.us-west-2.amazonaws.com/444455556666/flowgate',
      FLOWGATE_CONFIG: JSON.stringify({
        environments: {
          prod: {
            connect: {
              instanceArn:
                'arn:aws:connect:us-west-2:444455556666:instance/5e2d7c1b-9a4f-4f3e-8b6d-2c1a0f9e8d77',
              region: 'us-west-2',
            },
          },
        },
        roles: { publishers: ['U0BOB'] },
      }),
      SLACK_BOT_TOKEN: 'xoxb-bench',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_BOT_ID: 'B1',
      SLACK_BOT_USER_ID: 'U1',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    };
    const script = `const t = performance.now(); await import(${JSON.stringify(outfile)}); console.log(performance.now() - t);`;
    const runs = [0, 1, 2].map(() =>
      Number(
        execFileSync(process.execPath, ['--input-type=module', '-e', script], { env }).toString().trim(),
      ),
    );
    runs.sort((a, b) => a - b);
    return { bytes: statSync(outfile).size, coldInitMs: runs[1] ?? Number.NaN };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
