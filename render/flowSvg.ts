import { blockName } from '../core/actions.js';
import type { Diagnostic, Severity } from '../core/diagnostics.js';
import type { FlowContent } from '../core/flow.js';
import { extractReferences } from '../core/references/extractReferences.js';
import type { Reference } from '../core/references/types.js';
import { actionBranches, type Branch, blockLabel } from './labels.js';
import {
  type Box,
  BRANCH_HEIGHT,
  HEADER_HEIGHT,
  LABEL_HEIGHT,
  type LayoutOptions,
  layoutFlow,
} from './layout.js';
import { actionMetadataById } from './metadata.js';
import { clipText, escapeXml } from './xml.js';

/** Options of {@link renderFlowSvg}. */
export interface RenderSvgOptions extends LayoutOptions {
  /** A heading above the diagram, usually the flow's name. */
  readonly title?: string;
}

/** How a block is outlined: the designer marks blocks with errors red and with warnings yellow. */
export type BlockStatus = Severity | 'ok';

const MARGIN = 24;
const BACK_BEND = 60;
const TITLE_HEIGHT = 30;
const TITLE_MAX_CHARS = 120;
// A generous average advance of bold 16-unit DejaVu Sans, so a short flow's title is not cut off.
const TITLE_CHAR_WIDTH = 10;
const FONT = 'DejaVu Sans, Verdana, Arial, sans-serif';
// Characters that fit on a line of a 200-unit block at each font size (DejaVu Sans is wide).
const TITLE_CHARS = 24;
const LABEL_CHARS = 28;
const BRANCH_CHARS = 24;
const OUTLINE: Readonly<Record<BlockStatus, { readonly color: string; readonly width: number }>> = {
  error: { color: '#d13212', width: 3 },
  warning: { color: '#f2b600', width: 3 },
  ok: { color: '#aab7b8', width: 1 },
};
const EDGE_COLOR = '#687078';

/** How far the drawing is shifted so the top-left box sits at the margin, below any title. */
interface Offset {
  readonly dx: number;
  readonly dy: number;
}

/**
 * A flow as an SVG picture: every action a block at the designer's position (or a layered
 * layout when the file has none), titled with its block name and a short label, its branches
 * listed with edges to their targets, and blocks with error diagnostics outlined red, with
 * warnings yellow. Pure and deterministic: the same input gives the same string.
 */
export function renderFlowSvg(
  content: FlowContent,
  diagnostics: readonly Diagnostic[],
  options: RenderSvgOptions = {},
): string {
  const branches = content.Actions.map((a) => actionBranches(a));
  const layout = layoutFlow(content, branches, options);
  const { offset, width, height } = canvas([layout.entry, ...layout.blocks], options.title);
  const boxById = new Map<string, Box>();
  content.Actions.forEach((a, i) => {
    const box = layout.blocks[i];
    if (box !== undefined && !boxById.has(a.Identifier)) boxById.set(a.Identifier, box);
  });
  const statuses = blockStatuses(diagnostics);
  const problems = messagesByAction(diagnostics);
  const references = referencesByAction(content);
  const metadata = actionMetadataById(content);

  const edges: string[] = [
    entryEdge(layout.entry, boxById.get(content.StartAction), content.StartAction, offset),
  ];
  const blocks: string[] = [entryBlock(layout.entry, offset)];
  content.Actions.forEach((action, i) => {
    const box = layout.blocks[i];
    if (box === undefined) return;
    const own = branches[i] ?? [];
    own.forEach((branch, j) => {
      edges.push(branchEdge(action.Identifier, branch, j, box, boxById.get(branch.target), offset));
    });
    const label = blockLabel(
      action,
      metadata.get(action.Identifier),
      references.get(action.Identifier) ?? [],
    );
    blocks.push(
      block({
        id: action.Identifier,
        type: action.Type,
        label,
        branches: own,
        box,
        status: statuses.get(action.Identifier) ?? 'ok',
        problems: problems.get(action.Identifier) ?? [],
        offset,
      }),
    );
  });

  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${num(width)}" height="${num(height)}" viewBox="0 0 ${num(width)} ${num(height)}" font-family="${FONT}" font-size="11" data-layout="${layout.source}">`,
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">' +
      `<path d="M0,0 L10,5 L0,10 z" fill="${EDGE_COLOR}"/></marker></defs>`,
    `<rect class="background" x="0" y="0" width="${num(width)}" height="${num(height)}" fill="#ffffff"/>`,
    ...(options.title === undefined
      ? []
      : [
          `<text class="flow-title" x="${MARGIN}" y="${MARGIN + 16}" font-size="16" font-weight="bold" fill="#16191f">${escapeXml(clipText(options.title, TITLE_MAX_CHARS))}</text>`,
        ]),
    `<g class="edges" fill="none" stroke="${EDGE_COLOR}" stroke-width="1.5">`,
    ...edges,
    '</g>',
    '<g class="blocks">',
    ...blocks,
    '</g>',
    '</svg>',
  ].join('\n');
}

/** The drawing's shift and size: every box inside, with room for the title and for back edges. */
function canvas(
  boxes: readonly Box[],
  title: string | undefined,
): { offset: Offset; width: number; height: number } {
  const minX = Math.min(...boxes.map((b) => b.x));
  const minY = Math.min(...boxes.map((b) => b.y));
  const offset = { dx: MARGIN - minX, dy: MARGIN + (title === undefined ? 0 : TITLE_HEIGHT) - minY };
  // Room on the right for the ports and for edges that bend back from the rightmost blocks.
  const right = Math.max(...boxes.map((b) => b.x + b.width)) + offset.dx + MARGIN + BACK_BEND;
  const titleWidth =
    title === undefined ? 0 : 2 * MARGIN + clipText(title, TITLE_MAX_CHARS).length * TITLE_CHAR_WIDTH;
  return {
    offset,
    width: Math.max(right, titleWidth),
    height: Math.max(...boxes.map((b) => b.y + b.height)) + offset.dy + MARGIN,
  };
}

/** Each action's outline: `error` when any error names it, else `warning` when any warning does. */
export function blockStatuses(diagnostics: readonly Diagnostic[]): ReadonlyMap<string, BlockStatus> {
  const statuses = new Map<string, BlockStatus>();
  for (const d of diagnostics) {
    if (d.action === null) continue;
    if (d.severity === 'error' || !statuses.has(d.action)) statuses.set(d.action, d.severity);
  }
  return statuses;
}

function messagesByAction(diagnostics: readonly Diagnostic[]): Map<string, string[]> {
  const byAction = new Map<string, string[]>();
  for (const d of diagnostics) {
    if (d.action === null) continue;
    const list = byAction.get(d.action) ?? [];
    list.push(`${d.severity}: ${d.message}`);
    byAction.set(d.action, list);
  }
  return byAction;
}

function referencesByAction(content: FlowContent): Map<string, Reference[]> {
  const byAction = new Map<string, Reference[]>();
  for (const reference of extractReferences(content)) {
    const list = byAction.get(reference.action) ?? [];
    list.push(reference);
    byAction.set(reference.action, list);
  }
  return byAction;
}

interface BlockView {
  readonly id: string;
  readonly type: string;
  readonly label: string | null;
  readonly branches: readonly Branch[];
  readonly box: Box;
  readonly status: BlockStatus;
  readonly problems: readonly string[];
  readonly offset: Offset;
}

function block(view: BlockView): string {
  const { box, offset } = view;
  const x = box.x + offset.dx;
  const y = box.y + offset.dy;
  const outline = OUTLINE[view.status];
  const name = blockName(view.type);
  const tooltip = [`${name} (${view.id})`, ...view.problems].join('\n');
  const parts = [
    `<g class="block" data-action="${escapeXml(view.id)}" data-type="${escapeXml(view.type)}" data-status="${view.status}">`,
    `<title>${escapeXml(tooltip)}</title>`,
    `<rect class="frame" x="${num(x)}" y="${num(y)}" width="${num(box.width)}" height="${num(box.height)}" rx="4" fill="#ffffff" stroke="${outline.color}" stroke-width="${outline.width}"/>`,
    `<line x1="${num(x)}" y1="${num(y + HEADER_HEIGHT)}" x2="${num(x + box.width)}" y2="${num(y + HEADER_HEIGHT)}" stroke="#d5dbdb"/>`,
    `<text class="title" x="${num(x + 10)}" y="${num(y + 17)}" font-size="12" font-weight="bold" fill="#16191f">${escapeXml(clipText(name, TITLE_CHARS))}</text>`,
  ];
  if (view.label !== null) {
    parts.push(
      `<text class="label" x="${num(x + 10)}" y="${num(y + HEADER_HEIGHT + 14)}" fill="#545b64">${escapeXml(clipText(view.label, LABEL_CHARS))}</text>`,
    );
  }
  view.branches.forEach((branch, j) => {
    const rowY = branchY(box, j) + offset.dy;
    parts.push(
      `<text class="branch" x="${num(x + box.width - 12)}" y="${num(rowY + 4)}" text-anchor="end" fill="#16191f">${escapeXml(clipText(branch.label, BRANCH_CHARS))}</text>`,
      `<circle class="port" cx="${num(x + box.width)}" cy="${num(rowY)}" r="4" fill="${branch.kind === 'error' ? '#d13212' : EDGE_COLOR}"/>`,
    );
  });
  parts.push('</g>');
  return parts.join('');
}

function entryBlock(entry: Box, offset: Offset): string {
  const x = entry.x + offset.dx;
  const y = entry.y + offset.dy;
  return [
    '<g class="entry">',
    `<rect x="${num(x)}" y="${num(y)}" width="${num(entry.width)}" height="${num(entry.height)}" rx="${num(entry.height / 2)}" fill="#e9ebed" stroke="#aab7b8"/>`,
    `<text x="${num(x + entry.width / 2)}" y="${num(y + entry.height / 2 + 4)}" text-anchor="middle" font-size="12" font-weight="bold" fill="#16191f">Entry</text>`,
    `<circle class="port" cx="${num(x + entry.width)}" cy="${num(y + entry.height / 2)}" r="4" fill="${EDGE_COLOR}"/>`,
    '</g>',
  ].join('');
}

/** Centre height of branch row `j` of a block, before the offset. */
function branchY(box: Box, j: number): number {
  return box.y + HEADER_HEIGHT + LABEL_HEIGHT + j * BRANCH_HEIGHT + BRANCH_HEIGHT / 2;
}

function branchEdge(
  from: string,
  branch: Branch,
  j: number,
  box: Box,
  target: Box | undefined,
  offset: Offset,
): string {
  const start = { x: box.x + box.width + offset.dx, y: branchY(box, j) + offset.dy };
  return edge(from, branch.target, branch.label, start, target, offset);
}

function entryEdge(entry: Box, target: Box | undefined, startAction: string, offset: Offset): string {
  const start = { x: entry.x + entry.width + offset.dx, y: entry.y + entry.height / 2 + offset.dy };
  return edge('', startAction, 'Start', start, target, offset);
}

function edge(
  from: string,
  to: string,
  label: string,
  start: { readonly x: number; readonly y: number },
  target: Box | undefined,
  offset: Offset,
): string {
  const attributes = `data-from="${escapeXml(from)}" data-to="${escapeXml(to)}" data-branch="${escapeXml(label)}"`;
  if (target === undefined) {
    // A branch to an action that does not exist: a short red stub, so the gap shows.
    const d = `M${num(start.x)},${num(start.y)} h24`;
    return `<path class="edge" ${attributes} data-missing="true" d="${d}" stroke="#d13212" stroke-dasharray="4 3"/>`;
  }
  const end = { x: target.x + offset.dx, y: target.y + HEADER_HEIGHT / 2 + offset.dy };
  // Forward edges ease over half the distance; a bend that large on an edge running back to
  // the left would swing far past both blocks, so those get a short fixed one.
  const bend = end.x > start.x ? Math.max(40, (end.x - start.x) / 2) : BACK_BEND;
  const d = `M${num(start.x)},${num(start.y)} C${num(start.x + bend)},${num(start.y)} ${num(end.x - bend)},${num(end.y)} ${num(end.x)},${num(end.y)}`;
  return `<path class="edge" ${attributes} d="${d}" marker-end="url(#arrow)"/>`;
}

/** A coordinate with at most one decimal: enough for a picture, and stable across runs. */
function num(n: number): string {
  return String(Math.round(n * 10) / 10);
}
