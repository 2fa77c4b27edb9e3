import { describe, expect, it } from 'vitest';
import { compactJsonLengthBounds } from '../../../core/formats/jsonLength.js';

describe('compactJsonLengthBounds', () => {
  it.each([
    [{ a: [1, -0, 1e21, 1.5, true, false, null], b: {}, c: [] }],
    [{ 'k"': 'quote " backslash \\ newline \n control \u0001 emoji 😀 lone \ud800' }],
    [[]],
    [''],
    [{ nested: { deeper: [{ x: 'y' }] } }],
  ])('brackets the JSON.stringify length of %j', (value) => {
    const { min, max } = compactJsonLengthBounds(value);
    const exact = JSON.stringify(value).length;

    expect(min).toBeLessThanOrEqual(exact);
    expect(max).toBeGreaterThanOrEqual(exact);
  });

  it('is exact at the low end for text without escapes', () => {
    const value = { Actions: [{ Identifier: 'a b', Parameters: { Text: 'Hello there', N: 12.5 } }] };

    expect(compactJsonLengthBounds(value).min).toBe(JSON.stringify(value).length);
  });

  it('stops early with a lower bound past the limit when given one', () => {
    const value = {
      Actions: Array.from({ length: 1000 }, (_, i) => ({ Identifier: `a${i}`, Text: 'x'.repeat(100) })),
    };
    const exact = JSON.stringify(value).length;

    const { min } = compactJsonLengthBounds(value, 5_000);

    expect(min).toBeGreaterThan(5_000);
    expect(min).toBeLessThan(exact / 2);
  });
});
