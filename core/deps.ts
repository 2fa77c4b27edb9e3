import type { FlowgateConfig } from './config.js';
import type { Clock, ContactCenter, FileStore, Notifier, VersionStore } from './ports.js';

/** Everything a use case may use: ports and configuration, never a client or the environment. */
export interface ServiceDeps {
  readonly store: VersionStore;
  readonly files: FileStore;
  /** The contact center an environment publishes to (and resolves against). */
  readonly centers: (env: string) => ContactCenter;
  readonly clock: Clock;
  /** New unique ids (request ids, audit ids): random in production, a counter in tests. */
  readonly newId: () => string;
  readonly config: FlowgateConfig;
  readonly notifier: Notifier | null;
}
