/**
 * `npm start` on a machine with no Slack app configured (and no network to ask Slack with): the
 * real `bin/flowgate.js start` in a child process, as a newcomer runs it. It must serve the
 * webhook, reports and health check at once, and say that Slack is off and how to turn it on.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { signWebhook } from '../../handlers/webhook/signature.js';

const root = join(import.meta.dirname, '..', '..');
const SECRET = 'prod-webhook-secret-0123456789';
const running: ChildProcess[] = [];

afterEach(() => {
  for (const child of running.splice(0)) if (child.exitCode === null) child.kill('SIGTERM');
});

/** The environment of a shell with no Slack variables at all. */
function withoutSlack(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env))
    if (!name.startsWith('SLACK_') && !name.startsWith('FLOWGATE_')) env[name] = value;
  return { ...env, NO_COLOR: '1', ...extra };
}

/** Starts `flowgate start --port 0` in `cwd`; resolves with its URL once it listens, and everything it printed. */
function start(
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<{ url: string; stdout: () => string; stderr: () => string }> {
  const child = spawn(process.execPath, [join(root, 'bin', 'flowgate.js'), 'start', '--port', '0'], {
    cwd,
    env: withoutSlack({ FLOWGATE_HOME: join(cwd, '.flowgate'), ...env }),
  });
  running.push(child);
  let stdout = '';
  let stderr = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`not listening after 20 s\nstdout: ${stdout}\nstderr: ${stderr}`)),
      20_000,
    );
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const url = /(http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)?.[1];
      if (url !== undefined) {
        clearTimeout(timer);
        resolve({ url, stdout: () => stdout, stderr: () => stderr });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited ${code}\nstdout: ${stdout}\nstderr: ${stderr}`));
    });
  });
}

/** The first line printed that holds `text`, once it is printed (lines follow the URL's shortly). */
async function printedLine(stdout: () => string, text: string): Promise<string> {
  for (let waited = 0; waited < 10_000; waited += 50) {
    const line = stdout()
      .split('\n')
      .find((l) => l.includes(text));
    if (line !== undefined) return line;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return '';
}

function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'flowgate-start-'));
  cpSync(join(root, 'examples'), join(dir, 'examples'), { recursive: true });
  return dir;
}

describe('flowgate start without Slack settings', () => {
  it('serves the health check, the webhook and reports, and says Slack is off and how to turn it on', async () => {
    const dir = scratch();
    const server = await start(dir, { FLOWGATE_WEBHOOK_SECRET_PROD: SECRET });

    const health = await fetch(`${server.url}/healthz`);
    const body = new TextEncoder().encode(
      readFileSync(join(dir, 'examples', 'flows', 'main-ivr.json'), 'utf8'),
    );
    const timestamp = String(Math.floor(Date.now() / 1000));
    const imported = await fetch(`${server.url}/webhooks/flows?env=prod`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-flowgate-timestamp': timestamp,
        'x-flowgate-signature': signWebhook(SECRET, timestamp, body),
      },
      body,
    });
    const answer = (await imported.json()) as { versions: { reportUrl?: string }[] };
    const reportUrl = answer.versions[0]?.reportUrl ?? '';
    const report = await fetch(reportUrl);

    expect(health.status).toBe(200);
    // 200, or 422 when the example flow has errors in prod: either way it is the webhook answering with its report.
    expect([200, 422]).toContain(imported.status);
    expect(reportUrl.startsWith(server.url)).toBe(true);
    expect([report.status, await report.text()]).toEqual([200, expect.stringContaining('Main IVR')]);
    expect(server.stdout() + server.stderr()).toMatch(/Slack is off/);
    expect(server.stdout() + server.stderr()).toContain('SLACK_BOT_TOKEN');
  }, 40_000);

  it('reads an empty FLOWGATE_CONFIG as unset and runs on the built-in local configuration', async () => {
    const dir = scratch();
    const server = await start(dir, { FLOWGATE_CONFIG: '' });

    const health = await fetch(`${server.url}/healthz`);

    expect(health.status).toBe(200);
    expect(server.stderr()).not.toContain('EISDIR');
  }, 40_000);

  it('names an environment of the configuration in its S3 drop hint', async () => {
    const dir = scratch();
    writeFileSync(
      join(dir, 'flowgate.yml'),
      'environments:\n  staging:\n    local:\n      seed: examples/instances/test.json\n  live:\n    local:\n      seed: examples/instances/prod.json\n',
    );
    const server = await start(dir, {});

    const hint = await printedLine(server.stdout, 's3 cp');

    expect(hint).toContain('/incoming/staging/');
    expect(hint).not.toContain('/incoming/test/');
  }, 40_000);
});
