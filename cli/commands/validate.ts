import { type AnalyzeOptions, analyzeFlow } from '../../core/pipeline.js';
import { validateReport } from '../../core/report.js';
import { collectInputs, readInput } from '../inputs.js';
import { type CliIo, exitForFlows } from '../io.js';
import { renderValidate } from '../render.js';

/** Options of `validate`. */
export interface ValidateOptions {
  readonly json: boolean;
  readonly analyze: AnalyzeOptions;
}

/** `flowgate validate <file|dir>... [--json] [--type <TYPE>]` */
export function runValidate(paths: readonly string[], options: ValidateOptions, io: CliIo): number {
  const flows = collectInputs(paths, io.cwd).map((file) =>
    analyzeFlow(file.display, readInput(file), options.analyze),
  );
  io.stdout(
    options.json ? `${JSON.stringify(validateReport(flows), null, 2)}\n` : renderValidate(flows, io.color),
  );
  return exitForFlows(flows);
}
