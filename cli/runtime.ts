import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { awsBackend, type Backend, localInstancesIn, serviceDeps } from '../app/compose/backend.js';
import { readConfig } from '../app/compose/config.js';
import { type LocalStack, openLocalBackend } from '../app/compose/local.js';
import { awsStores } from '../app/compose/stores.js';
import type { Actor } from '../core/config.js';
import type { ServiceDeps } from '../core/deps.js';

/** The use cases' dependencies for one CLI run, and who is acting. */
export interface Runtime {
  /** The adapters of this run (what `flowgate start` serves the Lambdas' handlers on). */
  readonly backend: Backend;
  /** The use cases' dependencies: the backend's ports, with no notifier (the CLI prints instead). */
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
  // An empty FLOWGATE_CONFIG (`FLOWGATE_CONFIG=`) means unset, not the current folder.
  const config = await readConfig(options.config ?? (env.FLOWGATE_CONFIG || null), cwd, user);
  const dataDir = resolve(cwd, env.FLOWGATE_HOME ?? '.flowgate');
  const actor: Actor = { id: user, groups: [] };
  const runtime = (backend: Backend, rest: Pick<Runtime, 'mode' | 'localStack' | 'close'>): Runtime => ({
    backend,
    deps: serviceDeps(backend, null),
    actor,
    dataDir,
    ...rest,
  });
  const table = env.FLOWGATE_TABLE;
  const bucket = env.FLOWGATE_BUCKET;
  if (table !== undefined && bucket !== undefined) {
    const backend = awsBackend(config, awsStores({ table, bucket }), localInstancesIn(dataDir));
    return runtime(backend, { mode: 'aws', localStack: null, close: async () => {} });
  }
  const local = await openLocalBackend(config, dataDir, options.attach !== false);
  return runtime(local.backend, { mode: 'local', localStack: local.localStack, close: () => local.close() });
}
