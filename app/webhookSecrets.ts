import { environmentVariableSuffix } from '../core/configSchema.js';
import { ConfigError } from '../core/errors.js';

const PREFIX = 'FLOWGATE_WEBHOOK_SECRET_';
/** Shorter secrets are refused: an HMAC key is only as strong as it is long. */
export const MIN_SECRET_LENGTH = 16;

/** The variable that holds an environment's webhook secret: `prod` → `FLOWGATE_WEBHOOK_SECRET_PROD`. */
export function webhookSecretVariable(env: string): string {
  return `${PREFIX}${environmentVariableSuffix(env)}`;
}

/**
 * Each environment's webhook secret from the process environment (`FLOWGATE_WEBHOOK_SECRET_<ENV>`,
 * resolved from SSM or Secrets Manager at deploy), read once; never from the config file. An
 * environment without one takes no webhooks. Throws `ConfigError` naming a secret that is too short.
 */
export function webhookSecretsFrom(variables: NodeJS.ProcessEnv): (env: string) => string | null {
  for (const [name, value] of Object.entries(variables)) {
    if (name.startsWith(PREFIX) && value !== undefined && value.length < MIN_SECRET_LENGTH)
      throw new ConfigError(
        name,
        `${name} is ${value.length} characters; a webhook secret needs ${MIN_SECRET_LENGTH} or more (try \`openssl rand -hex 32\`).`,
      );
  }
  const secrets = new Map(
    Object.entries(variables).filter(
      (entry): entry is [string, string] => entry[0].startsWith(PREFIX) && entry[1] !== undefined,
    ),
  );
  return (env) => secrets.get(webhookSecretVariable(env)) ?? null;
}
