import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LOCAL_CREDENTIALS, LOCAL_REGION, type LocalStack } from '../../app/compose/local.js';
import { slackClient } from '../../app/compose/slack.js';
import { webhookSecretsFrom } from '../../app/webhookSecrets.js';
import {
  generatedSigningSecret,
  type LocalServer,
  type LocalSlackSettings,
  startLocalServer,
} from '../../handlers/local/localServer.js';
import { type CliIo, UsageError } from '../io.js';
import { openRuntime, type Runtime } from '../runtime.js';

/**
 * `flowgate start [--port N]` (`npm start`): the bot on loopback against the local default (or
 * AWS, as the other store commands), until interrupted. Slack settings come from the environment:
 * SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN, SLACK_API_URL, SLACK_APP_TOKEN (Socket Mode),
 * SLACK_BOT_ID and SLACK_BOT_USER_ID (else asked of Slack once with auth.test). With none of them
 * Slack is off: the webhook, S3 drops and reports are served, and it says how to turn Slack on. Report links are
 * signed with FLOWGATE_REPORT_SECRET (else a secret kept in the data folder) and point at
 * FLOWGATE_PUBLIC_URL when set (a tunnel), else at the server itself.
 */
export async function runStart(
  port: number,
  config: string | null,
  io: CliIo,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  // Slack first: a usage error or an unreachable Slack must not leave the local stack's ports open.
  const slack = await slackSettings(env, io);
  // The S3 drop watcher needs the stack's own event stream: start never attaches to another's.
  const rt = await openRuntime({ as: null, config, attach: false }, io.cwd, env);
  try {
    return await serve(rt, slack, port, io, env);
  } finally {
    await rt.close();
  }
}

async function serve(
  rt: Runtime,
  slack: LocalSlackSettings | null,
  port: number,
  io: CliIo,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  const stack = rt.localStack;
  const server = await startLocalServer({
    backend: rt.backend,
    slack,
    port,
    log: (m, e) => io.stderr(`${m}${e === undefined ? '' : ` ${String(e)}`}\n`),
    webhookSecrets: webhookSecretsFrom(env),
    reportSecret: env.FLOWGATE_REPORT_SECRET ?? keptReportSecret(rt.dataDir),
    jobsDir: join(rt.dataDir, 'jobs'),
    ...(env.FLOWGATE_PUBLIC_URL === undefined ? {} : { publicUrl: env.FLOWGATE_PUBLIC_URL }),
    ...(stack === null ? {} : { bucket: { onS3Event: stack.onS3Event, client: stack.s3Client } }),
  });
  io.stdout(LISTENING[server.slack](server.url));
  if (server.slack === 'off') io.stdout(SLACK_OFF_NOTICE);
  if (stack !== null) io.stdout(dropHint(stack, Object.keys(rt.backend.config.environments)[0] ?? '<env>'));
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.stop();
  return 0;
}

/** The first line `flowgate start` prints, by how Slack is connected. */
const LISTENING: Readonly<Record<LocalServer['slack'], (url: string) => string>> = {
  'socket-mode': (url) =>
    `flowgate is connected to Slack in Socket Mode; webhooks and reports on ${url}. Ctrl-C stops it.\n`,
  http: (url) =>
    `flowgate is listening: POST ${url}/slack/events (Slack request URL), GET ${url}/healthz. Ctrl-C stops it.\n`,
  off: (url) =>
    `flowgate is listening on ${url}: POST /webhooks/flows?env=<env>, reports under /reports/, GET /healthz. Ctrl-C stops it.\n`,
};

/** What runs and what does not with no Slack app configured, and which variables turn Slack on. */
export const SLACK_OFF_NOTICE = [
  'Slack is off: no SLACK_BOT_TOKEN is set. The webhook, S3 drops and reports work; drop reports are written here instead of to Slack.',
  '  To turn Slack on, set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET from your Slack app (Basic Information and OAuth & Permissions),',
  '  and SLACK_APP_TOKEN to join over Socket Mode instead of a public request URL; then restart.',
  '',
].join('\n');

/**
 * How to drop a file into the local bucket (its port changes every run), into `env`: the
 * configuration's first environment, so the example command works as printed.
 */
function dropHint(stack: LocalStack, env: string): string {
  const { accessKeyId, secretAccessKey } = LOCAL_CREDENTIALS;
  return [
    `S3 drops: put flow files under s3://${stack.bucket}/incoming/<env>/ at ${stack.s3Endpoint}, e.g.`,
    `  AWS_ACCESS_KEY_ID=${accessKeyId} AWS_SECRET_ACCESS_KEY=${secretAccessKey} AWS_REGION=${LOCAL_REGION} aws --endpoint-url ${stack.s3Endpoint} s3 cp flow.json s3://${stack.bucket}/incoming/${env}/`,
    '',
  ].join('\n');
}

/**
 * The local server's report-link secret, kept under the data folder (readable by its owner only)
 * so links posted in Slack still open after a restart.
 */
export function keptReportSecret(dataDir: string): string {
  const path = join(dataDir, 'report-secret');
  if (existsSync(path)) {
    const kept = readFileSync(path, 'utf8').trim();
    if (kept.length >= 32) return kept;
  }
  const secret = randomBytes(32).toString('hex');
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(path, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/**
 * The Slack app from the environment, or null (Slack off) when none of its variables is set. Empty
 * values count as unset (`SLACK_BOT_TOKEN=` in an .env file).
 */
async function slackSettings(variables: NodeJS.ProcessEnv, io: CliIo): Promise<LocalSlackSettings | null> {
  const env = Object.fromEntries(
    Object.entries(variables).filter(([name, value]) => !name.startsWith('SLACK_') || value !== ''),
  );
  const configured = ['SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_BOT_ID', 'SLACK_BOT_USER_ID'].some(
    (name) => env[name] !== undefined,
  );
  if (!configured) return null;
  let signingSecret = env.SLACK_SIGNING_SECRET;
  if (signingSecret === undefined || signingSecret === '') {
    signingSecret = generatedSigningSecret();
    io.stderr(
      `SLACK_SIGNING_SECRET is not set: requests must be signed with ${signingSecret} for this run.\n`,
    );
  }
  const botToken = env.SLACK_BOT_TOKEN ?? 'xoxb-local-not-set';
  const apiUrl = env.SLACK_API_URL;
  const appToken = env.SLACK_APP_TOKEN;
  let botId = env.SLACK_BOT_ID;
  let botUserId = env.SLACK_BOT_USER_ID;
  if (botId === undefined || botUserId === undefined) {
    if (env.SLACK_BOT_TOKEN === undefined) {
      throw new UsageError(
        'set SLACK_BOT_TOKEN (and SLACK_SIGNING_SECRET) from your Slack app, or SLACK_BOT_ID and SLACK_BOT_USER_ID with SLACK_API_URL for a fake Slack',
      );
    }
    const auth = await slackClient({ botToken, apiUrl }, 'answering')
      .auth.test()
      .catch((error: unknown) => {
        throw new UsageError(
          `Slack did not answer auth.test for SLACK_BOT_TOKEN (${error instanceof Error ? error.message : String(error)}): check the token and the network, set SLACK_BOT_ID and SLACK_BOT_USER_ID to skip the check, or unset the SLACK_ variables to run with Slack off`,
        );
      });
    botId = botId ?? String(auth.bot_id ?? '');
    botUserId = botUserId ?? String(auth.user_id ?? '');
  }
  return {
    signingSecret,
    botToken,
    botId,
    botUserId,
    ...(apiUrl === undefined ? {} : { apiUrl }),
    ...(appToken === undefined ? {} : { appToken }),
  };
}
