import { describe, expect, it } from 'vitest';
import { webhookSecretsFrom, webhookSecretVariable } from '../../app/webhookSecrets.js';
import { ConfigError } from '../../core/errors.js';

describe('webhookSecretVariable', () => {
  it.each([
    ['prod', 'FLOWGATE_WEBHOOK_SECRET_PROD'],
    ['eu-tenant.2', 'FLOWGATE_WEBHOOK_SECRET_EU_TENANT_2'],
  ])('names %s as %s', (env, variable) => {
    expect(webhookSecretVariable(env)).toBe(variable);
  });
});

describe('webhookSecretsFrom', () => {
  it('gives the secret of an environment when its variable is set', () => {
    const secretOf = webhookSecretsFrom({ FLOWGATE_WEBHOOK_SECRET_PROD: 'prod-secret-0123456789' });

    expect(secretOf('prod')).toBe('prod-secret-0123456789');
  });

  it('gives null when the environment has no variable', () => {
    const secretOf = webhookSecretsFrom({ FLOWGATE_WEBHOOK_SECRET_PROD: 'prod-secret-0123456789' });

    expect(secretOf('test')).toBeNull();
  });

  it('throws ConfigError naming the variable when a secret is too short', () => {
    expect(() => webhookSecretsFrom({ FLOWGATE_WEBHOOK_SECRET_TEST: 'hunter2' })).toThrow(ConfigError);
  });
});
