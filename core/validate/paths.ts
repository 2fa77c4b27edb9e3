import type { Diagnostic } from '../diagnostics.js';
import { blockDiagnostic, describeBlock } from './diagnostic.js';
import type { FlowEdge, FlowModel, FlowNode } from './flowModel.js';

/** Identifiers of the actions reachable from `StartAction` over every kind of transition. */
export function reachableIds(model: FlowModel): Set<string> {
  const seen = new Set<string>();
  if (model.start === null || !model.byId.has(model.start)) return seen;
  const stack = [model.start];
  seen.add(model.start);
  for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
    for (const edge of model.byId.get(id)?.edges ?? []) {
      if (!seen.has(edge.target) && model.byId.has(edge.target)) {
        seen.add(edge.target);
        stack.push(edge.target);
      }
    }
  }
  return seen;
}

/**
 * `unreachable-block` (warning): no path from `StartAction` leads to the block. Skipped when
 * the start itself is missing, which is reported on its own.
 */
export function checkReachability(model: FlowModel): Diagnostic[] {
  if (model.start === null || !model.byId.has(model.start)) return [];
  const reachable = reachableIds(model);
  return model.nodes
    .filter((node) => node.hasId && !reachable.has(node.id))
    .map((node) =>
      blockDiagnostic(
        node,
        'warning',
        'unreachable-block',
        `${describeBlock(node)} cannot be reached from the start of the flow.`,
        'Connect a branch to it, or delete the block if it is left over.',
      ),
    );
}

/** Whether taking `edge` out of `node` makes the fact true (e.g. the queue is now set). */
export type Establishes = (node: FlowNode, edge: FlowEdge) => boolean;

/**
 * A must-analysis: for each reachable action, whether a fact holds on EVERY path from the start
 * to it (intersection at joins). `initial` is the fact on entry to the flow. Runs in time linear
 * in the graph: values only ever fall from true to false, so each action is queued at most once.
 * Actions that cannot be reached keep `true` (they are reported as unreachable instead).
 */
export function mustHold(model: FlowModel, initial: boolean, establishes: Establishes): Map<string, boolean> {
  const value = new Map<string, boolean>();
  for (const id of model.byId.keys()) value.set(id, true);
  if (initial || model.start === null || !model.byId.has(model.start)) return value;
  value.set(model.start, false);
  const queue = [model.start];
  for (let id = queue.pop(); id !== undefined; id = queue.pop()) {
    const node = model.byId.get(id);
    if (node === undefined) continue;
    for (const edge of node.edges) {
      if (establishes(node, edge) || value.get(edge.target) !== true) continue;
      value.set(edge.target, false);
      queue.push(edge.target);
    }
  }
  return value;
}
