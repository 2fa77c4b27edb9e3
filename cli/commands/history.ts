import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { importUploads } from '../../app/importUploads.js';
import type { ResourceKind } from '../../core/references/types.js';
import { RESOURCE_KINDS } from '../../core/references/types.js';
import { diffVersions } from '../../core/service/diffVersions.js';
import { exportVersion } from '../../core/service/exportVersion.js';
import { listAudit } from '../../core/service/listAudit.js';
import { listVersions } from '../../core/service/listVersions.js';
import { rememberResolution } from '../../core/service/rememberResolution.js';
import { type CliIo, EXIT, exitForFlows, UsageError } from '../io.js';
import { NO_PROGRESS, progressLine } from '../progress.js';
import { renderAudit, renderDiff, renderImport, renderVersions } from '../renderStore.js';
import type { Runtime } from '../runtime.js';
import { uploadsFrom } from './importFiles.js';

/** Output options shared by the store commands. */
export interface OutputOptions {
  readonly json: boolean;
}

function print(io: CliIo, options: OutputOptions, value: unknown, human: () => string): void {
  io.stdout(options.json ? `${JSON.stringify(value, null, 2)}\n` : human());
}

/** `flowgate import <file|dir|zip>... --env <env>`: exit 1 when any file was refused or has errors. */
export async function runImport(
  rt: Runtime,
  paths: readonly string[],
  env: string,
  options: OutputOptions,
  io: CliIo,
): Promise<number> {
  const uploads = uploadsFrom(paths, io.cwd);
  const progress = options.json ? NO_PROGRESS : progressLine(io.terminal, 'Importing');
  const log = (message: string) => {
    progress.end(); // a message goes on a line of its own, not after the progress
    io.stderr(`flowgate: ${message}\n`);
  };
  let imported: Awaited<ReturnType<typeof importUploads>>;
  try {
    imported = await importUploads(
      { service: rt.deps, log },
      { env, uploads, actor: rt.actor, channel: 'cli', onProgress: progress.update },
    );
  } finally {
    progress.end();
  }
  const { result } = imported;
  const json = {
    env: result.env,
    flows: result.flows.map((f) => ({
      file: f.file,
      flow: f.flowKey,
      version: f.version?.number ?? null,
      created: f.created,
      publishable: f.analysis.diagnostics.every((d) => d.severity !== 'error') && f.version !== null,
      diagnostics: f.analysis.diagnostics,
    })),
    order: result.order,
  };
  print(io, options, json, () => renderImport(result, io.color));
  if (exitForFlows(result.flows.map((f) => f.analysis)) === EXIT.usage) return EXIT.usage;
  return json.flows.every((f) => f.publishable) ? EXIT.ok : EXIT.findings;
}

/** `flowgate versions <flow> --env <env>` */
export async function runVersions(
  rt: Runtime,
  flow: string,
  env: string,
  options: OutputOptions,
  io: CliIo,
): Promise<number> {
  const list = await listVersions(rt.deps, { env, flow, actor: rt.actor });
  print(io, options, list, () => renderVersions(list, io.color));
  return EXIT.ok;
}

/** `flowgate diff <flow> <v1> <v2> --env <env> [--layout]` */
export async function runDiff(
  rt: Runtime,
  args: { flow: string; from: number; to: number; env: string; includeLayout: boolean },
  options: OutputOptions,
  io: CliIo,
): Promise<number> {
  const diff = await diffVersions(rt.deps, { ...args, actor: rt.actor });
  print(io, options, diff, () => renderDiff(diff, io.color));
  return EXIT.ok;
}

/** `flowgate export <flow> [--version N] --env <env> [--out <dir>]`: writes the file, prints its path. */
export async function runExport(
  rt: Runtime,
  args: { flow: string; env: string; version: number | null; out: string | null },
  options: OutputOptions,
  io: CliIo,
): Promise<number> {
  const exported = await exportVersion(rt.deps, {
    env: args.env,
    flow: args.flow,
    actor: rt.actor,
    ...(args.version === null ? {} : { version: args.version }),
  });
  const path = join(resolve(io.cwd, args.out ?? '.'), exported.fileName);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, exported.body);
  print(
    io,
    options,
    { file: path, version: exported.version },
    () => `Exported version ${exported.version} to ${path}\n`,
  );
  return EXIT.ok;
}

/** `flowgate resolve <flow> --env <env> --ref <kind:source> --to <arn|name>` */
export async function runResolve(
  rt: Runtime,
  args: { flow: string; env: string; ref: string; to: string },
  options: OutputOptions,
  io: CliIo,
): Promise<number> {
  const ref = parseRef(args.ref);
  const result = await rememberResolution(rt.deps, {
    env: args.env,
    flow: args.flow,
    ref,
    to: args.to,
    actor: rt.actor,
  });
  print(
    io,
    options,
    { mapping: result.mapping, version: result.version.number, created: result.created },
    () =>
      result.created
        ? `Remembered: ${ref.kind} '${ref.source}' → ${result.mapping.target} in ${args.env}. ${args.flow} is now version ${result.version.number}.\n`
        : `Remembered: ${ref.kind} '${ref.source}' → ${result.mapping.target} in ${args.env}. Version ${result.version.number} already points there.\n`,
  );
  return EXIT.ok;
}

/** `flowgate audit --env <env> [--since <iso date>]` */
export async function runAudit(
  rt: Runtime,
  env: string,
  since: string | null,
  options: OutputOptions,
  io: CliIo,
): Promise<number> {
  const events = await listAudit(rt.deps, { env, actor: rt.actor, ...(since === null ? {} : { since }) });
  print(io, options, { events }, () => renderAudit(events, io.color));
  return EXIT.ok;
}

/** `--ref queue:arn:aws:…` or `--ref "prompt:Welcome.wav"`: the kind, then everything after the first colon. */
function parseRef(text: string): { kind: ResourceKind; source: string } {
  const colon = text.indexOf(':');
  const kind = text.slice(0, colon);
  const source = text.slice(colon + 1);
  if (colon <= 0 || source === '' || !(RESOURCE_KINDS as readonly string[]).includes(kind)) {
    throw new UsageError(
      `--ref must be <kind>:<value or name> with kind one of ${RESOURCE_KINDS.join(', ')} (got '${text}')`,
    );
  }
  return { kind: kind as ResourceKind, source };
}
