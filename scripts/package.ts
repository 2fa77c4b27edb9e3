/**
 * `npm run package`: the deployment artifacts, offline: every Lambda bundled and zipped, then
 * `serverless package` with placeholder credentials (packaging makes no AWS call: secrets are
 * CloudFormation dynamic references resolved at deploy), then the template's promises checked
 * (templateChecks.ts). CI runs this, so a broken serverless.yml fails the build.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { buildLambdas, shipsPictures } from './buildLambdas.js';
import { shippedProblem } from './shippedCheck.js';
import { templateProblems, templateSchema } from './templateChecks.js';

const root = process.cwd();
const built = await buildLambdas(root);
for (const fn of built) {
  process.stdout.write(`bundled ${fn.name.padEnd(9)} ${(fn.bytes / 1024 / 1024).toFixed(2)} MB\n`);
}
const unshipped = built.filter((fn) => shipsPictures(fn.name)).flatMap((fn) => shippedProblem(fn.zip) ?? []);
for (const problem of unshipped) process.stderr.write(`${problem}\n`);
if (unshipped.length > 0) process.exit(1);
process.stdout.write(
  `pictures drawn from the zips of ${built
    .filter((fn) => shipsPictures(fn.name))
    .map((fn) => fn.name)
    .join(', ')}\n`,
);
const serverless = createRequire(import.meta.url).resolve('osls/bin/serverless.js');
// Arguments (`--stage`, `--region`, `--param`) go to `serverless package`: `npm run deploy` packages
// with the ones it deploys with. Without --stage, FLOWGATE_STAGE or `ci`.
const args = process.argv.slice(2);
const stage = args.includes('--stage') ? [] : ['--stage', process.env.FLOWGATE_STAGE ?? 'ci'];
const result = spawnSync(process.execPath, [serverless, 'package', ...stage, ...args], {
  cwd: root,
  stdio: 'inherit',
  env: {
    ...process.env,
    AWS_ACCESS_KEY_ID: process.env.AWS_ACCESS_KEY_ID ?? 'offline-packaging',
    AWS_SECRET_ACCESS_KEY: process.env.AWS_SECRET_ACCESS_KEY ?? 'offline-packaging',
    SLS_TELEMETRY_DISABLED: '1',
    SLS_NOTIFICATIONS_MODE: 'off',
  },
});
if (result.status !== 0) {
  process.exitCode = result.status ?? 1;
} else {
  const template = templateSchema.parse(
    JSON.parse(readFileSync(join(root, '.serverless', 'cloudformation-template-update-stack.json'), 'utf8')),
  );
  const problems = templateProblems(template);
  for (const problem of problems) process.stderr.write(`serverless.yml: ${problem}\n`);
  process.exitCode = problems.length === 0 ? 0 : 1;
  if (problems.length === 0)
    process.stdout.write(
      'template checked: roles, secrets, alarms, routes, storage, failed drops kept, TLS-only bucket, throttled and logged API\n',
    );
}
