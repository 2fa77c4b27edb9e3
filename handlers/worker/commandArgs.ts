import { environmentOfChannel } from '../../app/channelEnvironment.js';
import type { FlowgateConfig } from '../../core/config.js';
import { WorkerRefusal } from './refusal.js';

/** A `/flow` subcommand's words: the positional ones, and the flags flowgate knows. */
export interface CommandArgs {
  readonly words: readonly string[];
  readonly env: string | null;
  readonly version: number | null;
  /** `--to` as a version number (rollback); null when absent or not a number. */
  readonly to: number | null;
  /** `--to` as written: a version (rollback) or an environment (promote). */
  readonly toWord: string | null;
  /** `--from <env>` (promote). */
  readonly from: string | null;
  /** `--all` (promote). */
  readonly all: boolean;
  /** `--saved` (pull). */
  readonly saved: boolean;
}

const FLAGS = ['env', 'version', 'to', 'from'] as const;
type Flag = (typeof FLAGS)[number];

/** Flags that take no value. */
const SWITCHES = ['all', 'saved'] as const;
type Switch = (typeof SWITCHES)[number];

/** Splits `--env prod`, `--env=prod`, `--version 3`, `--to 2` from the other words. */
export function parseCommandArgs(args: readonly string[]): CommandArgs {
  const words: string[] = [];
  const flags: Partial<Record<Flag, string>> = {};
  const switches = new Set<Switch>();
  for (let i = 0; i < args.length; i += 1) {
    const word = args[i] ?? '';
    const flag = /^--([a-z]+)(?:=(.*))?$/.exec(word);
    if (flag === null) {
      words.push(word);
      continue;
    }
    const name = flag[1] ?? '';
    if (isSwitch(name)) {
      switches.add(name);
      continue;
    }
    if (!isFlag(name)) throw new WorkerRefusal(`'--${name}' is not an option of this command.`);
    let value = flag[2];
    if (value === undefined) {
      i += 1;
      value = args[i];
    }
    if (value === undefined || value === '') throw new WorkerRefusal(`'--${name}' needs a value.`);
    flags[name] = value;
  }
  return {
    words,
    env: flags.env ?? null,
    version: flags.version === undefined ? null : versionNumber(flags.version),
    to: flags.to === undefined || !isVersionWord(flags.to) ? null : versionNumber(flags.to),
    toWord: flags.to ?? null,
    from: flags.from ?? null,
    all: switches.has('all'),
    saved: switches.has('saved'),
  };
}

function isSwitch(name: string): name is Switch {
  return (SWITCHES as readonly string[]).includes(name);
}

/**
 * Flow names separated by commas (Slack splits `Main IVR` into two words, so a space cannot
 * separate names): `Main IVR, Sales*` is two. Quotes around each are dropped.
 */
export function flowNames(words: readonly string[]): string[] {
  return words
    .join(' ')
    .split(',')
    .map((name) => name.replace(/^\s*["'“‘]+|["'”’]+\s*$/g, '').trim())
    .filter((name) => name !== '');
}

function isFlag(name: string): name is Flag {
  return (FLAGS as readonly string[]).includes(name);
}

/** True for `3` or `v3`. */
export function isVersionWord(word: string): boolean {
  return /^v?\d+$/i.test(word);
}

/** `3` or `v3` as a version number; a refusal for anything else. */
export function versionNumber(word: string): number {
  const number = isVersionWord(word) ? Number(word.replace(/^v/i, '')) : Number.NaN;
  if (Number.isSafeInteger(number) && number >= 1) return number;
  throw new WorkerRefusal(`'${word}' is not a version number (1, 2, 3… or v1, v2, v3…).`);
}

/**
 * The flow the words name: all of them, since Slack splits `Main IVR` into two words; quotes
 * around the name are dropped. A refusal when there are none.
 */
export function flowName(words: readonly string[], syntax: string): string {
  const name = words
    .join(' ')
    .replace(/^["'“‘]+|["'”’]+$/g, '')
    .trim();
  if (name === '') throw new WorkerRefusal(`Say which flow: ${syntax}`);
  return name;
}

/** The trailing words that are version numbers (at most `count`), and the words before them. */
export function trailingVersions(
  words: readonly string[],
  count: number,
): { readonly rest: readonly string[]; readonly versions: readonly number[] } {
  let split = words.length;
  while (split > 0 && words.length - split < count && isVersionWord(words[split - 1] ?? '')) split -= 1;
  // A flow whose name is only digits keeps its name: one word always stays the flow.
  if (split === 0 && words.length > 0) split = 1;
  return { rest: words.slice(0, split), versions: words.slice(split).map(versionNumber) };
}

/** `--env`, else the environment the channel is bound to; a refusal naming the choices otherwise. */
export function commandEnv(config: FlowgateConfig, args: CommandArgs, channel: string): string {
  const env = args.env ?? environmentOfChannel(config, channel);
  if (env !== null) return env;
  const known = Object.keys(config.environments).join(', ') || 'none';
  throw new WorkerRefusal(
    `This channel is bound to no environment: add --env <environment> (known: ${known}).`,
  );
}
