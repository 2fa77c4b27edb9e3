import { describe, expect, it } from 'vitest';
import { flowKeyKindOf, flowKeyOf, parseFlowKey } from '../../../core/versions/flowKey.js';

describe('flowKeyOf', () => {
  it.each([
    ['flow', 'Main IVR', 'flow:Main IVR'],
    ['module', 'Authenticate caller', 'module:Authenticate caller'],
  ] as const)('gives %s keys as kind:name (%s)', (kind, name, key) => {
    expect(flowKeyOf(kind, name)).toBe(key);
  });
});

describe('parseFlowKey', () => {
  it('returns kind and name when the key is one flowKeyOf makes', () => {
    expect(parseFlowKey(flowKeyOf('module', 'Auth: PIN'))).toEqual({ kind: 'module', name: 'Auth: PIN' });
  });

  it.each(['Main IVR', 'queue:Sales', 'flow:', ':x'])('returns null when %j is not a flow key', (text) => {
    expect(parseFlowKey(text)).toBeNull();
  });
});

describe('flowKeyKindOf', () => {
  it.each([
    ['MODULE', 'module'],
    ['CUSTOMER_QUEUE', 'flow'],
    [null, 'flow'],
  ] as const)('maps %s to %s', (type, kind) => {
    expect(flowKeyKindOf(type)).toBe(kind);
  });
});
