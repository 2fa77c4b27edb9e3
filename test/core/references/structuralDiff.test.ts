import { describe, expect, it } from 'vitest';
import { deepFreeze, diffPaths } from './structuralDiff.js';

describe('diffPaths', () => {
  it.each([
    ['equal documents', { a: [1, { b: 'x' }] }, { a: [1, { b: 'x' }] }, []],
    ['a changed leaf', { a: [1, { b: 'x' }] }, { a: [1, { b: 'y' }] }, [['a', 1, 'b']]],
    ['an added key', { a: 1 }, { a: 1, b: 2 }, [['b']]],
    ['a removed key', { a: 1, b: 2 }, { a: 1 }, [['b']]],
    ['an array of another length', { a: [1] }, { a: [1, 2] }, [['a']]],
    ['a type change', { a: { b: 1 } }, { a: 'b' }, [['a']]],
  ])('reports %s', (_case, before, after, expected) => {
    expect(diffPaths(before, after)).toEqual(expected);
  });
});

describe('deepFreeze', () => {
  it('makes nested writes throw when the document is frozen', () => {
    const doc = deepFreeze({ a: { b: [1] } });

    expect(() => {
      (doc.a.b as number[]).push(2);
    }).toThrow(TypeError);
  });
});
