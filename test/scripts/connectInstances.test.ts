import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

type ConnectResources = (config: unknown, file: string) => string[];
const { connectResources } = createRequire(import.meta.url)('../../scripts/connectInstances.cjs') as {
  connectResources: ConnectResources;
};

const PROD = 'arn:aws:connect:us-west-2:444455556666:instance/5e2d7c1b-9a4f-4f3e-8b6d-2c1a0f9e8d77';

describe('connectResources', () => {
  it('gives each configured instance and everything in it, once, when environments share one', () => {
    const config = {
      environments: {
        test: { local: { seed: 'instances/test.json' } },
        prod: { connect: { instanceArn: PROD, region: 'us-west-2' } },
        'prod-tenant': { connect: { instanceArn: PROD, region: 'us-west-2' }, parent: 'prod' },
      },
    };

    expect(connectResources(config, 'flowgate.yml')).toEqual([PROD, `${PROD}/*`]);
  });

  it('names the file and the environment when an instance ARN is not one', () => {
    const config = { environments: { prod: { connect: { instanceArn: 'arn:aws:connect:*:*:*' } } } };

    expect(() => connectResources(config, 'flowgate.yml')).toThrow(
      'flowgate.yml: environment prod: connect.instanceArn "arn:aws:connect:*:*:*" is not an instance ARN',
    );
  });

  it('refuses a config with no Connect environment', () => {
    expect(() => connectResources({ environments: { test: { local: {} } } }, 'flowgate.yml')).toThrow(
      'flowgate.yml: no environment has connect.instanceArn',
    );
  });
});
