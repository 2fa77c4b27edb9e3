import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import {
  CatalogError,
  ConfigError,
  ContactCenterError,
  DataFolderError,
  FlowFileError,
  FlowgateError,
} from '../core/errors.js';
import { FLOW_TYPES, parseFlowType } from '../core/flowTypes.js';
import type { AnalyzeOptions } from '../core/pipeline.js';
import { isStoreCommand } from './commandNames.js';
import { type CliIo, EXIT, processIo, UnreadableInputError, UsageError } from './io.js';
import { printableIo } from './printable.js';

const USAGE = `flowgate: move Amazon Connect contact flows between environments safely

Usage:
  flowgate validate <file|dir>... [--json] [--type <TYPE>]
      Read each flow file (Flow Language, legacy export, DescribeContactFlow response, {Name, Content}
      wrapper), check it, and list its resource references.
  flowgate convert <file>
      Print the Flow Language document (legacy exports converted) on stdout.
  flowgate plan <file|dir>... --catalog <catalog.json> [--json] [--out <dir>] [--type <TYPE>]
               [--from <env> [--to <env>] [--config <file>]]
      Resolve every reference in the target instance, order the batch for publishing, and with --out
      write each flow re-targeted. --from names the environment the files came from: the config's
      rename rules for it → the target (--to, else the catalog's name) apply at the name step.
      (--target is the same option as --catalog.)

  --type <TYPE>  the flow type of files that do not state one (CONTACT_FLOW, CUSTOMER_QUEUE, …, MODULE);
                 a type the file states always wins.

Versions, approvals and publishing (on the local default unless FLOWGATE_TABLE/FLOWGATE_BUCKET and a
config with Amazon Connect environments say otherwise; --config <file>, --as <user> on each):
  flowgate import <file|dir|zip>... --env <env> [--json]
  flowgate versions <flow> --env <env> [--json]
  flowgate diff <flow> <v1> <v2> --env <env> [--layout] [--json]
  flowgate export <flow> --env <env> [--version N] [--out <dir>]
  flowgate report <flow> --env <env> [--version N] [--out <dir>]   (the version's HTML report)
  flowgate resolve <flow> --env <env> --ref <kind:source> --to <arn|name>
  flowgate publish <flow> --env <env> [--version N]          (creates the publish request)
  flowgate approve <request> | reject <request> --reason <text>
  flowgate rollback <flow> --env <env> --to N
  flowgate audit --env <env> [--since <date>]

Between live environments (what is in the instances, no export file needed):
  flowgate catalog --env <env> [--out <file>]        (the live inventory as a catalog file, parents beside it)
  flowgate pull --env <source> [--flow <name or glob>]... [--saved]
      (the instance's flows and modules stored as versions of <source>; published content unless --saved)
  flowgate promote <flow>... | --all --from <source> --to <target>
      (what is live in the source, re-resolved in the target, stored there, one request for the batch)

The Slack bot on loopback (npm start): POST /slack/events, with SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN,
SLACK_API_URL, SLACK_APP_TOKEN (Socket Mode) from the environment; without them Slack is off and the
webhook, S3 drops and reports are served alone:
  flowgate start [--port N] [--config <file>]

What publishing to an environment needs, checked with your credentials (the instance, each Connect
call flowgate makes, the table, the bucket, the Slack token); exit 1 when something is in the way:
  flowgate doctor --env <env> [--json] [--config <file>]

Exit status: 0 done / no errors, 1 errors found or the action was refused, 2 usage, configuration or
unreadable input.
`;

/** Runs the CLI with `argv` (without node and script) and returns the exit code. Never throws. */
export async function main(argv: readonly string[], given: CliIo = processIo()): Promise<number> {
  // Names and messages come from files and stores: nothing they hold may drive the terminal.
  const io = printableIo(given);
  try {
    const [command, ...rest] = argv;
    // Store commands, `start` and `doctor` load the AWS SDK, the local servers and Bolt: loaded
    // on demand, so `--help`, `validate` and `plan` start as fast as Node itself.
    if (isStoreCommand(command)) {
      const { runStoreCommand } = await import('./storeCommands.js');
      return await runStoreCommand(command, rest, io);
    }
    if (command === 'start') return await start(rest, io);
    if (command === 'doctor') return await doctorCommand(rest, io);
    if (command === 'plan') return await planCommand(rest, io);
    return await run(argv, io);
  } catch (error) {
    return report(error, io);
  }
}

/** The commands on files alone; each loaded when asked for, so `--help` loads none of them. */
async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'validate': {
      const { values, positionals } = parse(rest, { json: { type: 'boolean' }, type: { type: 'string' } });
      const { runValidate } = await import('./commands/validate.js');
      return runValidate(
        requirePaths(positionals),
        { json: values.json === true, analyze: analyzeOptions(values.type) },
        io,
      );
    }
    case 'convert': {
      const { positionals } = parse(rest, {});
      const { runConvert } = await import('./commands/convert.js');
      return runConvert(requirePaths(positionals), io);
    }
    case 'help':
    case '--help':
    case '-h':
      io.stdout(USAGE);
      return EXIT.ok;
    case undefined:
      throw new UsageError('no command given');
    default:
      throw new UsageError(`unknown command '${command}'`);
  }
}

async function planCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, {
    json: { type: 'boolean' },
    target: { type: 'string' },
    catalog: { type: 'string' },
    out: { type: 'string' },
    type: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    config: { type: 'string' },
  });
  // `--catalog` says what the file is; `--target` is the older spelling of the same option.
  const target = values.catalog ?? values.target;
  if (typeof target !== 'string') throw new UsageError('plan needs --catalog <catalog.json>');
  const to = typeof values.to === 'string' ? values.to : null;
  if (typeof values.from !== 'string' && to !== null) throw new UsageError('--to goes with --from <env>');
  const from = typeof values.from === 'string' ? values.from : null;
  const configPath = typeof values.config === 'string' ? values.config : process.env.FLOWGATE_CONFIG || null;
  // The config is read only for --from (its rename rules), and the plan code loaded only for
  // plan: both kept off the path of `--help` and `validate`.
  const source = from === null ? null : { from, to, config: await readSourceConfig(configPath, io) };
  const { runPlan } = await import('./commands/plan.js');
  return runPlan(
    requirePaths(positionals),
    {
      target,
      json: values.json === true,
      out: typeof values.out === 'string' ? values.out : null,
      analyze: analyzeOptions(values.type),
      source,
    },
    io,
  );
}

async function readSourceConfig(path: string | null, io: CliIo) {
  const { readConfig } = await import('../app/compose/config.js');
  return readConfig(path, io.cwd, userInfo().username);
}

async function start(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parse(args, { port: { type: 'string' }, config: { type: 'string' } });
  const port = values.port === undefined ? Number(process.env.PORT ?? 3000) : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port must be a port number, got '${String(values.port)}'`);
  const { runStart } = await import('./commands/start.js');
  return runStart(port, typeof values.config === 'string' ? values.config : null, io);
}

async function doctorCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, {
    env: { type: 'string' },
    json: { type: 'boolean' },
    config: { type: 'string' },
  });
  if (typeof values.env !== 'string' || values.env === '') throw new UsageError('doctor needs --env <env>');
  if (positionals.length > 0)
    throw new UsageError(`doctor takes no arguments, got '${positionals.join(' ')}'`);
  const { runDoctor } = await import('./commands/doctor.js');
  return runDoctor(
    {
      env: values.env,
      json: values.json === true,
      config: typeof values.config === 'string' ? values.config : null,
    },
    io,
  );
}

type OptionSpec = Record<string, { type: 'boolean' | 'string' }>;

function parse(args: readonly string[], options: OptionSpec) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** `--type`: the flow type to assume for files that do not state one. */
function analyzeOptions(type: string | boolean | undefined): AnalyzeOptions {
  if (typeof type !== 'string') return {};
  if (type.toUpperCase() === 'MODULE') return { assumeType: 'MODULE' };
  const parsed = parseFlowType(type);
  if (parsed === null)
    throw new UsageError(`--type must be one of ${[...FLOW_TYPES, 'MODULE'].join(', ')} (got '${type}')`);
  return { assumeType: parsed };
}

function requirePaths(positionals: readonly string[]): readonly string[] {
  if (positionals.length === 0) throw new UsageError('give at least one file or folder');
  return positionals;
}

/** The one place CLI errors become messages and exit codes. */
function report(error: unknown, io: CliIo): number {
  if (error instanceof UsageError) {
    io.stderr(`flowgate: ${error.message}\n\n${USAGE}`);
    return EXIT.usage;
  }
  if (
    error instanceof UnreadableInputError ||
    error instanceof CatalogError ||
    error instanceof ConfigError ||
    error instanceof DataFolderError
  ) {
    io.stderr(`flowgate: ${error.message}\n`);
    return EXIT.usage;
  }
  if (error instanceof FlowFileError) {
    // An archive or file list that cannot be read at all (damaged or unsafe zip, bad manifest).
    io.stderr(`flowgate: ${error.message}\n  ${error.hint}\n`);
    return EXIT.usage;
  }
  if (error instanceof ContactCenterError) {
    io.stderr(
      `flowgate: ${error.message}\n${error.diagnostics.map((d) => `  ${d.severity} ${d.code}: ${d.message}\n`).join('')}`,
    );
    return EXIT.findings;
  }
  if (error instanceof FlowgateError) {
    // Refusals of the use cases (not allowed, not found, stale, drift…): the request was understood.
    io.stderr(`flowgate: ${error.message}\n`);
    return EXIT.findings;
  }
  const denied = deniedWrite(error);
  if (denied !== null) {
    // A file flowgate had to write (a local instance's flow, an export) that the system refused.
    io.stderr(
      `flowgate: cannot write ${denied.path} (${denied.code}): make it writable by this user, or run the command as its owner; set FLOWGATE_HOME to move the local data folder.\n`,
    );
    return EXIT.usage;
  }
  io.stderr(
    `flowgate: unexpected failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  return 70;
}

/** The path and code of a permission error (EACCES, EPERM, EROFS) anywhere in the cause chain, else null. */
function deniedWrite(error: unknown): { path: string; code: string } | null {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth++) {
    const { code, path } = current as NodeJS.ErrnoException;
    if ((code === 'EACCES' || code === 'EPERM' || code === 'EROFS') && typeof path === 'string')
      return { path, code };
    current = current.cause;
  }
  return null;
}
