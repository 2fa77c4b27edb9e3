/**
 * `npm run package`: the deployment artifacts, offline: every Lambda bundled and zipped, then
 * `serverless package` with placeholder credentials (packaging makes no AWS call: secrets are
 * CloudFormation dynamic references resolved at deploy). CI runs this, so a broken
 * serverless.yml fails the build.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { buildLambdas } from './buildLambdas.js';

const root = process.cwd();
for (const fn of await buildLambdas(root)) {
  process.stdout.write(`bundled ${fn.name.padEnd(9)} ${(fn.bytes / 1024 / 1024).toFixed(2)} MB\n`);
}
const serverless = createRequire(import.meta.url).resolve('osls/bin/serverless.js');
const result = spawnSync(
  process.execPath,
  [serverless, 'package', '--stage', process.env.FLOWGATE_STAGE ?? 'ci'],
  {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      AWS_ACCESS_KEY_ID: process.env.AWS_ACCESS_KEY_ID ?? 'offline-packaging',
      AWS_SECRET_ACCESS_KEY: process.env.AWS_SECRET_ACCESS_KEY ?? 'offline-packaging',
      SLS_TELEMETRY_DISABLED: '1',
      SLS_NOTIFICATIONS_MODE: 'off',
    },
  },
);
process.exitCode = result.status ?? 1;
