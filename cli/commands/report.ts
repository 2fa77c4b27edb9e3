import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { loadVersionReport } from '../../app/versionReport.js';
import { lookupVersion } from '../../core/service/findFlow.js';
import { listVersions } from '../../core/service/listVersions.js';
import { type CliIo, EXIT } from '../io.js';
import type { Runtime } from '../runtime.js';
import type { OutputOptions } from './history.js';

/**
 * `flowgate report <flow> --env <env> [--version N] [--out <dir>]`: writes a version's HTML
 * report (the page kept with the version, the one Slack links) to `<name>_v<N>.html` and prints
 * its path. Viewers may; the latest version by default.
 */
export async function runReport(
  rt: Runtime,
  args: { flow: string; env: string; version: number | null; out: string | null },
  options: OutputOptions,
  io: CliIo,
): Promise<number> {
  const { head } = await listVersions(rt.deps, { env: args.env, flow: args.flow, actor: rt.actor });
  const { number } = await lookupVersion(rt.deps.versions, head, args.version ?? head.latest);
  const html = await loadVersionReport(rt.deps, args.env, head.flowKey, number);
  if (html === null) throw new Error(`${head.flowKey} v${number} vanished while its report was made`);
  const path = join(
    resolve(io.cwd, args.out ?? '.'),
    `${head.name.replace(/[^\w.-]+/g, '_')}_v${number}.html`,
  );
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, html);
  const result = { file: path, version: number };
  io.stdout(
    options.json ? `${JSON.stringify(result, null, 2)}\n` : `Wrote the report of v${number} to ${path}\n`,
  );
  return EXIT.ok;
}
