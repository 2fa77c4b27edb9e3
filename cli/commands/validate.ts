import { type AnalyzedFlow, type AnalyzeOptions, analyzeFlow } from '../../core/pipeline.js';
import { validateReport } from '../../core/report.js';
import { collectInputs, type InputFile, readInput } from '../inputs.js';
import { type CliIo, exitForFlows } from '../io.js';
import { NO_PROGRESS, progressLine } from '../progress.js';
import { renderValidate } from '../render.js';

/** Options of `validate`. */
export interface ValidateOptions {
  readonly json: boolean;
  readonly analyze: AnalyzeOptions;
}

/** `flowgate validate <file|dir>... [--json] [--type <TYPE>]` */
export function runValidate(paths: readonly string[], options: ValidateOptions, io: CliIo): number {
  const flows = analyzeInputs(collectInputs(paths, io.cwd), options, io);
  io.stdout(
    options.json ? `${JSON.stringify(validateReport(flows), null, 2)}\n` : renderValidate(flows, io.color),
  );
  return exitForFlows(flows);
}

/**
 * Reads and analyzes each file, showing "Reading n/total …" on a terminal (never with `--json`):
 * a folder of hundreds of exports takes seconds.
 */
export function analyzeInputs(
  files: readonly InputFile[],
  options: { readonly json: boolean; readonly analyze: AnalyzeOptions },
  io: CliIo,
): AnalyzedFlow[] {
  const progress = options.json ? NO_PROGRESS : progressLine(io.terminal, 'Reading');
  try {
    return files.map((file, i) => {
      const flow = analyzeFlow(file.display, readInput(file), options.analyze);
      progress.update(i + 1, files.length);
      return flow;
    });
  } finally {
    progress.end();
  }
}
