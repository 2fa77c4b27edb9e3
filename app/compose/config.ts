/**
 * The composition root, flowgate's configuration for a run on a person's machine (the CLI, `npm
 * start`); the Lambdas get theirs from their environment (`app/environment.ts`).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defaultLocalConfig } from '../../adapters/config/defaultLocalConfig.js';
import { loadConfig } from '../../adapters/config/loadConfig.js';
import type { FlowgateConfig } from '../../core/config.js';

const CONFIG_NAMES = ['flowgate.yml', 'flowgate.yaml', 'flowgate.json'];

/**
 * The configuration at `path` (relative to `cwd`), else `./flowgate.yml|yaml|json`, else the
 * built-in local configuration, which makes `user` a publisher beside `reviewer`. An empty path is
 * no path (`FLOWGATE_CONFIG=` in a shell or an .env file), not the current folder.
 */
export async function readConfig(path: string | null, cwd: string, user: string): Promise<FlowgateConfig> {
  if (path !== null && path.trim() !== '') return loadConfig(resolve(cwd, path));
  const found = CONFIG_NAMES.map((name) => join(cwd, name)).find((candidate) => existsSync(candidate));
  return found === undefined ? defaultLocalConfig(user) : loadConfig(found);
}
