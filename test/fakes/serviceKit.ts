import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Backend } from '../../app/compose/backend.js';
import type { Actor, ApprovalPolicy, EnvironmentConfig, FlowgateConfig } from '../../core/config.js';
import type { ServiceDeps } from '../../core/deps.js';
import type { ContactCenter, Notification, Notifier } from '../../core/ports.js';
import { parseCatalogFile } from '../../core/resolve/catalogFile.js';
import type { CatalogData } from '../../core/resolve/types.js';
import type { ImportFile } from '../../core/service/importFlows.js';
import { counterIds, FixedClock } from './fixedClock.js';
import { MemoryContactCenter } from './memoryContactCenter.js';
import { MemoryFileStore } from './memoryFileStore.js';
import { type MemoryStores, memoryStores } from './memoryStores.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The environments every kit has; `shared` exists only when prod has it as its parent. */
export type KitEnv = 'test' | 'prod' | 'shared';

/** Options of {@link makeDeps}. */
export interface ServiceKitOptions {
  /** When true (the default), prod inherits from a `shared` environment (examples/instances/shared.json). */
  readonly prodParent?: boolean;
  /** Overrides of each environment's approval policy. */
  readonly approval?: Partial<Record<KitEnv, Partial<ApprovalPolicy>>>;
  /** Contact centers to use instead of the seeded ones. */
  readonly centers?: Partial<Record<KitEnv, MemoryContactCenter>>;
  /** The clock's starting time (ISO). */
  readonly now?: string;
  /** When false, `deps.notifier` is null. Default true (a recording notifier). */
  readonly notify?: boolean;
}

/**
 * Service dependencies built from the fakes, with handles on each fake for assertions: the five
 * stores (`versions`, `requests`, `mappings`, `audit`, `claims`) as `ServiceDeps` names them.
 */
export interface ServiceKit extends MemoryStores {
  readonly deps: ServiceDeps;
  readonly files: MemoryFileStore;
  /** The prod contact center (seeded from examples/instances/prod.json). */
  readonly center: MemoryContactCenter;
  /** Every environment's contact center. */
  readonly centers: Readonly<Record<KitEnv, MemoryContactCenter>>;
  readonly clock: FixedClock;
  /** What the recording notifier was told, in order. */
  readonly notifications: Notification[];
}

/** The users of the kit's config: alice edits, bob and carol publish, victor views; mallory has no role. */
export const users = {
  alice: actor('alice'),
  bob: actor('bob'),
  carol: actor('carol'),
  victor: actor('victor'),
  mallory: actor('mallory'),
} as const;

/** An actor with no groups (a CLI `--as` name). */
export function actor(id: string, groups: readonly string[] = []): Actor {
  return { id, groups };
}

/** The default approval policies: prod needs a second person's approval; test publishes freely. */
const DEFAULT_APPROVAL: Readonly<Record<KitEnv, ApprovalPolicy>> = {
  test: {
    required: false,
    allowSelfApproval: true,
    expiresAfterHours: 24,
    autoPublish: true,
    associate: false,
  },
  prod: {
    required: true,
    allowSelfApproval: false,
    expiresAfterHours: 24,
    autoPublish: false,
    associate: false,
  },
  shared: {
    required: true,
    allowSelfApproval: false,
    expiresAfterHours: 24,
    autoPublish: false,
    associate: false,
  },
};

/** The test instance: an empty contact center (nothing to resolve against). */
export const TEST_INSTANCE_ARN =
  'arn:aws:connect:us-east-1:999988887777:instance/11111111-2222-4333-8444-555566667777';

/**
 * ServiceDeps from the in-memory fakes, with a config of environments `test` and `prod` (prod
 * inheriting from `shared` unless `prodParent: false`). prod and shared are seeded from
 * `examples/instances/`; test is empty. Ids are `id-1`, `id-2`, …; the clock stands still.
 */
export function makeDeps(options: ServiceKitOptions = {}): ServiceKit {
  const clock = new FixedClock(options.now);
  const stores = memoryStores(clock);
  const files = new MemoryFileStore();
  const prodParent = options.prodParent ?? true;
  const centers: Record<KitEnv, MemoryContactCenter> = {
    test:
      options.centers?.test ??
      new MemoryContactCenter({ name: 'test', instanceArn: TEST_INSTANCE_ARN, resources: [], mappings: [] }),
    prod: options.centers?.prod ?? new MemoryContactCenter(exampleInstance('prod.json')),
    shared: options.centers?.shared ?? new MemoryContactCenter(exampleInstance('shared.json')),
  };
  const notifications: Notification[] = [];
  const notifier: Notifier = {
    async notify(notification) {
      notifications.push(notification);
    },
  };
  const config = kitConfig(prodParent, centers, options.approval ?? {});
  const deps: ServiceDeps = {
    ...stores,
    files,
    centers: (env) => centerOf(centers, config, env),
    clock,
    newId: counterIds(),
    config,
    notifier: options.notify === false ? null : notifier,
  };
  return { deps, ...stores, files, center: centers.prod, centers, clock, notifications };
}

/** A catalog of `examples/instances/` (without its parent: the config layers that). */
export function exampleInstance(file: string): CatalogData {
  const path = join(root, 'examples', 'instances', file);
  return parseCatalogFile(JSON.parse(readFileSync(path, 'utf8')), path).data;
}

/** The example flow files (`examples/flows/`) as import input: name and bytes. */
export function exampleFlowFiles(): ImportFile[] {
  return ['authenticate-caller.json', 'billing.json', 'main-ivr.json', 'sales-queue-music.json'].map(
    (name) => ({ name, bytes: readFileSync(join(root, 'examples', 'flows', name)) }),
  );
}

/** A JSON value as an import file (two-space indented, as people save flows). */
export function jsonFile(name: string, value: unknown): ImportFile {
  return { name, bytes: new TextEncoder().encode(`${JSON.stringify(value, null, 2)}\n`) };
}

function kitConfig(
  prodParent: boolean,
  centers: Readonly<Record<KitEnv, ContactCenter>>,
  approval: Partial<Record<KitEnv, Partial<ApprovalPolicy>>>,
): FlowgateConfig {
  const env = (name: KitEnv, parent: string | null): EnvironmentConfig => ({
    name,
    target: { kind: 'connect', instanceArn: centers[name].instanceArn, region: 'us-west-2' },
    parent,
    channels: [`C-${name.toUpperCase()}`],
    approval: { ...DEFAULT_APPROVAL[name], ...approval[name] },
  });
  const environments: Record<string, EnvironmentConfig> = {
    test: env('test', null),
    prod: env('prod', prodParent ? 'shared' : null),
  };
  if (prodParent) environments.shared = env('shared', null);
  return {
    environments,
    roles: { viewers: ['victor'], editors: ['alice'], publishers: ['bob', 'carol'] },
  };
}

function centerOf(
  centers: Readonly<Record<KitEnv, MemoryContactCenter>>,
  config: FlowgateConfig,
  env: string,
): MemoryContactCenter {
  if (config.environments[env] === undefined || !(env in centers)) {
    throw new Error(`the service kit has no contact center for '${env}'`);
  }
  return centers[env as KitEnv];
}

/**
 * The kit's ports as the composition root's backend, with its notifier: what `startLocalServer`
 * and the entry points' handler modules run on.
 */
export function hostedOn(deps: ServiceDeps): { backend: Backend; notifier: Notifier | null } {
  return {
    backend: {
      config: deps.config,
      clock: deps.clock,
      versions: deps.versions,
      requests: deps.requests,
      mappings: deps.mappings,
      audit: deps.audit,
      claims: deps.claims,
      files: deps.files,
      centersForJob: () => deps.centers,
    },
    notifier: deps.notifier,
  };
}
