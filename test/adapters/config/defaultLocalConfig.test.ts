import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultLocalConfig } from '../../../adapters/config/defaultLocalConfig.js';
import { hasRole } from '../../../core/access.js';
import { parseCatalogFile } from '../../../core/resolve/catalogFile.js';

describe('defaultLocalConfig', () => {
  it('has test and prod environments on local targets', () => {
    const config = defaultLocalConfig('dana');

    expect(Object.keys(config.environments)).toEqual(['test', 'prod']);
    expect(config.environments.test?.target.kind).toBe('local');
    expect(config.environments.prod?.target.kind).toBe('local');
  });

  it('seeds each environment from a catalog in examples/instances that exists', () => {
    const config = defaultLocalConfig('dana');

    const seeds = Object.values(config.environments).map((env) =>
      env.target.kind === 'local' ? env.target.seed : null,
    );

    expect(seeds.map((seed) => seed?.replace(/\\/g, '/').split('/').slice(-3).join('/'))).toEqual([
      'examples/instances/test.json',
      'examples/instances/prod.json',
    ]);
    for (const seed of seeds) expect(seed !== null && existsSync(seed)).toBe(true);
  });

  it('seeds from the given folder when one is given', () => {
    const config = defaultLocalConfig('dana', { instancesDir: '/srv/catalogs' });

    expect(config.environments.prod?.target).toEqual({ kind: 'local', seed: '/srv/catalogs/prod.json' });
  });

  it('lets the local user and the reviewer publish', () => {
    const config = defaultLocalConfig('dana');

    expect(hasRole(config, { id: 'dana', groups: [] }, 'publisher')).toBe(true);
    expect(hasRole(config, { id: 'reviewer', groups: [] }, 'publisher')).toBe(true);
    expect(hasRole(config, { id: 'mallory', groups: [] }, 'viewer')).toBe(false);
  });

  it('requires approval by someone other than the requester', () => {
    const config = defaultLocalConfig('dana');

    for (const env of Object.values(config.environments)) {
      expect(env.approval).toMatchObject({ required: true, allowSelfApproval: false });
    }
  });

  it('lists the user once when the user is the reviewer', () => {
    const config = defaultLocalConfig('reviewer');

    expect(config.roles.publishers).toEqual(['reviewer']);
  });
});

describe('examples/instances/test.json', () => {
  it('is a valid catalog for the test environment', () => {
    const seed = defaultLocalConfig('dana').environments.test?.target;
    if (seed?.kind !== 'local' || seed.seed === null) throw new Error('expected a local seed');

    const { data } = parseCatalogFile(JSON.parse(readFileSync(seed.seed, 'utf8')), 'test.json');

    expect(data.name).toBe('test');
    expect(data.resources.length).toBeGreaterThan(0);
  });
});
