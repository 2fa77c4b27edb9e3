import { z } from 'zod';
import type {
  ApprovalPolicy,
  EnvironmentConfig,
  EnvironmentTarget,
  FlowgateConfig,
  Roles,
} from './config.js';
import { ConfigError } from './errors.js';
import { isJsonObject, type JsonPath } from './json.js';
import { type Problem, summarizeProblems } from './problems.js';
import { RESOURCE_KINDS } from './references/types.js';
import { parseArn } from './resolve/arn.js';
import { type RenamePair, wildcardCount } from './resolve/renameRules.js';

/** The approval policy of an environment that does not state one: four eyes, a day to decide. */
export const DEFAULT_APPROVAL: ApprovalPolicy = Object.freeze({
  required: true,
  allowSelfApproval: false,
  expiresAfterHours: 24,
  autoPublish: false,
  associate: false,
});

/** How many problems one error message lists before it says "and N more". */

/** Names go into table keys (`ENV#<env>#…`), bucket prefixes and `--env`: no `#`, `/` or spaces. */
const ENVIRONMENT_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
/**
 * How an environment's name appears in the names of its process variables
 * (`FLOWGATE_WEBHOOK_SECRET_<ENV>`): upper case, every character but a letter or digit as `_`
 * (`eu-1` → `EU_1`). Variable names tell neither case nor `-` from `_` apart, so the config
 * refuses two environments that come out the same.
 */
export function environmentVariableSuffix(name: string): string {
  return name.toUpperCase().replace(/[^A-Z0-9]/g, '_');
}

/** `us-west-2`, `us-gov-west-1`, `cn-north-1`, `eu-central-2`. */
const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;
/** Slack conversation ids: public (`C…`) and private (`G…`) channels. */
const CHANNEL_ID = /^[CG][A-Z0-9]{2,}$/;

/** Key names (lower case, without `_` and `-`) that say a secret is in the file. */
const SECRET_KEY_WORDS = [
  'token',
  'secret',
  'password',
  'passwd',
  'passphrase',
  'credential',
  'apikey',
  'privatekey',
  'accesskey',
  'signingkey',
];

/** Values that are secrets whatever key holds them. */
const SECRET_VALUES: readonly { readonly pattern: RegExp; readonly what: string }[] = [
  { pattern: /^xox[a-z]-/, what: 'a Slack token' },
  { pattern: /^xapp-/, what: 'a Slack app-level token' },
  { pattern: /^(?:AKIA|ASIA)[A-Z0-9]{16}$/, what: 'an AWS access key id' },
  { pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----/, what: 'a private key' },
];

const SECRET_ADVICE =
  'secrets never go in the config file: pass them as environment variables (or from a secret store) and remove this setting';

/** YAML writes an empty setting (`approval:`) as null: read it as absent. */
const nonEmpty = z.string().min(1);
const idList = z.array(nonEmpty).nullish();

const connectSchema = z.strictObject({ instanceArn: nonEmpty, region: nonEmpty });
const localSchema = z.strictObject({ seed: nonEmpty.nullish() });
const approvalSchema = z.strictObject({
  required: z.boolean().nullish(),
  allowSelfApproval: z.boolean().nullish(),
  expiresAfterHours: z.number().positive().nullish(),
  autoPublish: z.boolean().nullish(),
  associate: z.boolean().nullish(),
});
const environmentSchema = z.strictObject({
  connect: connectSchema.optional(),
  local: localSchema.nullish(),
  parent: nonEmpty.nullish(),
  channels: idList,
  approval: approvalSchema.nullish(),
});
const rolesSchema = z.strictObject({ viewers: idList, editors: idList, publishers: idList });
const renameRuleSchema = z.strictObject({ kind: z.enum(RESOURCE_KINDS), from: nonEmpty, to: nonEmpty });
const renamePairSchema = z.strictObject({
  from: nonEmpty,
  to: nonEmpty,
  rules: z.array(renameRuleSchema).min(1),
});
const configSchema = z.strictObject({
  environments: z.record(z.string(), environmentSchema),
  roles: rolesSchema.nullish(),
  renames: z.array(renamePairSchema).nullish(),
});

type ConfigFile = z.infer<typeof configSchema>;
type EnvironmentFile = z.infer<typeof environmentSchema>;

/** The keys each object of the file may have, for "unknown key" messages. */
const KEYS = {
  top: Object.keys(configSchema.shape),
  environment: Object.keys(environmentSchema.shape),
  connect: Object.keys(connectSchema.shape),
  local: Object.keys(localSchema.shape),
  approval: Object.keys(approvalSchema.shape),
  roles: Object.keys(rolesSchema.shape),
  renamePair: Object.keys(renamePairSchema.shape),
  renameRule: Object.keys(renameRuleSchema.shape),
} as const;

/**
 * Parses and checks a configuration file's content (already read from YAML or JSON):
 * `{ environments: { <name>: { connect: {instanceArn, region} | local: {seed?}, parent?, channels?,
 * approval? } }, roles?: { viewers?, editors?, publishers? }, renames?: [{ from, to, rules: [{ kind,
 * from, to }] }] }`. Fills the defaults (`DEFAULT_APPROVAL`, no parent, no channels, empty roles,
 * no renames). Beyond the shape it checks that rename pairs name known environments once and that
 * each rule's glob and replacement have as many `*`, that
 * parents exist and do not loop, that an instance ARN is in its `region`, that a channel is bound
 * to one environment, that no two environment names differ only in case or `-`/`_` (they would
 * share their process variables), and that no secret is in the file. Throws `ConfigError` whose `key` names
 * the first offending setting (`environments.prod.connect.region`) and whose message, prefixed
 * with `source`, lists the problems.
 */
export function parseConfig(json: unknown, source: string): FlowgateConfig {
  const secrets = findSecrets(json);
  if (secrets.length > 0) throw configError(source, secrets);
  const parsed = configSchema.safeParse(json, { reportInput: true });
  if (!parsed.success) throw configError(source, parsed.error.issues.flatMap(describeIssue));
  const problems = checkContent(parsed.data);
  if (problems.length > 0) throw configError(source, problems);
  return toConfig(parsed.data);
}

function toConfig(file: ConfigFile): FlowgateConfig {
  // No prototype: `environments['constructor']` must read as "no such environment".
  const environments: Record<string, EnvironmentConfig> = Object.create(null);
  for (const [name, env] of Object.entries(file.environments)) {
    environments[name] = toEnvironment(name, env);
  }
  const roles: Roles = {
    viewers: file.roles?.viewers ?? [],
    editors: file.roles?.editors ?? [],
    publishers: file.roles?.publishers ?? [],
  };
  const renames: RenamePair[] = (file.renames ?? []).map((pair) => ({
    from: pair.from,
    to: pair.to,
    rules: pair.rules.map((rule) => ({ kind: rule.kind, from: rule.from, to: rule.to })),
  }));
  return { environments, roles, renames };
}

function toEnvironment(name: string, env: EnvironmentFile): EnvironmentConfig {
  const target: EnvironmentTarget =
    env.connect !== undefined
      ? { kind: 'connect', instanceArn: env.connect.instanceArn, region: env.connect.region }
      : { kind: 'local', seed: env.local?.seed ?? null };
  const approval = env.approval;
  return {
    name,
    target,
    parent: env.parent ?? null,
    channels: [...new Set(env.channels ?? [])],
    approval: {
      required: approval?.required ?? DEFAULT_APPROVAL.required,
      allowSelfApproval: approval?.allowSelfApproval ?? DEFAULT_APPROVAL.allowSelfApproval,
      expiresAfterHours: approval?.expiresAfterHours ?? DEFAULT_APPROVAL.expiresAfterHours,
      autoPublish: approval?.autoPublish ?? DEFAULT_APPROVAL.autoPublish,
      associate: approval?.associate ?? DEFAULT_APPROVAL.associate,
    },
  };
}

/** What the schema cannot say: names, targets, parents, channel bindings. */
function checkContent(file: ConfigFile): Problem[] {
  const names = Object.keys(file.environments);
  if (names.length === 0) {
    return [{ path: ['environments'], message: 'name at least one environment (e.g. prod: { local: {} })' }];
  }
  return [
    ...names.flatMap((name) => checkEnvironment(name, file.environments[name], file.environments)),
    ...checkParentLoops(file.environments),
    ...checkChannels(file.environments),
    ...checkVariableNames(names),
    ...checkRenames(file.renames ?? [], names),
  ];
}

/**
 * Rename pairs name two different known environments, each pair once (two lists for one pair
 * would leave which one wins to file order), and every rule's `from` and `to` have as many `*`:
 * each `*` of `to` takes the text the `*` in the same position of `from` matched.
 */
function checkRenames(renames: NonNullable<ConfigFile['renames']>, names: readonly string[]): Problem[] {
  const problems: Problem[] = [];
  const seen = new Map<string, number>();
  renames.forEach((pair, index) => {
    const at = ['renames', index];
    for (const side of ['from', 'to'] as const) {
      if (!names.includes(pair[side])) {
        problems.push({
          path: [...at, side],
          message: `there is no environment '${pair[side]}' (known: ${names.join(', ')})`,
        });
      }
    }
    if (pair.from === pair.to) {
      problems.push({
        path: at,
        message: `renames ${pair.from} into itself: name the environment the content comes from and the one it goes to`,
      });
    }
    const key = `${pair.from}\u0000${pair.to}`;
    const first = seen.get(key);
    if (first === undefined) seen.set(key, index);
    else {
      problems.push({
        path: at,
        message: `${pair.from} → ${pair.to} already has rules at renames[${first}]: move these rules there (rules are tried in order)`,
      });
    }
    pair.rules.forEach((rule, r) => {
      problems.push(...checkRenameRule([...at, 'rules', r], rule));
    });
  });
  return problems;
}

function checkRenameRule(at: JsonPath, rule: { from: string; to: string }): Problem[] {
  const from = wildcardCount(rule.from);
  const to = wildcardCount(rule.to);
  if (from === to) return [];
  return [
    {
      path: at,
      message: `from '${rule.from}' has ${stars(from)} but to '${rule.to}' has ${stars(to)}: each "*" in to takes the text the "*" in the same position of from matched, so give both the same number (from: 'dev-*', to: 'prod-*'), or none in either to rename one name`,
    },
  ];
}

function stars(n: number): string {
  return n === 0 ? 'no "*"' : `${n} "*"`;
}

/** Environments whose process variables would be one variable (one webhook secret for two targets). */
function checkVariableNames(names: readonly string[]): Problem[] {
  const first = new Map<string, string>();
  const problems: Problem[] = [];
  for (const name of names) {
    const suffix = environmentVariableSuffix(name);
    const other = first.get(suffix);
    if (other === undefined) {
      first.set(suffix, name);
      continue;
    }
    problems.push({
      path: ['environments', name],
      message: `'${name}' and '${other}' differ only in case or "-"/"_", so both would read one webhook secret (FLOWGATE_WEBHOOK_SECRET_${suffix}): rename one of them`,
    });
  }
  return problems;
}

function checkEnvironment(
  name: string,
  env: EnvironmentFile | undefined,
  all: ConfigFile['environments'],
): Problem[] {
  if (env === undefined) return [];
  const at = ['environments', name];
  const problems: Problem[] = [];
  if (!ENVIRONMENT_NAME.test(name)) {
    problems.push({
      path: at,
      message:
        'an environment name is letters, digits, "-" and "_" (at most 64, starting with a letter or digit)',
    });
  }
  problems.push(...checkTarget(at, env));
  if (env.parent !== undefined && env.parent !== null) {
    if (env.parent === name) {
      problems.push({ path: [...at, 'parent'], message: 'an environment cannot be its own parent' });
    } else if (!Object.hasOwn(all, env.parent)) {
      problems.push({
        path: [...at, 'parent'],
        message: `there is no environment '${env.parent}' (known: ${Object.keys(all).join(', ')})`,
      });
    }
  }
  (env.channels ?? []).forEach((channel, index) => {
    if (!CHANNEL_ID.test(channel)) {
      problems.push({
        path: [...at, 'channels', index],
        message: `'${channel}' is not a Slack channel id: use the id (C0123ABCD, from the channel's details), not its name`,
      });
    }
  });
  return problems;
}

function checkTarget(at: JsonPath, env: EnvironmentFile): Problem[] {
  const hasConnect = env.connect !== undefined;
  const hasLocal = Object.hasOwn(env, 'local');
  if (hasConnect && hasLocal) {
    return [{ path: at, message: 'has both connect and local: an environment publishes to one target' }];
  }
  if (!hasConnect && !hasLocal) {
    return [
      {
        path: at,
        message:
          'needs a target: connect: {instanceArn, region} for Amazon Connect, or local: {} for the local default',
      },
    ];
  }
  return env.connect === undefined ? [] : checkConnect([...at, 'connect'], env.connect);
}

function checkConnect(at: JsonPath, connect: { instanceArn: string; region: string }): Problem[] {
  const problems: Problem[] = [];
  if (!REGION.test(connect.region)) {
    problems.push({
      path: [...at, 'region'],
      message: `expected an AWS Region such as us-west-2, got '${connect.region}'`,
    });
  }
  const arn = parseArn(connect.instanceArn);
  if (
    arn === null ||
    arn.service !== 'connect' ||
    arn.resourceType !== 'instance' ||
    arn.resource !== `instance/${arn.resourceId}`
  ) {
    problems.push({
      path: [...at, 'instanceArn'],
      message: `expected an Amazon Connect instance ARN (arn:aws:connect:REGION:ACCOUNT:instance/ID), got '${connect.instanceArn}'`,
    });
  } else if (arn.region !== connect.region) {
    problems.push({
      path: [...at, 'region'],
      message: `is ${connect.region}, but the instance ARN is in ${arn.region}: set region to ${arn.region} or correct the ARN`,
    });
  }
  return problems;
}

/** One problem per loop of parents, at the loop's first environment in file order. */
function checkParentLoops(all: ConfigFile['environments']): Problem[] {
  const reported = new Set<string>();
  const problems: Problem[] = [];
  for (const start of Object.keys(all)) {
    const chain: string[] = [];
    let current: string | null = start;
    while (current !== null && !chain.includes(current) && Object.hasOwn(all, current)) {
      chain.push(current);
      current = all[current]?.parent ?? null;
    }
    // A loop through `start` itself; loops reached from elsewhere are reported from their own members.
    if (current !== start || chain.length < 2 || reported.has(start)) continue;
    for (const member of chain) reported.add(member);
    problems.push({
      path: ['environments', start, 'parent'],
      message: `parents loop: ${[...chain, start].join(' → ')}; an environment cannot inherit from itself`,
    });
  }
  return problems;
}

function checkChannels(all: ConfigFile['environments']): Problem[] {
  const boundTo = new Map<string, string>();
  const problems: Problem[] = [];
  for (const [name, env] of Object.entries(all)) {
    for (const [index, channel] of (env.channels ?? []).entries()) {
      const other = boundTo.get(channel);
      if (other === undefined) boundTo.set(channel, name);
      else if (other !== name) {
        problems.push({
          path: ['environments', name, 'channels', index],
          message: `channel ${channel} is already bound to ${other}: uploads there can import into one environment only`,
        });
      }
    }
  }
  return problems;
}

/**
 * Keys named like secrets, and values that are secrets, anywhere in the file. Runs before the
 * schema so the message says why, not just "unknown key". Names of environments are names, not
 * settings, so `environments.<name>` itself is not judged by its name.
 */
function findSecrets(json: unknown): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<object>();
  const visit = (node: unknown, path: JsonPath): void => {
    if (typeof node === 'string') {
      const found = SECRET_VALUES.find((s) => s.pattern.test(node));
      if (found !== undefined) problems.push({ path, message: `looks like ${found.what}; ${SECRET_ADVICE}` });
      return;
    }
    // YAML aliases can share or even nest a node in itself: visit each once.
    if (typeof node !== 'object' || node === null || seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node)) {
      for (const [index, item] of node.entries()) visit(item, [...path, index]);
      return;
    }
    if (!isJsonObject(node)) return;
    const isEnvironmentList = path.length === 1 && path[0] === 'environments';
    for (const [key, value] of Object.entries(node)) {
      if (!isEnvironmentList && looksLikeSecretKey(key)) {
        problems.push({ path: [...path, key], message: `looks like a secret; ${SECRET_ADVICE}` });
      } else visit(value, [...path, key]);
    }
  };
  visit(json, []);
  return problems;
}

function looksLikeSecretKey(key: string): boolean {
  const word = key.toLowerCase().replace(/[-_]/g, '');
  return SECRET_KEY_WORDS.some((secret) => word.includes(secret));
}

const ARTICLES: Readonly<Record<string, string>> = {
  string: 'a string',
  number: 'a number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  record: 'an object',
};

/** A zod issue in words people can act on, at the key it is about (one per unknown key). */
function describeIssue(issue: z.core.$ZodIssue): Problem[] {
  const path = issue.path.filter((step): step is string | number => typeof step !== 'symbol');
  switch (issue.code) {
    case 'invalid_type': {
      const expected = ARTICLES[issue.expected] ?? issue.expected;
      if (issue.input === undefined) return [{ path, message: `is required (${expected})` }];
      return [{ path, message: `expected ${expected}, got ${typeName(issue.input)}` }];
    }
    case 'too_small':
      return [
        {
          path,
          message: issue.origin === 'number' ? `must be more than ${issue.minimum}` : 'must not be empty',
        },
      ];
    case 'invalid_value':
      return [{ path, message: `expected one of: ${issue.values.map(String).join(', ')}` }];
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({
        path: [...path, key],
        message: `unknown key (expected one of: ${expectedKeys(path).join(', ')})`,
      }));
    default:
      return [{ path, message: issue.message }];
  }
}

function expectedKeys(path: JsonPath): readonly string[] {
  if (path.length === 0) return KEYS.top;
  if (path[0] === 'renames' && path.length === 2) return KEYS.renamePair;
  if (path[0] === 'renames' && path.length === 4) return KEYS.renameRule;
  if (path.length === 2 && path[0] === 'environments') return KEYS.environment;
  const last = path[path.length - 1];
  switch (last) {
    case 'connect':
      return KEYS.connect;
    case 'local':
      return KEYS.local;
    case 'approval':
      return KEYS.approval;
    case 'roles':
      return KEYS.roles;
    default:
      return [];
  }
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return ARTICLES[typeof value] ?? typeof value;
}

function configError(source: string, problems: readonly Problem[]): ConfigError {
  const { key, message } = summarizeProblems(source, problems);
  return new ConfigError(key, message);
}
