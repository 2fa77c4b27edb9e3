import { describe, expect, it } from 'vitest';
import {
  ACTION_IDS,
  ActionValueError,
  actionIdPattern,
  decodeActionValue,
  decodeModalMetadata,
  decodePickerBlockId,
  encodeActionValue,
  encodeModalMetadata,
  encodePickerBlockId,
  isActionId,
} from '../../blocks/actionIds.js';

describe('encodeActionValue', () => {
  it('round-trips through decodeActionValue when the value has the right shape', () => {
    const value = { env: 'prod', flow: 'flow:Ünïcödé 🚀', version: 3 };
    expect(
      decodeActionValue(ACTION_IDS.requestPublish, encodeActionValue(ACTION_IDS.requestPublish, value)),
    ).toEqual(value);
  });

  it('writes compact JSON when encoding a request id', () => {
    expect(encodeActionValue(ACTION_IDS.approve, { request: 'r-1' })).toBe('{"request":"r-1"}');
  });

  it('throws ActionValueError when a picked option value exceeds 150 characters', () => {
    expect(() => encodeActionValue(ACTION_IDS.pickReplacement, { to: 'x'.repeat(150) })).toThrow(
      ActionValueError,
    );
  });

  it('throws ActionValueError when a flow key is longer than any flowgate stores', () => {
    expect(() =>
      encodeActionValue(ACTION_IDS.rollback, { env: 'prod', flow: 'x'.repeat(2000), to: 1 }),
    ).toThrow(/wrong shape/);
  });
});

describe('decodeActionValue', () => {
  it.each([
    ['not JSON', '{env:', /not JSON/],
    ['the wrong shape', '{"env":"prod","flow":"flow:Main","version":"3"}', /wrong shape at version/],
    ['missing', undefined, /missing/],
  ])('throws a clear ActionValueError when the value is %s', (_case, raw, message) => {
    expect(() => decodeActionValue(ACTION_IDS.requestPublish, raw)).toThrow(message);
  });

  it.each([
    ['a 3,000-character request id', ACTION_IDS.approve, JSON.stringify({ request: 'r'.repeat(3000) })],
    ['a request id with a #', ACTION_IDS.reject, JSON.stringify({ request: 'REQ#1' })],
    [
      'an environment name with a #',
      ACTION_IDS.discardImport,
      '{"env":"prod#x","flow":"flow:A","version":1}',
    ],
    [
      'a 1,000-character flow key',
      ACTION_IDS.requestPublish,
      JSON.stringify({ env: 'prod', flow: 'f'.repeat(1000), version: 1 }),
    ],
    ['a file id with a slash', ACTION_IDS.chooseEnvironment, '{"env":"prod","file":"F1/../x"}'],
  ] as const)('refuses %s before it reaches a store', (_case, actionId, raw) => {
    expect(() => decodeActionValue(actionId, raw)).toThrow(ActionValueError);
  });

  it('carries the action id and code when it throws', () => {
    const error = (() => {
      try {
        decodeActionValue(ACTION_IDS.approve, '{}');
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toMatchObject({
      name: 'ActionValueError',
      code: 'bad-action-value',
      actionId: ACTION_IDS.approve,
    });
  });

  it('throws when the action id is not flowgate’s', () => {
    expect(() => decodeActionValue('other.action' as typeof ACTION_IDS.approve, '{}')).toThrow(
      /Unknown action id/,
    );
  });
});

describe('encodePickerBlockId', () => {
  it('round-trips through decodePickerBlockId', () => {
    const block = { env: 'prod', flow: 'flow:Main', version: 4, ref: 12 };
    expect(decodePickerBlockId(encodePickerBlockId(block))).toEqual(block);
  });

  it('throws ActionValueError when the id would exceed 255 characters', () => {
    expect(() =>
      encodePickerBlockId({ env: 'prod', flow: `flow:${'"'.repeat(127)}`, version: 1, ref: 0 }),
    ).toThrow(ActionValueError);
  });

  it('rejects a block id flowgate did not make', () => {
    expect(() => decodePickerBlockId('actions:1')).toThrow(/not a flowgate picker block id/);
  });
});

describe('actionIdPattern', () => {
  it.each([
    ['flowgate.rollback', true],
    ['flowgate.rollback:3', true],
    ['flowgate.rollback:x', false],
    ['flowgateXrollback', false],
  ])('matches %s: %s', (id, matches) => {
    expect(actionIdPattern(ACTION_IDS.rollback).test(id)).toBe(matches);
  });
});

describe('isActionId', () => {
  it('is true only for flowgate action ids', () => {
    expect([isActionId(ACTION_IDS.approve), isActionId('approve')]).toEqual([true, false]);
  });
});

describe('encodeModalMetadata', () => {
  it('round-trips the channel through decodeModalMetadata', () => {
    expect(decodeModalMetadata(encodeModalMetadata({ channel: 'C0123' }))).toEqual({ channel: 'C0123' });
  });

  it('reads empty metadata as no channel', () => {
    expect(decodeModalMetadata('')).toEqual({});
  });
});
