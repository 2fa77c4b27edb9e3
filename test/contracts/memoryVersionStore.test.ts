import { MemoryVersionStore } from '../fakes/memoryVersionStore.js';
import { describeVersionStoreContract } from './versionStore.contract.js';

describeVersionStoreContract('MemoryVersionStore', (clock) => new MemoryVersionStore(clock));
