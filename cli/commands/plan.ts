import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { serializeFlow } from '../../core/formats/readFlow.js';
import { type AnalyzeOptions, analyzeFlow, type PlannedBatch, planFlows } from '../../core/pipeline.js';
import { planReport } from '../../core/report.js';
import { loadCatalog } from '../catalogFile.js';
import { collectInputs, type InputFile, readInput } from '../inputs.js';
import { type CliIo, exitForFlows } from '../io.js';
import { renderPlan } from '../render.js';

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
  const batch = planFlows(
    files.map((file) => analyzeFlow(file.display, readInput(file), options.analyze)),
    catalog,
  );
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
