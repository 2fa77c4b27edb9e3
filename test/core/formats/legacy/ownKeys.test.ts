import { describe, expect, it } from 'vitest';
import { copyJson, lookup, setOwn } from '../../../../core/formats/legacy/ownKeys.js';

describe('lookup', () => {
  it('finds an own entry', () => {
    expect(lookup({ Enable: 'Enabled' }, 'Enable')).toBe('Enabled');
  });

  it.each(['constructor', 'toString', '__proto__'])('finds nothing for the prototype key %s', (key) => {
    expect(lookup({ Enable: 'Enabled' }, key)).toBeUndefined();
  });
});

describe('setOwn', () => {
  it('stores __proto__ as a plain entry instead of replacing the prototype', () => {
    const target: Record<string, string> = {};

    setOwn(target, '__proto__', 'value');

    expect(Object.keys(target)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(target)).toBe(Object.prototype);
  });
});

describe('copyJson', () => {
  it('copies every level and keeps a __proto__ key as an own entry', () => {
    const original = JSON.parse('{"position":{"x":1},"__proto__":{"y":2},"list":[{"z":3}]}');

    const copy = copyJson(original) as Record<string, { x?: number }>;

    expect(copy).toEqual(structuredClone(original));
    expect(Object.keys(copy)).toEqual(['position', '__proto__', 'list']);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(copy.position).not.toBe(original.position);
    expect(copy.list).not.toBe(original.list);
  });
});
