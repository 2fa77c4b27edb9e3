import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig, parseConfigText } from '../../../adapters/config/loadConfig.js';
import { ConfigError } from '../../../core/errors.js';
import { fixturePath, loadFixtureText } from '../../fixtures.js';

const scratch = mkdtempSync(join(tmpdir(), 'flowgate-config-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The ConfigError `promise` rejects with, or a failure when it resolves. */
async function rejection(promise: Promise<unknown>): Promise<ConfigError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

function configFixture(name: string): string {
  return fixturePath(`config/${name}`);
}

describe('loadConfig', () => {
  it('reads a YAML file into environments and roles', async () => {
    const config = await loadConfig(configFixture('flowgate.yml'));

    expect(Object.keys(config.environments)).toEqual(['test', 'prod']);
    expect(config.environments.prod?.approval.expiresAfterHours).toBe(6);
    expect(config.roles.publishers).toEqual(['U04SAM']);
  });

  it('reads the documented example, examples/flowgate.yml', async () => {
    const config = await loadConfig(
      fileURLToPath(new URL('../../../examples/flowgate.yml', import.meta.url)),
    );

    expect(config.environments['prod-emea-tenant']?.parent).toBe('prod');
  });

  it('reads a JSON file into environments and roles', async () => {
    const config = await loadConfig(configFixture('flowgate.json'));

    expect(Object.keys(config.environments)).toEqual(['test', 'prod', 'tenant-b']);
    expect(config.environments['tenant-b']?.parent).toBe('prod');
  });

  it("resolves a local seed against the config file's folder", async () => {
    const config = await loadConfig(configFixture('flowgate.yml'));

    expect(config.environments.test?.target).toEqual({
      kind: 'local',
      seed: fixturePath('config/instances/test.json'),
    });
  });

  it('names the file, line and column when the YAML does not parse', async () => {
    const file = configFixture('bad-syntax.yml');

    const error = await rejection(loadConfig(file));

    expect(error.message).toMatch(new RegExp(`^${escapeRegExp(file)}:6:1: `));
  });

  it('names the file, line and column when the JSON does not parse', async () => {
    const file = configFixture('bad-syntax.json');

    const error = await rejection(loadConfig(file));

    expect(error.message).toBe(`${file}:4:3: invalid JSON, unexpected "}"`);
  });

  it('refuses a YAML file that names an environment twice', async () => {
    const file = configFixture('duplicate-key.yml');

    const error = await rejection(loadConfig(file));

    expect(error.message).toMatch(new RegExp(`^${escapeRegExp(file)}:4:3: Map keys must be unique`));
  });

  it('names the file and the key when a setting is wrong', async () => {
    const file = configFixture('bad-region.yml');

    const error = await rejection(loadConfig(file));

    expect(error.key).toBe('environments.prod.connect.region');
    expect(error.message).toContain(`${file}: environments.prod.connect.region: expected a string`);
  });

  it('says the file is missing when there is none', async () => {
    const file = join(scratch, 'absent.yml');

    const error = await rejection(loadConfig(file));

    expect(error.message).toBe(`${file}: cannot read the config file (no such file)`);
  });

  it('says the file is empty when it holds only comments', async () => {
    const file = join(scratch, 'empty.yml');
    writeFileSync(file, '# nothing yet\n');

    const error = await rejection(loadConfig(file));

    expect(error.message).toContain('the config file is empty');
  });

  it('reads a JSON file saved with a byte-order mark', async () => {
    const file = join(scratch, 'bom.json');
    writeFileSync(file, `\uFEFF${loadFixtureText('config/flowgate.json')}`);

    const config = await loadConfig(file);

    expect(Object.keys(config.environments)).toContain('prod');
  });
});

describe('parseConfigText', () => {
  it('refuses a file name that is neither YAML nor JSON', () => {
    expect(() => parseConfigText('environments: {}', 'flowgate.toml')).toThrow(
      'flowgate.toml: a config file ends in .yml, .yaml or .json',
    );
  });

  it('keeps a local seed as written', () => {
    const config = parseConfigText(loadFixtureText('config/flowgate.yml'), 'flowgate.yaml');

    expect(config.environments.test?.target).toEqual({ kind: 'local', seed: 'instances/test.json' });
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
