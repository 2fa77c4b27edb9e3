import { describe, expect, it } from 'vitest';
import { orderGraph, stronglyConnectedComponents } from '../../../core/bundle/dependencyGraph.js';

const never = (): boolean => false;

describe('stronglyConnectedComponents', () => {
  it('groups nodes that reach each other', () => {
    const components = stronglyConnectedComponents([[1], [2], [0], []]);

    expect(components.map((c) => [...c].sort())).toEqual([[0, 1, 2], [3]]);
  });

  it('handles a 100,000-node chain without running out of stack', () => {
    const chain = Array.from({ length: 100_000 }, (_, i) => (i + 1 < 100_000 ? [i + 1] : []));

    expect(stronglyConnectedComponents(chain)).toHaveLength(100_000);
  });
});

describe('orderGraph', () => {
  it('places dependencies first when edges point at them', () => {
    expect(orderGraph([[1], [2], []], never).order).toEqual([2, 1, 0]);
  });

  it('places first-ranked nodes before others when both are free', () => {
    expect(orderGraph([[], [], []], (n) => n === 2).order).toEqual([2, 0, 1]);
  });

  it('places a dependency before a first-ranked node that needs it', () => {
    expect(orderGraph([[], [0]], (n) => n === 1).order).toEqual([0, 1]);
  });

  it('reports a self-loop as a cycle and leaves plain nodes out', () => {
    expect(orderGraph([[0], []], never).cycles).toEqual([[0]]);
  });
});
