import { describe, expect, it } from 'vitest';
import type { ServiceDeps } from '../../../core/deps.js';
import { ConfigError } from '../../../core/errors.js';
import { loadTarget, withMapping } from '../../../core/service/loadTarget.js';
import type { RememberedMapping } from '../../../core/versions/types.js';
import { makeDeps } from '../../fakes/serviceKit.js';

const WELCOME_IN_SHARED = '87b172af-f86f-440c-9c51-708527ffa202';
const PROD_BILLING_QUEUE =
  'arn:aws:connect:us-west-2:444455556666:instance/5e2d7c1b-9a4f-4f3e-8b6d-2c1a0f9e8d77/queue/537e3d26-3043-48f5-b44e-79fb143289d2';

function mapping(env: string, source: string, target: string): RememberedMapping {
  return { env, kind: 'queue', source, target, chosenBy: 'alice', chosenAt: '2026-11-20T09:00:00.000Z' };
}

describe('loadTarget', () => {
  it('is named after the environment and holds its contact center inventory', async () => {
    const { deps } = makeDeps();
    const catalog = await loadTarget(deps, 'prod');
    expect([catalog.data.name, catalog.findByName('queue', 'Sales', null)?.resource.id]).toEqual([
      'prod',
      '58303e88-4f23-42e2-beca-76d5291bb34d',
    ]);
  });

  it('finds a parent resource as inherited when the environment has a parent', async () => {
    const { deps } = makeDeps();
    const catalog = await loadTarget(deps, 'prod');
    expect(catalog.findById('prompt', WELCOME_IN_SHARED)?.inherited).toBe(true);
  });

  it('has no parent layer when the environment has no parent', async () => {
    const { deps } = makeDeps({ prodParent: false });
    const catalog = await loadTarget(deps, 'prod');
    expect([catalog.parent, catalog.findById('prompt', WELCOME_IN_SHARED)]).toEqual([null, null]);
  });

  it('turns remembered mappings into catalog mappings when the store has some', async () => {
    const { deps, mappings } = makeDeps();
    await mappings.putMapping(mapping('prod', 'Support', PROD_BILLING_QUEUE));
    const catalog = await loadTarget(deps, 'prod');
    expect(catalog.findMapping('queue', 'Support')?.resource.name).toBe('Billing');
  });

  it('ignores the mappings of other environments', async () => {
    const { deps, mappings } = makeDeps();
    await mappings.putMapping(mapping('test', 'Support', PROD_BILLING_QUEUE));
    const catalog = await loadTarget(deps, 'prod');
    expect(catalog.findMapping('queue', 'Support')).toBeNull();
  });

  it('reads each inventory once when one cache serves several loads', async () => {
    const { deps, centers } = makeDeps();
    const cache = new Map();
    await Promise.all([
      loadTarget(deps, 'prod', cache),
      loadTarget(deps, 'prod', cache),
      loadTarget(deps, 'shared', cache),
    ]);
    const reads = (env: 'prod' | 'shared') =>
      centers[env].calls.filter((c) => c.method === 'inventory').length;
    expect([reads('prod'), reads('shared')]).toEqual([1, 1]);
  });

  it('rejects with a ConfigError naming the key when parents form a cycle', async () => {
    const { deps } = makeDeps();
    const { environments } = deps.config;
    const shared = environments.shared;
    const prod = environments.prod;
    if (shared === undefined || prod === undefined) throw new Error('kit has no shared or prod');
    const cyclic: ServiceDeps = {
      ...deps,
      config: { ...deps.config, environments: { ...environments, shared: { ...shared, parent: 'prod' } } },
    };
    await expect(loadTarget(cyclic, 'prod')).rejects.toThrow(ConfigError);
    await expect(loadTarget(cyclic, 'prod')).rejects.toMatchObject({ key: 'environments.prod.parent' });
  });

  it('rejects an environment the config does not have', async () => {
    const { deps } = makeDeps();
    await expect(loadTarget(deps, 'staging')).rejects.toMatchObject({ code: 'unknown-environment' });
  });
});

describe('withMapping', () => {
  it('puts the new choice ahead of the others without reading the inventory again', async () => {
    const { deps, center } = makeDeps();
    const catalog = await loadTarget(deps, 'prod');
    const updated = withMapping(catalog, mapping('prod', 'Support', PROD_BILLING_QUEUE));
    expect(updated.findMapping('queue', 'Support')?.resource.name).toBe('Billing');
    expect(updated.parent).toBe(catalog.parent);
    expect(center.calls.filter((c) => c.method === 'inventory')).toHaveLength(1);
  });
});
