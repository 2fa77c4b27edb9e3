import { describe, expect, it } from 'vitest';
import { auditKey, flowPk, versionKey } from '../../../adapters/dynamo/keys.js';

describe('versionKey', () => {
  it('pads the number so versions sort numerically', () => {
    expect([versionKey('test', 'flow:Main', 9).sk, versionKey('test', 'flow:Main', 10).sk]).toEqual([
      'V#0000000009',
      'V#0000000010',
    ]);
  });

  it.each([0, -1, 1.5, 1e10])('rejects %s as a version number', (number) => {
    expect(() => versionKey('test', 'flow:Main', number)).toThrow(/not a positive whole number/);
  });
});

describe('flowPk', () => {
  it('keeps the flow key as written when it holds `#`', () => {
    expect(flowPk('prod', 'flow:Sales #2')).toBe('ENV#prod#FLOW#flow:Sales #2');
  });

  it('rejects an environment name holding `#`', () => {
    expect(() => flowPk('prod#FLOW#x', 'flow:Main')).toThrow(/contains "#"/);
  });
});

describe('auditKey', () => {
  it('partitions events by the month of their time', () => {
    expect(auditKey('prod', '2026-11-21T10:00:00.000Z', 'e1')).toEqual({
      pk: 'ENV#prod#AUDIT#2026-11',
      sk: '2026-11-21T10:00:00.000Z#e1',
    });
  });

  it('rejects a time that is not ISO-8601', () => {
    expect(() => auditKey('prod', 'yesterday', 'e1')).toThrow(/not an ISO-8601 time/);
  });
});
