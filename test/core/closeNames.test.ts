import { describe, expect, it } from 'vitest';
import { closeNames, quoteList } from '../../core/closeNames.js';

const NAMES = ['Main IVR', 'Billing', 'Sales queue music', 'Sales', 'Billing after hours'];

describe('closeNames', () => {
  it.each([
    ['main ivr', ['Main IVR']],
    ['Biling', ['Billing']],
    ['sales', ['Sales', 'Sales queue music']],
    ['Billing', ['Billing', 'Billing after hours']],
    ['Transfer to agent', []],
  ])('suggests for %j: %j', (wanted, expected) => {
    expect(closeNames(wanted, NAMES)).toEqual(expected);
  });

  it('stops at the limit when many names are close', () => {
    expect(closeNames('a', ['a1', 'a2', 'a3'], 2)).toEqual(['a1', 'a2']);
  });
});

describe('quoteList', () => {
  it('quotes names, or says none when there are none', () => {
    expect([quoteList(['A', 'B']), quoteList([])]).toEqual(["'A', 'B'", 'none']);
  });
});
