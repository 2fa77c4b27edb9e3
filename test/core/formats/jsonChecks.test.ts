import { describe, expect, it } from 'vitest';
import { checkJsonText, lossyNumber, MAX_JSON_DEPTH } from '../../../core/formats/jsonChecks.js';

function check(text: string) {
  return checkJsonText(text, JSON.parse(text));
}

describe('checkJsonText', () => {
  it('finds nothing in ordinary JSON', () => {
    expect(check('{"a": [1, 2.5, -0, 1e2, "x"], "b": {"c": 12345678901234}}')).toEqual({
      tooDeep: null,
      lossyNumbers: [],
      duplicateKeys: [],
    });
  });

  it('gives the path where nesting first goes past the limit', () => {
    const text = `{"a":${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}}`;

    expect(check(text).tooDeep).toEqual(['a', ...Array.from({ length: MAX_JSON_DEPTH - 1 }, () => 0)]);
  });

  it('accepts nesting exactly at the limit', () => {
    const text = `${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`;

    expect(check(text).tooDeep).toBeNull();
  });

  it('finds numbers a double cannot hold, with their paths and what they would become', () => {
    const found = check(`{"x": [1, 1e999], "y": {"z": 12345678901234567890}, "w": -${'9'.repeat(400)}}`);

    expect(found.lossyNumbers).toEqual([
      { path: ['x', 1], text: '1e999', becomes: 'null' },
      { path: ['y', 'z'], text: '12345678901234567890', becomes: '12345678901234567000' },
      { path: ['w'], text: `-${'9'.repeat(400)}`, becomes: 'null' },
    ]);
  });

  it('finds a key given twice in the same object, not the same key in two objects', () => {
    const found = check('{"a": {"k": 1, "k": 2}, "b": {"k": 1}, "s": "\\"k\\": 3"}');

    expect(found.duplicateKeys).toEqual([{ path: ['a'], key: 'k' }]);
  });

  it('finds a duplicate written with an escape, and with spaces before the colon', () => {
    expect(check('{"k" : 1, "\\u006b" : 2}').duplicateKeys).toEqual([{ path: [], key: 'k' }]);
  });
});

describe('lossyNumber', () => {
  it.each(['1.50', '1e2', '0.05', '5E-2', '-0', '9007199254740992', '0.30000000000000004'])(
    'is null for %s, which comes back as the same value',
    (text) => {
      expect(lossyNumber(text)).toBeNull();
    },
  );

  it.each([
    ['1e-999', '0'],
    ['9007199254740993', '9007199254740992'],
  ])('says %s becomes %s', (text, becomes) => {
    expect(lossyNumber(text)).toBe(becomes);
  });
});
