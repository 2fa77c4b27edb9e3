import { MemoryAuditLog } from '../fakes/memoryAuditLog.js';
import { MemoryClaims } from '../fakes/memoryClaims.js';
import { MemoryMappings } from '../fakes/memoryMappings.js';
import { MemoryPublishRequests } from '../fakes/memoryPublishRequests.js';
import { MemoryVersions } from '../fakes/memoryVersions.js';
import { describeAuditLogContract } from './auditLog.contract.js';
import { describeClaimsContract } from './claims.contract.js';
import { describeMappingsContract } from './mappings.contract.js';
import { describePublishRequestsContract } from './publishRequests.contract.js';
import { describeVersionsContract } from './versions.contract.js';

describeVersionsContract('MemoryVersions', (clock) => new MemoryVersions(clock));
describePublishRequestsContract('MemoryPublishRequests', (clock) => new MemoryPublishRequests(clock));
describeMappingsContract('MemoryMappings', () => new MemoryMappings());
describeAuditLogContract('MemoryAuditLog', () => new MemoryAuditLog());
describeClaimsContract('MemoryClaims', (clock) => new MemoryClaims(clock));
