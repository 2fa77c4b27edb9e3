import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { LocalContactCenter } from '../../adapters/local/LocalContactCenter.js';
import { describeContactCenterContract } from './contactCenterContract.js';

const roots: string[] = [];

afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

// Seeded the way `flowgate start` seeds it: from a catalog file, into an empty instance folder.
describeContactCenterContract('LocalContactCenter in a temp dir', ({ instanceArn, resources }) => {
  const root = mkdtempSync(join(tmpdir(), 'flowgate-cc-contract-'));
  roots.push(root);
  const seed = join(root, 'seed.json');
  writeFileSync(seed, JSON.stringify({ name: 'contract', instanceArn, resources }));
  return new LocalContactCenter({ dir: join(root, 'instance'), seed });
});
