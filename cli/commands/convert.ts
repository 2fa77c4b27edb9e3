import { analyzeFlow } from '../../core/pipeline.js';
import { collectInputs, readInput } from '../inputs.js';
import { type CliIo, EXIT, exitForFlows, UsageError } from '../io.js';
import { renderValidate } from '../render.js';

/**
 * `flowgate convert <file>`: the Flow Language document on stdout (legacy exports converted,
 * containers unwrapped); findings on stderr so the output stays pipeable.
 */
export function runConvert(paths: readonly string[], io: CliIo): number {
  const files = collectInputs(paths, io.cwd);
  const [file] = files;
  if (file === undefined || files.length !== 1) throw new UsageError('convert takes exactly one file');
  const analyzed = analyzeFlow(file.display, readInput(file));
  if (analyzed.flow !== null) io.stdout(`${JSON.stringify(analyzed.flow.content, null, 2)}\n`);
  if (analyzed.diagnostics.length > 0) io.stderr(renderValidate([analyzed], io.color));
  const code = exitForFlows([analyzed]);
  // A recognised file that still gave no document (its content did not parse) printed nothing.
  return code === EXIT.ok && analyzed.flow === null ? EXIT.findings : code;
}
