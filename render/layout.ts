import type { FlowContent } from '../core/flow.js';
import type { Branch } from './labels.js';
import { actionMetadataById, entryPointOf, type Point, positionOf } from './metadata.js';

/** A rectangle on the canvas, in designer units (pixels at 100 % zoom). */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Where every block goes. */
export interface FlowLayout {
  /** `designer` when the file's own positions are used, `auto` for the fallback. */
  readonly source: 'designer' | 'auto';
  /** One box per action, in `content.Actions` order. */
  readonly blocks: readonly Box[];
  /** The entry point's box (the designer's "Entry" marker). */
  readonly entry: Box;
}

/** Options of {@link layoutFlow}. */
export interface LayoutOptions {
  /** `auto` ignores the file's positions; `designer` (the default) uses them when there are any. */
  readonly layout?: 'designer' | 'auto';
}

/** Width of a block: the designer's blocks are about this wide at 100 % zoom. */
export const BLOCK_WIDTH = 200;
/** Height of the title bar and of the label line under it. */
export const HEADER_HEIGHT = 26;
/** Height of the line under the title that holds the block's label. */
export const LABEL_HEIGHT = 20;
/** Height of one branch row. */
export const BRANCH_HEIGHT = 20;
const BOTTOM_PADDING = 6;
/** Size of the entry marker. */
export const ENTRY_WIDTH = 110;
/** Height of the entry marker. */
export const ENTRY_HEIGHT = 40;
const GAP_X = 60;
const GAP_Y = 30;

/** Height of a block with `branches` branch rows. */
export function blockHeight(branches: number): number {
  return HEADER_HEIGHT + LABEL_HEIGHT + branches * BRANCH_HEIGHT + BOTTOM_PADDING;
}

/**
 * Boxes for a flow's blocks. The designer's positions (`Metadata.ActionMetadata[id].position`)
 * when the file has usable ones, with blocks that lack one stacked in a column to the right; with
 * none (or all at the origin, as generated content writes them) a left-to-right layout by BFS
 * depth from `StartAction`, which never overlaps. `branches[i]` are the branches of action `i`.
 */
export function layoutFlow(
  content: FlowContent,
  branches: readonly (readonly Branch[])[],
  options: LayoutOptions = {},
): FlowLayout {
  const heights = content.Actions.map((_, i) => blockHeight(branches[i]?.length ?? 0));
  const metadata = actionMetadataById(content);
  const positions = content.Actions.map((a) => positionOf(metadata.get(a.Identifier)));
  if (options.layout !== 'auto' && usable(positions)) {
    return designerLayout(content, positions, heights);
  }
  return autoLayout(content, branches, heights);
}

function usable(positions: readonly (Point | null)[]): boolean {
  const placed = positions.filter((p): p is Point => p !== null);
  if (!placed.some((p) => p.x !== 0 || p.y !== 0)) return false;
  // Every block on one spot says nothing about where blocks go, same as no positions at all.
  return placed.length < 2 || new Set(placed.map((p) => `${p.x},${p.y}`)).size > 1;
}

function designerLayout(
  content: FlowContent,
  positions: readonly (Point | null)[],
  heights: readonly number[],
): FlowLayout {
  const placed = positions.filter((p): p is Point => p !== null);
  const right = Math.max(...placed.map((p) => p.x)) + BLOCK_WIDTH + GAP_X;
  let nextY = Math.min(...placed.map((p) => p.y));
  const blocks = positions.map((p, i): Box => {
    const height = heights[i] ?? blockHeight(0);
    if (p !== null) return { x: p.x, y: p.y, width: BLOCK_WIDTH, height };
    const box = { x: right, y: nextY, width: BLOCK_WIDTH, height };
    nextY += height + GAP_Y;
    return box;
  });
  return { source: 'designer', blocks, entry: entryBox(content, blocks) };
}

function entryBox(content: FlowContent, blocks: readonly Box[]): Box {
  const point = entryPointOf(content);
  if (point !== null) return { ...point, width: ENTRY_WIDTH, height: ENTRY_HEIGHT };
  const start = content.Actions.findIndex((a) => a.Identifier === content.StartAction);
  const anchor = blocks[start] ?? blocks[0];
  const x = (anchor?.x ?? 0) - ENTRY_WIDTH - GAP_X;
  return { x, y: anchor?.y ?? 0, width: ENTRY_WIDTH, height: ENTRY_HEIGHT };
}

function autoLayout(
  content: FlowContent,
  branches: readonly (readonly Branch[])[],
  heights: readonly number[],
): FlowLayout {
  const columns = depthColumns(content, branches);
  const blocks: Box[] = content.Actions.map((_, i) => ({
    x: 0,
    y: 0,
    width: BLOCK_WIDTH,
    height: heights[i] ?? blockHeight(0),
  }));
  columns.forEach((column, depth) => {
    let y = 0;
    for (const i of column) {
      const height = heights[i] ?? blockHeight(0);
      blocks[i] = { x: ENTRY_WIDTH + GAP_X + depth * (BLOCK_WIDTH + GAP_X), y, width: BLOCK_WIDTH, height };
      y += height + GAP_Y;
    }
  });
  return { source: 'auto', blocks, entry: { x: 0, y: 0, width: ENTRY_WIDTH, height: ENTRY_HEIGHT } };
}

/**
 * Action indexes by BFS depth from `StartAction`, each column in discovery order. Blocks the
 * start never reaches start their own searches, in action order, from column 0.
 */
function depthColumns(content: FlowContent, branches: readonly (readonly Branch[])[]): number[][] {
  const indexById = new Map<string, number>();
  content.Actions.forEach((a, i) => {
    if (!indexById.has(a.Identifier)) indexById.set(a.Identifier, i);
  });
  const depth = new Map<number, number>();
  const columns: number[][] = [];
  const search = (root: number) => {
    depth.set(root, 0);
    const queue = [root];
    for (let head = 0; head < queue.length; head++) {
      const i = queue[head] ?? root;
      const d = depth.get(i) ?? 0;
      const column = columns[d] ?? [];
      column.push(i);
      columns[d] = column;
      for (const branch of branches[i] ?? []) {
        const next = indexById.get(branch.target);
        if (next === undefined || depth.has(next)) continue;
        depth.set(next, d + 1);
        queue.push(next);
      }
    }
  };
  const start = indexById.get(content.StartAction);
  if (start !== undefined) search(start);
  content.Actions.forEach((_, i) => {
    if (!depth.has(i)) search(i);
  });
  return columns;
}
