/**
 * `npm run deploy -- --stage prod [--region <r>] [--param bucket=<name>]`: one command for what
 * was two. It first makes sure AWS credentials are there (the default chain: environment, profile,
 * SSO, container or instance role), so a missing login fails in a second and in plain words instead
 * of after packaging; then packages offline (`npm run package`, with the same stage, region and
 * parameters, since the packaged template is theirs) and deploys exactly that package
 * (`serverless deploy --package .serverless`). Other arguments go to both steps unchanged.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { S3Client } from '@aws-sdk/client-s3';

/** What `deploy` runs and where it writes; tests replace them. */
export interface DeployOptions {
  /** The arguments after `npm run deploy --`. */
  readonly argv: readonly string[];
  /** Runs a command in the project folder, its output shown as it comes; returns its exit code. */
  readonly run: (command: string, args: readonly string[]) => number;
  /** Resolves the caller's AWS credentials; rejects when there are none. */
  readonly credentials: () => Promise<unknown>;
  /** Where messages for the person deploying go. */
  readonly write: (text: string) => void;
}

const USAGE =
  'usage: npm run deploy -- --stage <stage> [--region <region>] [--param bucket=<unique bucket name>]';

/** Packages then deploys; resolves to the exit code (1: no credentials or a failed step, 2: usage). */
export async function deploy(options: DeployOptions): Promise<number> {
  const stageAt = options.argv.indexOf('--stage');
  const stage = stageAt === -1 ? undefined : options.argv[stageAt + 1];
  if (stage === undefined || stage.startsWith('-')) {
    options.write(
      `say which stage to deploy (it names the stack, the table and the secret flowgate/<stage>)\n${USAGE}\n`,
    );
    return 2;
  }
  try {
    await options.credentials();
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    options.write(
      `no AWS credentials: cannot deploy stage ${stage} (${why}).\n` +
        'Sign in first, for example `aws sso login --profile <profile>` then `AWS_PROFILE=<profile> npm run deploy -- ' +
        `--stage ${stage}\`, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY. Nothing was packaged or deployed.\n`,
    );
    return 1;
  }
  const require = createRequire(import.meta.url);
  const packaged = options.run(process.execPath, [
    require.resolve('tsx/cli'),
    join('scripts', 'package.ts'),
    ...options.argv,
  ]);
  if (packaged !== 0) {
    options.write(`packaging failed (exit ${packaged}): nothing was deployed to stage ${stage}\n`);
    return 1;
  }
  const deployed = options.run(process.execPath, [
    require.resolve('osls/bin/serverless.js'),
    'deploy',
    '--package',
    '.serverless',
    ...options.argv,
  ]);
  if (deployed !== 0) options.write(`serverless deploy failed (exit ${deployed}) for stage ${stage}\n`);
  return deployed === 0 ? 0 : 1;
}

function runInherited(command: string, args: readonly string[]): number {
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    env: { ...process.env, SLS_TELEMETRY_DISABLED: '1', SLS_NOTIFICATIONS_MODE: 'off' },
  });
  return result.status ?? 1;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // Any client resolves the default credential chain; S3 is already a dependency. The SDK's
  // Node-version notice is about its future releases, not this deployment.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const client = new S3Client({ region: 'us-east-1' });
  process.exitCode = await deploy({
    argv: process.argv.slice(2),
    run: runInherited,
    credentials: () => client.config.credentials(),
    write: (text) => process.stderr.write(text),
  });
}
