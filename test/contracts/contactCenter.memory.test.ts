import { MemoryContactCenter } from '../fakes/memoryContactCenter.js';
import { describeContactCenterContract } from './contactCenterContract.js';

// Seeded as the service kit seeds it: from a catalog, whose flows and modules the fake holds as published.
describeContactCenterContract('MemoryContactCenter', ({ instanceArn, resources, account }) => {
  const center = new MemoryContactCenter({ name: 'contract', instanceArn, resources, mappings: [] });
  center.addToAccount(...(account ?? []));
  return center;
});
