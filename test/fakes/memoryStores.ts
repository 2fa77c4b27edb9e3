import type { Clock } from '../../core/ports.js';
import { MemoryAuditLog } from './memoryAuditLog.js';
import { MemoryClaims } from './memoryClaims.js';
import { MemoryMappings } from './memoryMappings.js';
import { MemoryPublishRequests } from './memoryPublishRequests.js';
import { MemoryVersions } from './memoryVersions.js';

/** The five store ports in memory, as `ServiceDeps` names them. */
export interface MemoryStores {
  readonly versions: MemoryVersions;
  readonly requests: MemoryPublishRequests;
  readonly mappings: MemoryMappings;
  readonly audit: MemoryAuditLog;
  readonly claims: MemoryClaims;
}

/** Fresh, empty in-memory stores reading time (expiries, publish times) from `clock`. */
export function memoryStores(clock: Clock): MemoryStores {
  return {
    versions: new MemoryVersions(clock),
    requests: new MemoryPublishRequests(clock),
    mappings: new MemoryMappings(),
    audit: new MemoryAuditLog(),
    claims: new MemoryClaims(clock),
  };
}
