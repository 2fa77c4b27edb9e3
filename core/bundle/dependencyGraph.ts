/**
 * A batch's dependency graph as adjacency lists over input positions: `edges[a]` holds every `b`
 * that `a` references (so `b` must be published first).
 */
export type DependencyEdges = readonly (readonly number[])[];

/** The publish order and the cycles of a dependency graph, as input positions. */
export interface GraphOrder {
  /** Every node once, dependencies before dependents, `isFirst` nodes as early as the edges allow. */
  readonly order: readonly number[];
  /** Strongly connected groups of more than one node, or one node that references itself; each ascending. */
  readonly cycles: readonly (readonly number[])[];
}

/**
 * Orders a dependency graph: its strongly connected components (found by an iterative Tarjan, so
 * long chains cannot overflow the stack) are placed dependencies first; among components whose
 * dependencies are all placed, those made only of `isFirst` nodes (modules) go first, then the
 * one whose earliest node came first in the input. Nodes of one component follow each other,
 * `isFirst` nodes first, then input order.
 */
export function orderGraph(edges: DependencyEdges, isFirst: (node: number) => boolean): GraphOrder {
  const components = stronglyConnectedComponents(edges).map((nodes) =>
    [...nodes].sort((a, b) => rankOf(a, isFirst) - rankOf(b, isFirst) || a - b),
  );
  const componentOf = new Array<number>(edges.length).fill(0);
  components.forEach((nodes, c) => {
    for (const node of nodes) componentOf[node] = c;
  });
  const order = topologicalOrder(components, componentOf, edges, isFirst).flatMap((c) => components[c] ?? []);
  const position = new Map(order.map((node, i) => [node, i]));
  const cycles = components
    .filter((nodes) => nodes.length > 1 || nodes.some((n) => (edges[n] ?? []).includes(n)))
    .map((nodes) => [...nodes].sort((a, b) => a - b))
    .sort((a, b) => (position.get(a[0] ?? 0) ?? 0) - (position.get(b[0] ?? 0) ?? 0));
  return { order, cycles };
}

/** Tarjan's strongly connected components, iteratively: an explicit stack of (node, next edge) frames. */
export function stronglyConnectedComponents(edges: DependencyEdges): number[][] {
  const count = edges.length;
  const index = new Array<number>(count).fill(-1);
  const low = new Array<number>(count).fill(0);
  const onStack = new Array<boolean>(count).fill(false);
  const stack: number[] = [];
  const components: number[][] = [];
  let counter = 0;
  const visit = (node: number): void => {
    index[node] = counter;
    low[node] = counter;
    counter += 1;
    stack.push(node);
    onStack[node] = true;
  };
  for (let root = 0; root < count; root += 1) {
    if (index[root] !== -1) continue;
    visit(root);
    const frames: { node: number; next: number }[] = [{ node: root, next: 0 }];
    for (let frame = frames.at(-1); frame !== undefined; frame = frames.at(-1)) {
      const { node } = frame;
      const target = edges[node]?.[frame.next];
      if (target !== undefined) {
        frame.next += 1;
        if (index[target] === -1) {
          visit(target);
          frames.push({ node: target, next: 0 });
        } else if (onStack[target] === true) {
          low[node] = Math.min(low[node] ?? 0, index[target] ?? 0);
        }
        continue;
      }
      frames.pop();
      const parent = frames.at(-1);
      if (parent !== undefined) low[parent.node] = Math.min(low[parent.node] ?? 0, low[node] ?? 0);
      if (low[node] === index[node]) components.push(popComponent(stack, onStack, node));
    }
  }
  return components;
}

function popComponent(stack: number[], onStack: boolean[], root: number): number[] {
  const component: number[] = [];
  for (let member = stack.pop(); member !== undefined; member = stack.pop()) {
    onStack[member] = false;
    component.push(member);
    if (member === root) break;
  }
  return component;
}

/** Kahn's algorithm over components, choosing among the ready ones by (modules first, earliest input). */
function topologicalOrder(
  components: readonly (readonly number[])[],
  componentOf: readonly number[],
  edges: DependencyEdges,
  isFirst: (node: number) => boolean,
): number[] {
  const waitingOn = new Array<number>(components.length).fill(0);
  const dependents: number[][] = components.map(() => []);
  components.forEach((nodes, c) => {
    const dependencies = new Set<number>();
    for (const node of nodes) {
      for (const target of edges[node] ?? []) dependencies.add(componentOf[target] ?? c);
    }
    dependencies.delete(c);
    waitingOn[c] = dependencies.size;
    for (const d of dependencies) dependents[d]?.push(c);
  });
  const priority = components.map((nodes) => [nodes.every(isFirst) ? 0 : 1, Math.min(...nodes)] as const);
  const before = (a: number, b: number): number => {
    const [pa, pb] = [priority[a], priority[b]];
    if (pa === undefined || pb === undefined) return 0;
    return pa[0] - pb[0] || pa[1] - pb[1];
  };
  const ready = new SortedQueue(before);
  waitingOn.forEach((n, c) => {
    if (n === 0) ready.push(c);
  });
  const out: number[] = [];
  for (let c = ready.shift(); c !== undefined; c = ready.shift()) {
    out.push(c);
    for (const dependent of dependents[c] ?? []) {
      const left = (waitingOn[dependent] ?? 0) - 1;
      waitingOn[dependent] = left;
      if (left === 0) ready.push(dependent);
    }
  }
  return out;
}

function rankOf(node: number, isFirst: (node: number) => boolean): number {
  return isFirst(node) ? 0 : 1;
}

/** A queue kept sorted on insert (binary search): batches are hundreds of flows, not millions. */
class SortedQueue {
  readonly #items: number[] = [];
  readonly #compare: (a: number, b: number) => number;
  constructor(compare: (a: number, b: number) => number) {
    this.#compare = compare;
  }
  push(item: number): void {
    let lo = 0;
    let hi = this.#items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.#compare(this.#items[mid] ?? item, item) <= 0) lo = mid + 1;
      else hi = mid;
    }
    this.#items.splice(lo, 0, item);
  }
  shift(): number | undefined {
    return this.#items.shift();
  }
}
