import { ConnectContactCenter } from '../adapters/connect/ConnectContactCenter.js';
import { createConnectClient } from '../adapters/connect/createConnectClient.js';
import { TokenBucketRateLimiter } from '../adapters/connect/rateLimiter.js';
import { environmentOf } from '../core/access.js';
import type { FlowgateConfig } from '../core/config.js';
import { ConfigError } from '../core/errors.js';
import type { ContactCenter } from '../core/ports.js';

/** Builds the contact center of a `local` environment (the CLI's embedded default). */
export type LocalCenterFactory = (env: string, seed: string | null) => ContactCenter;

/**
 * The contact centers of flowgate's environments (the Lambdas, and the CLI for one run): call the
 * result once per invocation for a fresh set of centers (one per environment, so an inventory is
 * read once per job), while the rate limiter stays shared per account and Region for the life of
 * the process. A `local` environment needs `local`; a deployed flowgate has none and refuses them.
 */
export function connectCenters(
  config: FlowgateConfig,
  local: LocalCenterFactory | null = null,
): () => (env: string) => ContactCenter {
  const limiters = new Map<string, TokenBucketRateLimiter>();
  return () => {
    const built = new Map<string, ContactCenter>();
    return (name) => {
      const existing = built.get(name);
      if (existing !== undefined) return existing;
      const { target } = environmentOf(config, name);
      if (target.kind === 'local') {
        if (local === null) {
          throw new ConfigError(
            `environments.${name}`,
            `Environment ${name} is local; a deployed flowgate publishes to Amazon Connect.`,
          );
        }
        const center = local(name, target.seed);
        built.set(name, center);
        return center;
      }
      const key = `${target.instanceArn.split(':')[4] ?? ''}/${target.region}`;
      const limiter = limiters.get(key) ?? new TokenBucketRateLimiter();
      limiters.set(key, limiter);
      const center = new ConnectContactCenter({
        client: createConnectClient(target.region),
        instanceArn: target.instanceArn,
        limiter,
      });
      built.set(name, center);
      return center;
    };
  };
}
