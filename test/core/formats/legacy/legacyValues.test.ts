import { describe, expect, it } from 'vitest';
import {
  isTruthy,
  namespacedValue,
  scalarText,
  systemValue,
} from '../../../../core/formats/legacy/legacyValues.js';

describe('scalarText', () => {
  it.each([
    ['a string', 'Hello', 'Hello'],
    ['a number', 6, '6'],
    ['a decimal', 1.5, '1.5'],
    ['true', true, 'True'],
    ['false', false, 'False'],
    ['null', null, ''],
    ['a missing value', undefined, ''],
  ])('writes %s as Flow Language text', (_label, value, expected) => {
    expect(scalarText(value)).toBe(expected);
  });
});

describe('isTruthy', () => {
  it.each([
    [true, true],
    ['true', true],
    ['True', true],
    [false, false],
    ['false', false],
    [null, false],
    [undefined, false],
  ])('reads %s as %s', (value, expected) => {
    expect(isTruthy(value)).toBe(expected);
  });
});

describe('namespacedValue', () => {
  it.each([
    ['null', null, 'BasicQueue', 'BasicQueue'],
    ['missing', undefined, 'BasicQueue', 'BasicQueue'],
    ['empty', '', 'BasicQueue', 'BasicQueue'],
    ['User Defined', 'User Defined', 'queueArn', '$.Attributes.queueArn'],
    ['External', 'External', 'routing_target', '$.External.routing_target'],
    ['System', 'System', 'Customer Number', '$.CustomerEndpoint.Address'],
  ])('maps namespace %s to the Flow Language value', (_label, namespace, value, expected) => {
    expect(namespacedValue(value, namespace)).toEqual({ value: expected, doubt: null });
  });

  it('keeps a number literal as text when the namespace is null', () => {
    expect(namespacedValue(120, null).value).toBe('120');
  });

  it('flags legacy-unknown-namespace when the namespace is not known', () => {
    const result = namespacedValue('slot', 'Lex Slots');

    expect(result.value).toBe('$.LexSlots.slot');
    expect(result.doubt?.code).toBe('legacy-unknown-namespace');
  });
});

describe('systemValue', () => {
  it.each([
    ['Customer Number', '$.CustomerEndpoint.Address'],
    ['Dialed Number', '$.SystemEndpoint.Address'],
    ['Stored customer input', '$.StoredCustomerInput'],
    ['Customer callback number', '$.CustomerCallbackNumber'],
    ['Queue.Name', '$.Queue.Name'],
    ['Queue.ARN', '$.Queue.ARN'],
    ['Queue.OutboundCallerId.Address', '$.Queue.OutboundCallerId.Address'],
    ['ContactId', '$.ContactId'],
    ['InitialContactId', '$.InitialContactId'],
    ['PreviousContactId', '$.PreviousContactId'],
    ['Channel', '$.Channel'],
    ['InstanceARN', '$.InstanceARN'],
    ['InitiationMethod', '$.InitiationMethod'],
    ['TextToSpeechVoiceId', '$.TextToSpeechVoiceId'],
  ])('maps %s to %s', (name, path) => {
    expect(systemValue(name)).toEqual({ value: path, doubt: null });
  });

  it('guesses the path without spaces and flags legacy-system-attribute when the name is unknown', () => {
    const result = systemValue('Agent Name');

    expect(result.value).toBe('$.AgentName');
    expect(result.doubt?.code).toBe('legacy-system-attribute');
  });

  it('does not mistake an Object prototype key for a known attribute', () => {
    expect(systemValue('constructor').doubt?.code).toBe('legacy-system-attribute');
  });
});
