import { describe, expect, it } from 'vitest';
import { lookup, setOwn } from '../../../../core/formats/legacy/ownKeys.js';

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
