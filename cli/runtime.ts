import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { defaultLocalConfig } from '../adapters/config/defaultLocalConfig.js';
import { loadConfig } from '../adapters/config/loadConfig.js';
import { DynamoVersionStore } from '../adapters/dynamo/DynamoVersionStore.js';
import { LocalContactCenter } from '../adapters/local/LocalContactCenter.js';
import {
  type LocalStack,
  localDynamoClient,
  localS3Client,
  startLocalStack,
} from '../adapters/local/localStack.js';
import { findRunningStack, type RunningStackInfo } from '../adapters/local/stackLock.js';
import { S3FileStore } from '../adapters/s3/S3FileStore.js';
import { connectCenters } from '../app/contactCenters.js';
import type { Actor, FlowgateConfig } from '../core/config.js';
import type { ServiceDeps } from '../core/deps.js';
import type { Clock, ContactCenter } from '../core/ports.js';

/** The use cases' dependencies for one CLI run, and who is acting. */
export interface Runtime {
  readonly deps: ServiceDeps;
  readonly actor: Actor;
  /** `local`: the embedded default under `.flowgate/`; `aws`: DynamoDB and S3 named by FLOWGATE_TABLE and FLOWGATE_BUCKET. */
  readonly mode: 'local' | 'aws';
  /** The embedded local stack (`local` mode), whose bucket `flowgate start` watches for S3 drops. */
  readonly localStack: LocalStack | null;
  /** Where local state lives (`.flowgate/`, or FLOWGATE_HOME), in either mode. */
  readonly dataDir: string;
  close(): Promise<void>;
}

/** What a store command says about where it runs. */
export interface RuntimeOptions {
  /** `--as`: who is acting (default: the OS user). */
  readonly as: string | null;
  /** `--config`: a YAML or JSON file (default: FLOWGATE_CONFIG, else ./flowgate.yml|yaml|json, else the built-in local config). */
  readonly config: string | null;
  /**
   * Whether to use the local stack another process runs on the data folder (`npm start` in
   * another terminal) rather than refuse. Default true; `flowgate start` needs its own stack.
   */
  readonly attach?: boolean;
}

const SYSTEM_CLOCK: Clock = { now: () => new Date() };
const CONFIG_NAMES = ['flowgate.yml', 'flowgate.yaml', 'flowgate.json'];

/**
 * Builds the adapters from configuration, once per run. With no AWS configuration (no
 * FLOWGATE_TABLE), versions live in the embedded local stack (dynalite and s3rver on loopback,
 * data under `.flowgate/`), and `local` environments publish to instances kept as files there.
 */
export async function openRuntime(
  options: RuntimeOptions,
  cwd: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Runtime> {
  const user = options.as ?? userInfo().username;
  const config = await readConfig(options.config ?? env.FLOWGATE_CONFIG ?? null, cwd, user);
  const dataDir = resolve(cwd, env.FLOWGATE_HOME ?? '.flowgate');
  const centers = contactCenters(config, dataDir);
  const actor: Actor = { id: user, groups: [] };
  const table = env.FLOWGATE_TABLE;
  const bucket = env.FLOWGATE_BUCKET;
  if (table !== undefined && bucket !== undefined) {
    const files = new S3FileStore({ client: new S3Client({}), bucket, prefix: 'flowgate/' });
    const store = new DynamoVersionStore({
      client: new DynamoDBClient({}),
      tableName: table,
      files,
      clock: SYSTEM_CLOCK,
    });
    return {
      deps: deps(config, store, files, centers),
      actor,
      mode: 'aws',
      localStack: null,
      dataDir,
      close: async () => {},
    };
  }
  const running = options.attach === false ? null : await findRunningStack(dataDir);
  if (running !== null) return attachedRuntime(running, { config, centers, actor, dataDir });
  const stack = await startLocalStack({ dataDir });
  const files = new S3FileStore({ client: stack.s3Client, bucket: stack.bucket });
  const store = new DynamoVersionStore({
    client: stack.dynamoClient,
    tableName: stack.tableName,
    files,
    clock: SYSTEM_CLOCK,
  });
  return {
    deps: deps(config, store, files, centers),
    actor,
    mode: 'local',
    localStack: stack,
    dataDir,
    close: () => stack.stop(),
  };
}

/** A runtime on the local stack another process runs (the CLI beside `npm start`). */
function attachedRuntime(
  running: RunningStackInfo,
  context: {
    config: FlowgateConfig;
    centers: ServiceDeps['centers'];
    actor: Actor;
    dataDir: string;
  },
): Runtime {
  const dynamoClient = localDynamoClient(running.dynamoEndpoint);
  const s3Client = localS3Client(running.s3Endpoint);
  const files = new S3FileStore({ client: s3Client, bucket: running.bucket });
  const store = new DynamoVersionStore({
    client: dynamoClient,
    tableName: running.tableName,
    files,
    clock: SYSTEM_CLOCK,
  });
  return {
    deps: deps(context.config, store, files, context.centers),
    actor: context.actor,
    mode: 'local',
    localStack: null,
    dataDir: context.dataDir,
    close: async () => {
      dynamoClient.destroy();
      s3Client.destroy();
    },
  };
}

function deps(
  config: FlowgateConfig,
  store: ServiceDeps['store'],
  files: ServiceDeps['files'],
  centers: ServiceDeps['centers'],
): ServiceDeps {
  return { store, files, centers, clock: SYSTEM_CLOCK, newId: randomUUID, config, notifier: null };
}

async function readConfig(path: string | null, cwd: string, user: string): Promise<FlowgateConfig> {
  if (path !== null) return loadConfig(resolve(cwd, path));
  const found = CONFIG_NAMES.map((name) => join(cwd, name)).find((candidate) => existsSync(candidate));
  return found === undefined ? defaultLocalConfig(user) : loadConfig(found);
}

/** The run's contact centers: local instances as files under the data folder, Connect otherwise. */
function contactCenters(config: FlowgateConfig, dataDir: string): (env: string) => ContactCenter {
  return connectCenters(
    config,
    (env, seed) => new LocalContactCenter({ dir: join(dataDir, 'instances', env), seed }),
  )();
}
