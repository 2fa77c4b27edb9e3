import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type DeployOptions, deploy } from '../../scripts/deploy.js';

/** Every place the default credential chain looks, emptied: no keys, no profile files, no IMDS. */
function withoutCredentials(): void {
  for (const name of [
    'AWS_ACCESS_KEY_ID',
    'AWS_SECRET_ACCESS_KEY',
    'AWS_SESSION_TOKEN',
    'AWS_PROFILE',
    'AWS_DEFAULT_PROFILE',
    'AWS_WEB_IDENTITY_TOKEN_FILE',
    'AWS_ROLE_ARN',
    'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
    'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  ])
    vi.stubEnv(name, undefined);
  vi.stubEnv('AWS_CONFIG_FILE', join(tmpdir(), 'flowgate-no-aws-config'));
  vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', join(tmpdir(), 'flowgate-no-aws-credentials'));
  // The last link of the chain asks the EC2 metadata service over the network; off, as off EC2.
  vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
}

function harness(argv: readonly string[], exitCodes: number[] = []) {
  const runs: string[][] = [];
  const written: string[] = [];
  const options: DeployOptions = {
    argv,
    run: (_command, args) => {
      runs.push(
        args.map((arg) =>
          arg.replace(/^.*[\\/](tsx[\\/]dist[\\/]cli\.mjs|osls[\\/]bin[\\/]serverless\.js)$/, '$1'),
        ),
      );
      return exitCodes.shift() ?? 0;
    },
    credentials: () => new S3Client({ region: 'us-east-1' }).config.credentials(),
    write: (text) => written.push(text),
  };
  return { options, runs, written };
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('deploy', () => {
  it('says plainly there are no AWS credentials and runs nothing when none can be found', async () => {
    withoutCredentials();
    const { options, runs, written } = harness(['--stage', 'prod']);

    const code = await deploy(options);

    expect(code).toBe(1);
    expect(runs).toEqual([]);
    expect(written.join('')).toMatch(/^no AWS credentials: cannot deploy stage prod \(/);
    expect(written.join('')).toContain('Nothing was packaged or deployed.');
  });

  it('packages, then deploys that package, with the same stage and parameters', async () => {
    withoutCredentials();
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIAEXAMPLE');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'example');
    const { options, runs } = harness(['--stage', 'prod', '--param', 'bucket=acme-flowgate']);

    expect(await deploy(options)).toBe(0);
    expect(runs).toEqual([
      [
        'tsx/dist/cli.mjs',
        join('scripts', 'package.ts'),
        '--stage',
        'prod',
        '--param',
        'bucket=acme-flowgate',
      ],
      [
        'osls/bin/serverless.js',
        'deploy',
        '--package',
        '.serverless',
        '--stage',
        'prod',
        '--param',
        'bucket=acme-flowgate',
      ],
    ]);
  });

  it('deploys nothing when packaging fails', async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIAEXAMPLE');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'example');
    const { options, runs, written } = harness(['--stage', 'prod'], [1]);

    expect(await deploy(options)).toBe(1);
    expect(runs).toHaveLength(1);
    expect(written).toEqual(['packaging failed (exit 1): nothing was deployed to stage prod\n']);
  });

  it('asks for the stage when none is given', async () => {
    const { options, runs, written } = harness([]);

    expect(await deploy(options)).toBe(2);
    expect(runs).toEqual([]);
    expect(written.join('')).toContain('usage: npm run deploy -- --stage <stage>');
  });
});
