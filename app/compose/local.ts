/**
 * The composition root, the embedded local default: the local stack (DynamoDB and S3 on
 * loopback, data under `.flowgate/`) a CLI run or `npm start` starts, or attaches to when another
 * process already runs it on the same folder.
 */
import {
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  type LocalStack,
  startLocalStack,
} from '../../adapters/local/localStack.js';
import { findRunningStack } from '../../adapters/local/stackLock.js';
import type { FlowgateConfig } from '../../core/config.js';
import { attachedBackend, type Backend, localStackBackend } from './backend.js';

export type { LocalStack };
/** The local stack's credentials and Region, for people who put files in its bucket with their own tools. */
export { LOCAL_CREDENTIALS, LOCAL_REGION };

/** A backend on the local default, and what is needed to stop it. */
export interface LocalBackend {
  readonly backend: Backend;
  /** The stack this process started (its bucket's events are S3 drops); null when attached to another's. */
  readonly localStack: LocalStack | null;
  close(): Promise<void>;
}

/**
 * The backend on the local stack under `dataDir`: the one another process runs there (the CLI
 * beside `npm start`) when `attach`, else one started here. `npm start` never attaches: it needs
 * the stack's own event stream for S3 drops.
 */
export async function openLocalBackend(
  config: FlowgateConfig,
  dataDir: string,
  attach: boolean,
): Promise<LocalBackend> {
  const running = attach ? await findRunningStack(dataDir) : null;
  if (running !== null) {
    const attached = attachedBackend(config, running, dataDir);
    return { backend: attached.backend, localStack: null, close: async () => attached.close() };
  }
  const stack = await startLocalStack({ dataDir });
  return { backend: localStackBackend(config, stack, dataDir), localStack: stack, close: () => stack.stop() };
}
