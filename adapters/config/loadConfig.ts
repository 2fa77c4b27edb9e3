import { readFile } from 'node:fs/promises';
import { dirname, extname, resolve } from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { EnvironmentConfig, FlowgateConfig } from '../../core/config.js';
import { parseConfig } from '../../core/configSchema.js';
import { ConfigError } from '../../core/errors.js';
import { parseJsonText } from '../../core/formats/jsonText.js';

/** File extensions `loadConfig` reads, and how. */
const SYNTAX: Readonly<Record<string, 'yaml' | 'json'>> = {
  '.yml': 'yaml',
  '.yaml': 'yaml',
  '.json': 'json',
};

/**
 * Reads a configuration file (`.yml`/`.yaml` as YAML, `.json` as JSON), checks it with
 * `parseConfig`, and resolves each local environment's `seed` against the file's folder, so the
 * config means the same from any working directory. Throws `ConfigError`: for a syntax error its
 * message names the file, line and column (`flowgate.yml:4:3: …`); for a bad setting, the key.
 */
export async function loadConfig(path: string): Promise<FlowgateConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const reason = isMissingFile(error) ? 'no such file' : String(error);
    throw new ConfigError(null, `${path}: cannot read the config file (${reason})`, { cause: error });
  }
  return withSeedsFrom(dirname(resolve(path)), parseConfigText(text, path));
}

/**
 * Parses configuration text by the extension of `source` (a file name), as `loadConfig` does,
 * without touching the file system: seeds stay as written.
 */
export function parseConfigText(text: string, source: string): FlowgateConfig {
  const syntax = SYNTAX[extname(source).toLowerCase()];
  if (syntax === undefined) {
    throw new ConfigError(null, `${source}: a config file ends in .yml, .yaml or .json`);
  }
  // Editors on Windows save a byte-order mark, which JSON.parse rejects.
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const json = syntax === 'yaml' ? readYaml(body, source) : readJson(body, source);
  if (json === null || json === undefined) {
    throw new ConfigError(null, `${source}: the config file is empty (see examples/flowgate.yml)`);
  }
  return parseConfig(json, source);
}

function readYaml(text: string, source: string): unknown {
  try {
    // Duplicate keys are errors (the yaml default): a second `prod:` must not replace the first.
    return parseYaml(text);
  } catch (error) {
    if (!(error instanceof YAMLParseError)) throw error;
    const at = error.linePos?.[0];
    const where = at === undefined ? source : `${source}:${at.line}:${at.col}`;
    throw new ConfigError(null, `${where}: ${firstLine(error.message)}`, { cause: error });
  }
}

function readJson(text: string, source: string): unknown {
  const parsed = parseJsonText(text);
  if (parsed.ok) return parsed.value;
  const { position, found } = parsed.problem;
  throw new ConfigError(null, `${source}:${position.line}:${position.column}: invalid JSON, ${found}`);
}

/** yaml's message without the ` at line L, column C:` and the excerpt it appends. */
function firstLine(message: string): string {
  const line = message.split('\n', 1)[0] ?? message;
  return line.replace(/ at line \d+, column \d+:?$/, '');
}

function isMissingFile(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}

function withSeedsFrom(baseDir: string, config: FlowgateConfig): FlowgateConfig {
  const environments: Record<string, EnvironmentConfig> = Object.create(null);
  for (const [name, env] of Object.entries(config.environments)) {
    const { target } = env;
    environments[name] =
      target.kind === 'local' && target.seed !== null
        ? { ...env, target: { kind: 'local', seed: resolve(baseDir, target.seed) } }
        : env;
  }
  return { ...config, environments };
}
