import type { Diagnostic } from '../core/diagnostics.js';
import { outcomeLine } from './importReport.js';
import type { FlowReportView, ImportReportView, ReferenceView } from './types.js';

/**
 * The whole import report as Markdown, for the file the worker posts in the report's thread:
 * every finding with its hint and every reference with its resolution, nothing summarised (a
 * file has no block or character limits that matter here).
 */
export function buildFullReportText(view: ImportReportView): string {
  const lines = [
    `# flowgate import into ${view.env}`,
    '',
    outcomeLine(view),
    '',
    `Imported by ${view.actor}.`,
    ...view.flows.flatMap(flowText),
  ];
  return `${lines.join('\n')}\n`;
}

function flowText(flow: FlowReportView): string[] {
  const stored =
    flow.version === null
      ? 'not stored'
      : `v${flow.version}${flow.created ? ' (new version)' : ' (unchanged)'}`;
  return [
    '',
    `## ${flow.name}`,
    '',
    `- File: ${flow.file}`,
    `- Version: ${stored}`,
    `- Publishable: ${flow.publishable ? 'yes' : 'no'}`,
    '',
    `### Findings (${flow.diagnostics.length})`,
    '',
    ...(flow.diagnostics.length === 0 ? ['None.'] : flow.diagnostics.map(diagnosticText)),
    '',
    `### References (${flow.references.length})`,
    '',
    ...(flow.references.length === 0 ? ['None.'] : flow.references.map(referenceText)),
  ];
}

function diagnosticText(d: Diagnostic): string {
  const where = d.block === null ? 'flow' : `${d.block}${d.action === null ? '' : ` (${d.action})`}`;
  return `- ${d.severity.toUpperCase()} [${d.code}] ${where}: ${d.message}\n  Fix: ${d.hint}`;
}

function referenceText(r: ReferenceView): string {
  const to =
    r.by === 'unresolved' ? 'UNRESOLVED' : r.by === 'dynamic' ? 'dynamic (left as is)' : (r.target ?? '?');
  const by = r.rule === undefined ? r.by : `rule ${r.rule}`;
  const how = r.by === 'unresolved' || r.by === 'dynamic' ? '' : ` (by ${by})`;
  const need = r.required ? ', required' : '';
  return `- ${r.kind} '${r.source}' in ${r.block} (${r.action}${need}) → ${to}${how}`;
}
