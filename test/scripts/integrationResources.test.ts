import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

type IntegrationResources = (
  config: unknown,
  file: string,
) => { lexBots: string[]; lexAliases: string[]; lambdaFunctions: string[] };
const { integrationResources } = createRequire(import.meta.url)('../../scripts/integrationResources.cjs') as {
  integrationResources: IntegrationResources;
};

const PROD = 'arn:aws:connect:us-west-2:444455556666:instance/5e2d7c1b-9a4f-4f3e-8b6d-2c1a0f9e8d77';
const EMEA = 'arn:aws:connect:eu-central-1:444455556666:instance/9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';

describe('integrationResources', () => {
  it("gives the Lex V2 bots, aliases and Lambda functions of each instance's account and Region, once", () => {
    const config = {
      environments: {
        test: { local: { seed: 'instances/test.json' } },
        prod: { connect: { instanceArn: PROD, region: 'us-west-2' } },
        'prod-copy': { connect: { instanceArn: PROD, region: 'us-west-2' } },
        emea: { connect: { instanceArn: EMEA, region: 'eu-central-1' } },
      },
    };

    expect(integrationResources(config, 'flowgate.yml')).toEqual({
      lexBots: [
        'arn:aws:lex:us-west-2:444455556666:bot/*',
        'arn:aws:lex:eu-central-1:444455556666:bot/*',
        'arn:aws:lex:us-west-2:444455556666:bot-alias/*/*',
        'arn:aws:lex:eu-central-1:444455556666:bot-alias/*/*',
      ],
      lexAliases: [
        'arn:aws:lex:us-west-2:444455556666:bot-alias/*/*',
        'arn:aws:lex:eu-central-1:444455556666:bot-alias/*/*',
      ],
      lambdaFunctions: [
        'arn:aws:lambda:us-west-2:444455556666:function:*',
        'arn:aws:lambda:eu-central-1:444455556666:function:*',
      ],
    });
  });

  it('refuses a config with no Connect environment, as the Connect resources do', () => {
    expect(() => integrationResources({ environments: { test: { local: {} } } }, 'flowgate.yml')).toThrow(
      'flowgate.yml: no environment has connect.instanceArn',
    );
  });
});
