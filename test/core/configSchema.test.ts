import { describe, expect, it } from 'vitest';
import { DEFAULT_APPROVAL, parseConfig } from '../../core/configSchema.js';
import { ConfigError } from '../../core/errors.js';
import { loadFixture } from '../fixtures.js';

type Json = Record<string, unknown>;

interface ConfigJson {
  environments: Record<string, Json>;
  roles?: Json;
  [key: string]: unknown;
}

const PROD_ARN = 'arn:aws:connect:eu-west-1:210987654321:instance/0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0';

function goodConfig(): ConfigJson {
  return loadFixture<ConfigJson>('config/flowgate.json');
}

/** The good config with one environment's settings replaced by `change` (a key set to undefined is removed). */
function withEnvironment(name: string, change: Json): ConfigJson {
  const json = goodConfig();
  const merged: Json = { ...json.environments[name], ...change };
  for (const [key, value] of Object.entries(change)) if (value === undefined) delete merged[key];
  json.environments[name] = merged;
  return json;
}

/** The ConfigError thrown for `json`, or a failure when none is. */
function errorFor(json: unknown): ConfigError {
  try {
    parseConfig(json, 'flowgate.yml');
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('parseConfig', () => {
  it('returns every environment with its target when given a valid file', () => {
    const config = parseConfig(goodConfig(), 'flowgate.yml');

    expect(Object.keys(config.environments)).toEqual(['test', 'prod', 'tenant-b']);
    expect(config.environments.test?.target).toEqual({ kind: 'local', seed: 'instances/test.json' });
    expect(config.environments.prod?.target).toEqual({
      kind: 'connect',
      instanceArn: PROD_ARN,
      region: 'eu-west-1',
    });
  });

  it('returns the parent, channels and roles as written when they are given', () => {
    const config = parseConfig(goodConfig(), 'flowgate.yml');

    expect(config.environments['tenant-b']?.parent).toBe('prod');
    expect(config.environments['tenant-b']?.channels).toEqual(['C07TENANTB', 'G01TENANTB']);
    expect(config.roles).toEqual({
      viewers: ['S02SUPPORT'],
      editors: ['U01DANA', 'S03FLOWDEVS'],
      publishers: ['U04SAM'],
    });
  });

  it('fills the default approval policy when an environment has none', () => {
    const config = parseConfig(goodConfig(), 'flowgate.yml');

    expect(config.environments['tenant-b']?.approval).toEqual({
      required: true,
      allowSelfApproval: false,
      expiresAfterHours: 24,
      autoPublish: false,
      associate: false,
    });
  });

  it('lets an environment allow approved publishes to associate functions and bots', () => {
    const config = parseConfig(withEnvironment('prod', { approval: { associate: true } }), 'flowgate.yml');

    expect(config.environments.prod?.approval.associate).toBe(true);
  });

  it('refuses an associate setting that is not true or false, naming it', () => {
    const error = errorFor(withEnvironment('prod', { approval: { associate: 'yes' } }));

    expect(error.key).toBe('environments.prod.approval.associate');
    expect(error.message).toContain(
      'environments.prod.approval.associate: expected true or false, got a string',
    );
  });

  it('fills only the missing approval settings when some are given', () => {
    const config = parseConfig(goodConfig(), 'flowgate.yml');

    expect(config.environments.prod?.approval).toEqual({
      ...DEFAULT_APPROVAL,
      expiresAfterHours: 6,
      autoPublish: true,
    });
  });

  it('returns no parent, no channels and empty roles when the file leaves them out', () => {
    const config = parseConfig({ environments: { dev: { local: {} } } }, 'flowgate.yml');

    expect(config.environments.dev).toEqual({
      name: 'dev',
      target: { kind: 'local', seed: null },
      parent: null,
      channels: [],
      approval: DEFAULT_APPROVAL,
    });
    expect(config.roles).toEqual({ viewers: [], editors: [], publishers: [] });
  });

  it('reads empty YAML settings (null) as absent', () => {
    const config = parseConfig(
      { environments: { dev: { local: null, approval: null, channels: null } }, roles: null },
      'flowgate.yml',
    );

    expect(config.environments.dev?.target).toEqual({ kind: 'local', seed: null });
    expect(config.environments.dev?.approval).toEqual(DEFAULT_APPROVAL);
  });

  it('lists a channel once when one environment repeats it', () => {
    const json = withEnvironment('prod', { channels: ['C07FLOWPROD', 'C07FLOWPROD'] });

    expect(parseConfig(json, 'flowgate.yml').environments.prod?.channels).toEqual(['C07FLOWPROD']);
  });

  it('finds no environment for names inherited by every object when they are not configured', () => {
    const config = parseConfig(goodConfig(), 'flowgate.yml');

    expect(config.environments.constructor).toBeUndefined();
    expect(config.environments.toString).toBeUndefined();
  });

  describe('shape errors', () => {
    it('names the key and the expected type when a value has the wrong type', () => {
      const error = errorFor(withEnvironment('prod', { connect: { instanceArn: PROD_ARN, region: 3 } }));

      expect(error.key).toBe('environments.prod.connect.region');
      expect(error.message).toContain('environments.prod.connect.region: expected a string, got a number');
    });

    it('names the file the configuration came from', () => {
      const error = errorFor(withEnvironment('prod', { connect: { instanceArn: PROD_ARN } }));

      expect(error.message).toMatch(/^flowgate\.yml: /);
      expect(error.message).toContain('environments.prod.connect.region: is required (a string)');
    });

    it('names a misspelt key and the keys allowed there', () => {
      const error = errorFor(withEnvironment('prod', { aproval: { required: true } }));

      expect(error.key).toBe('environments.prod.aproval');
      expect(error.message).toContain(
        'unknown key (expected one of: connect, local, parent, channels, approval)',
      );
    });

    it('refuses an expiry that is not a positive number of hours', () => {
      const error = errorFor(withEnvironment('prod', { approval: { expiresAfterHours: 0 } }));

      expect(error.key).toBe('environments.prod.approval.expiresAfterHours');
      expect(error.message).toContain('must be more than 0');
    });

    it('refuses a file without environments', () => {
      const error = errorFor({ roles: {} });

      expect(error.key).toBe('environments');
    });

    it('refuses a file that is not an object', () => {
      const error = errorFor(['prod']);

      expect(error.key).toBeNull();
      expect(error.message).toContain('(root): expected an object, got a list');
    });

    it('refuses an empty list of environments', () => {
      const error = errorFor({ environments: {} });

      expect(error.key).toBe('environments');
      expect(error.message).toContain('name at least one environment');
    });
  });

  describe('content errors', () => {
    it('refuses an environment name that cannot be used in keys', () => {
      const json = goodConfig();
      json.environments['prod#2'] = { local: {} };

      const error = errorFor(json);

      expect(error.key).toBe('environments["prod#2"]');
    });

    it('refuses an environment with no target', () => {
      const error = errorFor(withEnvironment('test', { local: undefined }));

      expect(error.key).toBe('environments.test');
      expect(error.message).toContain('needs a target');
    });

    it('refuses an environment with both targets', () => {
      const error = errorFor(withEnvironment('prod', { local: {} }));

      expect(error.key).toBe('environments.prod');
      expect(error.message).toContain('has both connect and local');
    });

    it('refuses an instance ARN that is not a Connect instance', () => {
      const queueArn = `${PROD_ARN}/queue/58303e88-4f23-42e2-beca-76d5291bb34d`;

      const error = errorFor(
        withEnvironment('prod', { connect: { instanceArn: queueArn, region: 'eu-west-1' } }),
      );

      expect(error.key).toBe('environments.prod.connect.instanceArn');
      expect(error.message).toContain('expected an Amazon Connect instance ARN');
    });

    it('refuses a region that is not the instance ARN region', () => {
      const error = errorFor(
        withEnvironment('prod', { connect: { instanceArn: PROD_ARN, region: 'us-east-1' } }),
      );

      expect(error.key).toBe('environments.prod.connect.region');
      expect(error.message).toContain('the instance ARN is in eu-west-1');
    });

    it('refuses a region that is not an AWS Region name', () => {
      const error = errorFor(
        withEnvironment('prod', { connect: { instanceArn: PROD_ARN, region: 'Ireland' } }),
      );

      expect(error.key).toBe('environments.prod.connect.region');
      expect(error.message).toContain('expected an AWS Region');
    });

    it('refuses a parent that is not an environment', () => {
      const error = errorFor(withEnvironment('tenant-b', { parent: 'production' }));

      expect(error.key).toBe('environments["tenant-b"].parent');
      expect(error.message).toContain("there is no environment 'production' (known: test, prod, tenant-b)");
    });

    it('refuses an environment that is its own parent', () => {
      const error = errorFor(withEnvironment('prod', { parent: 'prod' }));

      expect(error.key).toBe('environments.prod.parent');
    });

    it('refuses parents that loop, naming the loop once', () => {
      const json = withEnvironment('prod', { parent: 'tenant-b' });

      const error = errorFor(json);

      expect(error.key).toBe('environments.prod.parent');
      expect(error.message).toContain('parents loop: prod → tenant-b → prod');
      expect(error.message.match(/parents loop/g)).toHaveLength(1);
    });

    it('refuses a channel bound to two environments, naming both', () => {
      const error = errorFor(withEnvironment('test', { channels: ['C07TENANTB'] }));

      expect(error.key).toBe('environments["tenant-b"].channels[0]');
      expect(error.message).toContain('channel C07TENANTB is already bound to test');
    });

    it.each([
      ['eu-1', 'eu_1', 'EU_1'],
      ['prod', 'PROD', 'PROD'],
    ])(
      'refuses %s and %s, which would share the webhook secret variable, naming both',
      (first, second, suffix) => {
        const json = goodConfig();
        json.environments[first] = { local: {} };
        json.environments[second] = { local: {} };

        const error = errorFor(json);

        expect(error.key).toBe(`environments.${second}`);
        expect(error.message).toContain(`'${second}' and '${first}' differ only in case or "-"/"_"`);
        expect(error.message).toContain(`FLOWGATE_WEBHOOK_SECRET_${suffix}`);
      },
    );

    it('refuses a channel name where a channel id belongs', () => {
      const error = errorFor(withEnvironment('prod', { channels: ['#flows-prod'] }));

      expect(error.key).toBe('environments.prod.channels[0]');
      expect(error.message).toContain('is not a Slack channel id');
    });
  });

  describe('secrets', () => {
    it.each([
      ['signingSecret', ['roles'], 'signingSecret'],
      ['botToken', ['environments', 'prod'], 'botToken'],
      ['slack_app_token', [], 'slack_app_token'],
      ['password', ['environments', 'prod', 'connect'], 'password'],
      ['awsAccessKeyId', [], 'awsAccessKeyId'],
    ])('refuses a key named %s, saying to use environment variables', (key, where, expectedLast) => {
      const json = goodConfig();
      let node: Json = json;
      for (const step of where) node = node[step] as Json;
      node[key] = 'abc';

      const error = errorFor(json);

      expect(error.key).toBe([...where, expectedLast].join('.'));
      expect(error.message).toContain('environment variables');
    });

    it.each([
      ['a Slack token', 'xoxb-1234-5678-abcdef'],
      ['a Slack app-level token', 'xapp-1-A0123-456-abcdef'],
      ['an AWS access key id', 'AKIAIOSFODNN7EXAMPLE'],
    ])('refuses %s as a value under any key, without repeating it', (what, value) => {
      const json = goodConfig();
      json.roles = { editors: ['U01DANA', value] };

      const error = errorFor(json);

      expect(error.key).toBe('roles.editors[1]');
      expect(error.message).toContain(`looks like ${what};`);
      expect(error.message).not.toContain(value);
    });

    it('accepts an environment whose name contains a secret-like word', () => {
      const json = goodConfig();
      json.environments['token-service'] = { local: {} };

      expect(Object.keys(parseConfig(json, 'flowgate.yml').environments)).toContain('token-service');
    });
  });

  describe('renames', () => {
    function withRenames(renames: unknown): ConfigJson {
      return { ...goodConfig(), renames };
    }
    const rules = [{ kind: 'lambda', from: 'dev-*', to: 'prod-*' }];

    it('reads the rules of each pair of environments in order', () => {
      const config = parseConfig(withRenames([{ from: 'test', to: 'prod', rules }]), 'flowgate.yml');

      expect(config.renames).toEqual([{ from: 'test', to: 'prod', rules }]);
    });

    it('has no renames when the file has none', () => {
      expect(parseConfig(goodConfig(), 'flowgate.yml').renames).toEqual([]);
    });

    it('refuses a rule whose glob and replacement differ in wildcards, with the fix', () => {
      const json = withRenames([
        { from: 'test', to: 'prod', rules: [{ kind: 'lambda', from: 'dev-*', to: 'prod' }] },
      ]);

      const error = errorFor(json);

      expect(error.key).toBe('renames[0].rules[0]');
      expect(error.message).toContain(`from 'dev-*' has 1 "*" but to 'prod' has no "*"`);
      expect(error.message).toContain(`give both the same number (from: 'dev-*', to: 'prod-*')`);
    });

    it('refuses a pair naming an environment the file does not have', () => {
      const error = errorFor(withRenames([{ from: 'staging', to: 'prod', rules }]));

      expect(error.key).toBe('renames[0].from');
      expect(error.message).toContain(`there is no environment 'staging' (known: test, prod, tenant-b)`);
    });

    it('refuses a second list of rules for the same pair', () => {
      const error = errorFor(
        withRenames([
          { from: 'test', to: 'prod', rules },
          { from: 'test', to: 'prod', rules },
        ]),
      );

      expect(error.key).toBe('renames[1]');
      expect(error.message).toContain('test → prod already has rules at renames[0]');
    });

    it('names the kinds a rule may have', () => {
      const error = errorFor(
        withRenames([{ from: 'test', to: 'prod', rules: [{ kind: 'bot', from: '*', to: '*' }] }]),
      );

      expect(error.key).toBe('renames[0].rules[0].kind');
      expect(error.message).toContain('expected one of: queue, user, prompt, lambda');
    });

    it('names the keys a rule may have', () => {
      const error = errorFor(
        withRenames([{ from: 'test', to: 'prod', rules: [{ kind: 'queue', from: '*', into: '*' }] }]),
      );

      expect(error.message).toContain(
        'renames[0].rules[0].into: unknown key (expected one of: kind, from, to)',
      );
    });
  });
});
