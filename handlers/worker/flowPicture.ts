import { parseFlowContent } from '../../core/formats/parseFlowContent.js';
import type { FlowVersion } from '../../core/versions/types.js';
import { renderFlowPng } from '../../render/flowPng.js';
import { renderFlowSvg } from '../../render/flowSvg.js';

/**
 * A stored version as a PNG picture for the report's thread: the designer's layout, problem
 * blocks outlined. Null when the stored content is not a flow (never expected).
 */
export function renderVersionPng(version: FlowVersion): Uint8Array | null {
  const checked = parseFlowContent(JSON.parse(version.content));
  if (!checked.ok) return null;
  const svg = renderFlowSvg(checked.content, version.diagnostics, {
    title: `${version.name} v${version.number}`,
  });
  return renderFlowPng(svg);
}
