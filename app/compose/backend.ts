/**
 * The composition root, the backend a process runs on: its stores, its configuration and the
 * contact centers of its environments, and the use cases' dependencies for one job.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { LazyConnectContactCenter } from '../../adapters/connect/LazyConnectContactCenter.js';
import { connectBudget, RateLimiters } from '../../adapters/connect/rateLimiter.js';
import { LocalContactCenter } from '../../adapters/local/LocalContactCenter.js';
import type { LocalStack } from '../../adapters/local/localStack.js';
import type { RunningStackInfo } from '../../adapters/local/stackLock.js';
import { environmentOf } from '../../core/access.js';
import type { FlowgateConfig } from '../../core/config.js';
import type { ServiceDeps } from '../../core/deps.js';
import { ConfigError } from '../../core/errors.js';
import type { ContactCenter, Notifier } from '../../core/ports.js';
import { lexV2AliasNames } from './lexNames.js';
import { attachedStores, localStackStores, type Stores } from './stores.js';

/** The adapters one process runs on, built once and shared by every job it runs. */
export interface Backend extends Stores {
  readonly config: FlowgateConfig;
  /**
   * A fresh set of contact centers for one job or request, one per environment, so a target's
   * inventory is read once per job and never kept stale; their rate limiters are shared for the
   * life of the process (Connect's limit is per account and Region).
   */
  centersForJob(): (env: string) => ContactCenter;
}

/** The use cases' dependencies for one job: the backend's ports, fresh contact centers and `notifier`. */
export function serviceDeps(backend: Backend, notifier: Notifier | null): ServiceDeps {
  return {
    versions: backend.versions,
    requests: backend.requests,
    mappings: backend.mappings,
    audit: backend.audit,
    claims: backend.claims,
    files: backend.files,
    centers: backend.centersForJob(),
    clock: backend.clock,
    newId: randomUUID,
    config: backend.config,
    notifier,
  };
}

/** Where a backend keeps `local` environments' instances: `<dir>/<env>`, seeded from the configured file. */
export interface LocalInstances {
  readonly dir: string;
}

/**
 * The backend in AWS: `stores` (`awsStores`, or `tableStores`) and Amazon Connect. Local
 * environments are refused unless `local` says where their instances are (the CLI against AWS).
 */
export function awsBackend(
  config: FlowgateConfig,
  stores: Stores,
  local: LocalInstances | null = null,
  limiters: RateLimiters = processRateLimiters(),
): Backend {
  return { ...stores, config, centersForJob: contactCenters(config, local, limiters) };
}

/** The backend on the embedded local stack this process started, local instances under `dataDir`. */
export function localStackBackend(config: FlowgateConfig, stack: LocalStack, dataDir: string): Backend {
  return {
    ...localStackStores(stack),
    config,
    centersForJob: contactCenters(config, localInstancesIn(dataDir)),
  };
}

/** The backend on a local stack another process runs (the CLI beside `npm start`), and how to close it. */
export function attachedBackend(
  config: FlowgateConfig,
  running: RunningStackInfo,
  dataDir: string,
): { readonly backend: Backend; close(): void } {
  const { stores, close } = attachedStores(running);
  return {
    backend: { ...stores, config, centersForJob: contactCenters(config, localInstancesIn(dataDir)) },
    close,
  };
}

/** Local instances kept as files under a data folder (`.flowgate/instances/<env>`). */
export function localInstancesIn(dataDir: string): LocalInstances {
  return { dir: join(dataDir, 'instances') };
}

/**
 * The contact centers of flowgate's environments: call the result once per job for a fresh set,
 * while the rate limiters stay shared per account and Region for the life of the process.
 */
export function contactCenters(
  config: FlowgateConfig,
  local: LocalInstances | null,
  limiters: RateLimiters = processRateLimiters(),
): () => (env: string) => ContactCenter {
  const limiterOf = (arn: string, region: string) => limiters.limiterFor(arn, region);
  return () => {
    const built = new Map<string, ContactCenter>();
    return (name) => {
      const existing = built.get(name);
      if (existing !== undefined) return existing;
      const { target } = environmentOf(config, name);
      let center: ContactCenter;
      if (target.kind === 'local') {
        if (local === null) throw deployedRefusesLocal(name);
        center = new LocalContactCenter({ dir: join(local.dir, name), seed: target.seed });
      } else {
        center = new LazyConnectContactCenter({
          instanceArn: target.instanceArn,
          region: target.region,
          limiter: limiterOf(target.instanceArn, target.region),
          lexNames: lexV2AliasNames(),
        });
      }
      built.set(name, center);
      return center;
    };
  };
}

/**
 * The contact centers the Slack receiver's type-ahead searches: built once per container and
 * their inventory kept five minutes (a picker is typed into in bursts; a new resource shows up
 * within minutes).
 */
export function typeAheadCenters(
  config: FlowgateConfig,
  limiters: RateLimiters = processRateLimiters(),
): (env: string) => ContactCenter {
  const limiterOf = (arn: string, region: string) => limiters.limiterFor(arn, region);
  const centers = new Map<string, ContactCenter>();
  return (name) => {
    const existing = centers.get(name);
    if (existing !== undefined) return existing;
    const { target } = environmentOf(config, name);
    if (target.kind !== 'connect') throw deployedRefusesLocal(name);
    const center = new LazyConnectContactCenter({
      instanceArn: target.instanceArn,
      region: target.region,
      limiter: limiterOf(target.instanceArn, target.region),
      inventoryMaxAgeMs: 5 * 60_000,
      lexNames: lexV2AliasNames(),
    });
    centers.set(name, center);
    return center;
  };
}

/** The process's limiters and the share of Connect's quota they were made with. */
let processLimiters: { readonly share: number; readonly limiters: RateLimiters } | null = null;

/**
 * The rate limiters of this process: one token bucket per account and Region, shared by every
 * contact center the process builds (each job's, the type-ahead's), for the life of the process.
 * `share` is this function's part of Connect's quota (`FLOWGATE_CONNECT_SHARE`; see the README);
 * a process has one share, so asking again with another is a mistake in the composition.
 */
export function processRateLimiters(share = 1): RateLimiters {
  if (processLimiters === null) {
    processLimiters = { share, limiters: new RateLimiters({ budget: connectBudget(share) }) };
  } else if (processLimiters.share !== share) {
    throw new Error(
      `This process already paces Amazon Connect calls at a share of ${processLimiters.share}; it cannot also use ${share}.`,
    );
  }
  return processLimiters.limiters;
}

function deployedRefusesLocal(name: string): ConfigError {
  return new ConfigError(
    `environments.${name}`,
    `Environment ${name} is local; a deployed flowgate publishes to Amazon Connect.`,
  );
}
