import { parseArgs } from 'node:util';
import type { StoreCommand } from './commandNames.js';
import { runApprove, runPublish, runReject, runRollback } from './commands/approvals.js';
import { runCatalog } from './commands/catalog.js';
import { runAudit, runDiff, runExport, runImport, runResolve, runVersions } from './commands/history.js';
import { runPromote, runPull } from './commands/promote.js';
import { runReport } from './commands/report.js';
import { type CliIo, UsageError } from './io.js';
import { inYourWords } from './refusal.js';
import { openRuntime, type Runtime } from './runtime.js';

const COMMON = {
  json: { type: 'boolean' },
  as: { type: 'string' },
  config: { type: 'string' },
  env: { type: 'string' },
} as const;

const OPTIONS = {
  ...COMMON,
  version: { type: 'string' },
  to: { type: 'string' },
  ref: { type: 'string' },
  out: { type: 'string' },
  since: { type: 'string' },
  reason: { type: 'string' },
  layout: { type: 'boolean' },
  flow: { type: 'string', multiple: true },
  saved: { type: 'boolean' },
  all: { type: 'boolean' },
  from: { type: 'string' },
} as const;

type Values = ReturnType<typeof parseStore>['values'];

function parseStore(args: readonly string[]) {
  try {
    return parseArgs({ args: [...args], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** Runs a store command: opens the runtime (local stack or AWS), runs, and always closes it. */
export async function runStoreCommand(
  command: StoreCommand,
  args: readonly string[],
  io: CliIo,
): Promise<number> {
  const { values, positionals } = parseStore(args);
  // Check the words before starting servers: a usage mistake should cost nothing.
  const run = bind(command, values, positionals);
  const rt = await openRuntime({ as: str(values.as), config: str(values.config) }, io.cwd);
  try {
    return await run(rt, io);
  } catch (error) {
    throw inYourWords(error, rt.actor.id);
  } finally {
    await rt.close();
  }
}

type Bound = (rt: Runtime, io: CliIo) => Promise<number>;

function bind(command: StoreCommand, v: Values, p: readonly string[]): Bound {
  const out = { json: v.json === true };
  switch (command) {
    case 'import':
      if (p.length === 0) throw new UsageError('import needs at least one file, folder or zip');
      return (rt, io) => runImport(rt, p, env(v), out, io);
    case 'versions':
      return (rt, io) => runVersions(rt, one(p, 'versions <flow>'), env(v), out, io);
    case 'diff': {
      const [flow, from, to] = p;
      if (flow === undefined || from === undefined || to === undefined || p.length !== 3) {
        throw new UsageError('diff needs <flow> <v1> <v2>');
      }
      const args = {
        flow,
        from: num(from, 'v1'),
        to: num(to, 'v2'),
        env: env(v),
        includeLayout: v.layout === true,
      };
      return (rt, io) => runDiff(rt, args, out, io);
    }
    case 'export': {
      const args = {
        flow: one(p, 'export <flow>'),
        env: env(v),
        version: optNum(v.version, '--version'),
        out: str(v.out),
      };
      return (rt, io) => runExport(rt, args, out, io);
    }
    case 'report': {
      const args = {
        flow: one(p, 'report <flow>'),
        env: env(v),
        version: optNum(v.version, '--version'),
        out: str(v.out),
      };
      return (rt, io) => runReport(rt, args, out, io);
    }
    case 'resolve': {
      const ref = str(v.ref);
      const to = str(v.to);
      if (ref === null || to === null)
        throw new UsageError('resolve needs --ref <kind:source> and --to <arn|name>');
      const args = { flow: one(p, 'resolve <flow>'), env: env(v), ref, to };
      return (rt, io) => runResolve(rt, args, out, io);
    }
    case 'publish': {
      const args = { flow: one(p, 'publish <flow>'), env: env(v), version: optNum(v.version, '--version') };
      return (rt, io) => runPublish(rt, args, out, io);
    }
    case 'approve':
      return (rt, io) => runApprove(rt, one(p, 'approve <request>'), out, io);
    case 'reject': {
      const reason = str(v.reason);
      if (reason === null) throw new UsageError('reject needs --reason <text> (the requester reads it)');
      return (rt, io) => runReject(rt, one(p, 'reject <request>'), reason, out, io);
    }
    case 'rollback': {
      const to = optNum(v.to, '--to');
      if (to === null) throw new UsageError('rollback needs --to <version>');
      const args = { flow: one(p, 'rollback <flow>'), env: env(v), to };
      return (rt, io) => runRollback(rt, args, out, io);
    }
    case 'audit':
      return (rt, io) => runAudit(rt, env(v), str(v.since), out, io);
    case 'catalog': {
      if (p.length > 0) throw new UsageError(`catalog takes no arguments, got '${p.join(' ')}'`);
      const args = { env: env(v), out: str(v.out) };
      return (rt, io) => runCatalog(rt, args, io);
    }
    case 'pull': {
      if (p.length > 0) throw new UsageError(`pull takes flows as --flow <name>, got '${p.join(' ')}'`);
      const args = { env: env(v), flows: v.flow ?? [], saved: v.saved === true };
      return (rt, io) => runPull(rt, args, out, io);
    }
    case 'promote': {
      const from = str(v.from);
      const to = str(v.to);
      if (from === null || to === null)
        throw new UsageError('promote needs --from <source env> and --to <target env>');
      if (v.all === true && p.length > 0) throw new UsageError('promote takes flow names or --all, not both');
      if (v.all !== true && p.length === 0) throw new UsageError('promote needs flow names, or --all');
      const args = { from, to, flows: p, all: v.all === true };
      return (rt, io) => runPromote(rt, args, out, io);
    }
  }
}

function str(value: string | boolean | undefined): string | null {
  return typeof value === 'string' ? value : null;
}

function env(v: Values): string {
  const name = str(v.env);
  if (name === null) throw new UsageError('this command needs --env <environment>');
  return name;
}

function one(p: readonly string[], usage: string): string {
  const [first] = p;
  if (first === undefined || p.length !== 1) throw new UsageError(`usage: flowgate ${usage}`);
  return first;
}

function num(text: string, what: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`${what} must be a version number (1, 2, …), got '${text}'`);
  return n;
}

function optNum(value: string | boolean | undefined, what: string): number | null {
  return typeof value === 'string' ? num(value, what) : null;
}
