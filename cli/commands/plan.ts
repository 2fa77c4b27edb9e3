import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { FlowgateConfig } from '../../core/config.js';
import { serializeFlow } from '../../core/formats/readFlow.js';
import { type AnalyzeOptions, type PlannedBatch, planFlows } from '../../core/pipeline.js';
import { planReport } from '../../core/report.js';
import type { Catalog } from '../../core/resolve/catalog.js';
import { type RenameRule, renameRulesFor } from '../../core/resolve/renameRules.js';
import { loadCatalog } from '../catalogFile.js';
import { collectInputs, type InputFile } from '../inputs.js';
import { type CliIo, exitForFlows, UsageError } from '../io.js';
import { renderPlan } from '../render.js';
import { analyzeInputs } from './validate.js';

/** Options of `plan`. */
export interface PlanOptions {
  readonly target: string;
  readonly json: boolean;
  readonly out: string | null;
  readonly analyze: AnalyzeOptions;
  /**
   * `--from <env>` (and `--to <env>`, default: the catalog's `name`) with the configuration: the
   * files came from `from`, so the config's rename rules for `from` → `to` apply. Null: no source.
   */
  readonly source?: PlanSource | null;
}

/** Where `plan --from` says the files came from, and the configuration holding the rename rules. */
export interface PlanSource {
  readonly from: string;
  readonly to: string | null;
  readonly config: FlowgateConfig;
}

/**
 * `flowgate plan <file|dir>... --target <catalog.json> [--from <env> [--to <env>]] [--json]
 * [--out <dir>] [--type <TYPE>]`
 */
export function runPlan(paths: readonly string[], options: PlanOptions, io: CliIo): number {
  const catalog = loadCatalog(options.target, io.cwd);
  const files = collectInputs(paths, io.cwd);
  const batch = planFlows(analyzeInputs(files, options, io), catalog, {
    renames: renamesOf(options.source ?? null, catalog, io),
  });
  if (options.out !== null) writeRetargeted(batch, files, resolve(io.cwd, options.out));
  io.stdout(
    options.json
      ? `${JSON.stringify(planReport(batch), null, 2)}\n`
      : renderPlan(batch, catalog.data.name, io.color),
  );
  return exitForFlows(batch.flows);
}

/**
 * The rename rules of `--from` → the target: `--to`, else the catalog's name (a catalog written
 * for an environment carries its name). Says so on stderr when the pair has none, so a plan
 * without the expected renames is not a mystery.
 */
function renamesOf(source: PlanSource | null, catalog: Catalog, io: CliIo): readonly RenameRule[] {
  if (source === null) return [];
  const known = Object.keys(source.config.environments);
  const to = source.to ?? catalog.data.name;
  for (const env of [source.from, to]) {
    if (!known.includes(env)) {
      const hint = env === to && source.to === null ? ` (the catalog's name; give --to <env>)` : '';
      throw new UsageError(
        `there is no environment '${env}'${hint} in the configuration (known: ${known.join(', ')})`,
      );
    }
  }
  const rules = renameRulesFor(source.config.renames ?? [], source.from, to);
  if (rules.length === 0)
    io.stderr(`flowgate: no rename rules for ${source.from} → ${to} in the configuration\n`);
  return rules;
}

/** Writes each readable flow, re-targeted, in the container it came in, mirroring the input layout. */
function writeRetargeted(batch: PlannedBatch, files: readonly InputFile[], outDir: string): void {
  batch.flows.forEach((flow, i) => {
    const file = files[i];
    if (flow.flow === null || flow.retargeted === null || file === undefined) return;
    const target = join(outDir, file.relative);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, serializeFlow(flow.flow, flow.retargeted));
  });
}
