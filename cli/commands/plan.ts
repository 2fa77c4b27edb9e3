import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { serializeFlow } from '../../core/formats/readFlow.js';
import { type AnalyzeOptions, type PlannedBatch, planFlows } from '../../core/pipeline.js';
import { planReport } from '../../core/report.js';
import { loadCatalog } from '../catalogFile.js';
import { collectInputs, type InputFile } from '../inputs.js';
import { type CliIo, exitForFlows } from '../io.js';
import { renderPlan } from '../render.js';
import { analyzeInputs } from './validate.js';

/** Options of `plan`. */
export interface PlanOptions {
  readonly target: string;
  readonly json: boolean;
  readonly out: string | null;
  readonly analyze: AnalyzeOptions;
}

/** `flowgate plan <file|dir>... --target <catalog.json> [--json] [--out <dir>] [--type <TYPE>]` */
export function runPlan(paths: readonly string[], options: PlanOptions, io: CliIo): number {
  const catalog = loadCatalog(options.target, io.cwd);
  const files = collectInputs(paths, io.cwd);
  const batch = planFlows(analyzeInputs(files, options, io), catalog);
  if (options.out !== null) writeRetargeted(batch, files, resolve(io.cwd, options.out));
  io.stdout(
    options.json
      ? `${JSON.stringify(planReport(batch), null, 2)}\n`
      : renderPlan(batch, catalog.data.name, io.color),
  );
  return exitForFlows(batch.flows);
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
