import { MemoryAuditLog } from '../../fakes/memoryAuditLog.js';
import { MemoryVersions } from '../../fakes/memoryVersions.js';
import { faultyAudit, faultyVersions } from '../../fakes/writeFaults.js';
import { describeImportCrashes } from '../../faults/importCrashes.js';

describeImportCrashes('importFlows on the in-memory stores', async (faults, clock) => ({
  versions: faultyVersions(new MemoryVersions(clock), faults),
  audit: faultyAudit(new MemoryAuditLog(), faults),
}));
