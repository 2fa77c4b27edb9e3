import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConnectClient, DescribeInstanceCommand, ResourceNotFoundException } from '@aws-sdk/client-connect';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, describe, expect, it } from 'vitest';
import { runDoctor } from '../../cli/commands/doctor.js';
import { main } from '../../cli/main.js';
import { captureIo } from './captureIo.js';

const root = join(import.meta.dirname, '..', '..');
const connect = mockClient(ConnectClient);

afterAll(() => {
  connect.restore();
});

/** A folder with the examples (the local default's seeds) and its own data folder. */
function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'flowgate-doctor-'));
  writeFileSync(join(dir, '.keep'), '');
  return dir;
}

const NO_AWS_NO_SLACK: NodeJS.ProcessEnv = {};

describe('flowgate doctor', () => {
  it('checks the local instance and the local stack of a local environment, and exits 0', async () => {
    const dir = scratch();
    const run = captureIo(root);

    const code = await runDoctor({ env: 'prod', json: false, config: null }, run.io, {
      ...NO_AWS_NO_SLACK,
      FLOWGATE_HOME: join(dir, '.flowgate'),
    });

    expect(code).toBe(0);
    expect(run.out()).toMatch(/^ok\s+local instance of prod: readable/m);
    expect(run.out()).toMatch(
      /^ok\s+DynamoDB table \S+ in the local store under \S+: exists and is readable$/m,
    );
    expect(run.out()).toMatch(/^ok\s+S3 bucket \S+ in the local store under \S+: exists and is reachable$/m);
    expect(run.out()).toMatch(
      /^could not check\s+Slack bot token \(SLACK_BOT_TOKEN\): SLACK_BOT_TOKEN is not set/m,
    );
    expect(run.out()).toContain('prod: nothing in the way of publishing (1 could not be checked).');
  }, 30_000);

  it('prints the report as JSON with --json', async () => {
    const dir = scratch();
    const run = captureIo(root);

    await runDoctor({ env: 'test', json: true, config: null }, run.io, {
      FLOWGATE_HOME: join(dir, '.flowgate'),
    });

    const report = JSON.parse(run.out()) as { env: string; ok: boolean; checks: { outcome: string }[] };
    expect([report.env, report.ok, report.checks.map((c) => c.outcome)]).toEqual([
      'test',
      true,
      ['ok', 'ok', 'ok', 'unchecked'],
    ]);
  }, 30_000);

  it('exits 1 with a problem line when the Connect instance does not exist', async () => {
    const dir = scratch();
    const config = join(dir, 'flowgate.yml');
    writeFileSync(
      config,
      [
        'environments:',
        '  prod:',
        '    connect:',
        '      instanceArn: arn:aws:connect:us-west-2:444455556666:instance/5e2d7c1b-9a4f-4f3e-8b6d-2c1a0f9e8d77',
        '      region: us-west-2',
        '',
      ].join('\n'),
    );
    connect
      .on(DescribeInstanceCommand)
      .rejects(
        new ResourceNotFoundException({ message: 'Instance not found', $metadata: { httpStatusCode: 404 } }),
      );
    const run = captureIo(dir);

    const code = await runDoctor({ env: 'prod', json: false, config }, run.io, {
      FLOWGATE_HOME: join(dir, '.flowgate'),
    });

    expect(code).toBe(1);
    expect(run.out()).toMatch(
      /^PROBLEM\s+Amazon Connect instance 5e2d7c1b-9a4f-4f3e-8b6d-2c1a0f9e8d77 in us-west-2: not found/m,
    );
    expect(run.out()).toMatch(/^could not check\s+may call ListQueues: the instance could not be read/m);
    expect(run.out()).toContain('prod: 1 problem to fix before publishing.');
  }, 30_000);

  describe('which table and bucket it checked', () => {
    const PROD = [
      'environments:',
      '  prod:',
      '    connect:',
      '      instanceArn: arn:aws:connect:us-west-2:444455556666:instance/5e2d7c1b-9a4f-4f3e-8b6d-2c1a0f9e8d77',
      '      region: us-west-2',
      '',
    ].join('\n');

    function prodConfig(dir: string): string {
      const config = join(dir, 'flowgate.yml');
      writeFileSync(config, PROD);
      connect.on(DescribeInstanceCommand).rejects(
        new ResourceNotFoundException({
          message: 'Instance not found',
          $metadata: { httpStatusCode: 404 },
        }),
      );
      return config;
    }

    it('says it checked the local store under .flowgate/, not the deployment, when FLOWGATE_TABLE and FLOWGATE_BUCKET are unset', async () => {
      const dir = scratch();
      const config = prodConfig(dir);
      const run = captureIo(dir);

      await runDoctor({ env: 'prod', json: false, config }, run.io, {});

      const note =
        " (the local store: FLOWGATE_TABLE and FLOWGATE_BUCKET are not set, so the deployment's table and bucket were not checked)";
      const lines = run.out().split('\n');
      expect(lines.filter((line) => line.includes('in the local store'))).toEqual([
        expect.stringMatching(
          /^ok\s+DynamoDB table \S+ in the local store under \.flowgate\/: exists and is readable/,
        ),
        expect.stringMatching(
          /^ok\s+S3 bucket \S+ in the local store under \.flowgate\/: exists and is reachable/,
        ),
      ]);
      expect(lines.filter((line) => line.endsWith(note))).toHaveLength(2);
    }, 30_000);

    it('checks neither store, and says why, when only one of FLOWGATE_TABLE and FLOWGATE_BUCKET is set', async () => {
      const dir = scratch();
      const config = prodConfig(dir);
      const run = captureIo(dir);

      await runDoctor({ env: 'prod', json: false, config }, run.io, { FLOWGATE_TABLE: 'flowgate-prod' });

      const message =
        "FLOWGATE_TABLE is set but FLOWGATE_BUCKET is not: set both to check the deployment's table and bucket, or neither to check the local store";
      expect(run.out()).toContain(`DynamoDB table (FLOWGATE_TABLE): ${message}`);
      expect(run.out()).toContain(`S3 bucket (FLOWGATE_BUCKET): ${message}`);
      expect(run.out()).not.toContain('local store under');
    });
  });

  it.each([
    [['doctor'], 'doctor needs --env <env>'],
    [['doctor', '--env', 'nope'], "There is no environment 'nope'"],
  ])('exits 2 for %j', async (argv, message) => {
    const run = captureIo(root);

    const code = await main(argv, run.io);

    expect([code, run.err()]).toEqual([2, expect.stringContaining(message)]);
  });
});
