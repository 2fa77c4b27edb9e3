import type { FlowgateConfig } from './config.js';
import type {
  AuditLog,
  Claims,
  Clock,
  ContactCenter,
  FileStore,
  Mappings,
  Notifier,
  PublishRequests,
  Versions,
} from './ports.js';

/** Everything a use case may use: ports and configuration, never a client or the environment. */
export interface ServiceDeps {
  /** Flow versions and heads. */
  readonly versions: Versions;
  /** Publish requests and their states. */
  readonly requests: PublishRequests;
  /** Remembered replacement choices. */
  readonly mappings: Mappings;
  /** The audit trail. */
  readonly audit: AuditLog;
  /** Idempotency keys and leases. */
  readonly claims: Claims;
  readonly files: FileStore;
  /** The contact center an environment publishes to (and resolves against). */
  readonly centers: (env: string) => ContactCenter;
  readonly clock: Clock;
  /** New unique ids (request ids, audit ids): random in production, a counter in tests. */
  readonly newId: () => string;
  readonly config: FlowgateConfig;
  readonly notifier: Notifier | null;
}
