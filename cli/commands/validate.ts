import { hasErrors } from '../../core/diagnostics.js';
import { analyzeFlow } from '../../core/pipeline.js';
import { collectInputs, readInput } from '../inputs.js';
import { type CliIo, EXIT } from '../io.js';
import { renderValidate } from '../render.js';
import { validateReport } from '../report.js';

/** `flowgate validate <file|dir>... [--json]` */
export function runValidate(paths: readonly string[], options: { json: boolean }, io: CliIo): number {
  const flows = collectInputs(paths, io.cwd).map((file) => analyzeFlow(file.display, readInput(file)));
  io.stdout(
    options.json ? `${JSON.stringify(validateReport(flows), null, 2)}\n` : renderValidate(flows, io.color),
  );
  return flows.some((f) => hasErrors(f.diagnostics)) ? EXIT.findings : EXIT.ok;
}
