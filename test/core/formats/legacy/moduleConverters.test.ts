import { describe, expect, it } from 'vitest';
import type { LegacyModule } from '../../../../core/formats/legacy/legacySchema.js';
import {
  converterKey,
  convertibleModuleKeys,
  findConverter,
} from '../../../../core/formats/legacy/moduleConverters.js';
import { actionOf, convertOk, legacyFixture } from './legacyKit.js';

function module(
  type: string,
  target: string | null = null,
  parameters: LegacyModule['parameters'] = [],
): LegacyModule {
  return { id: 'm', type, target, branches: [], parameters, metadata: null };
}

describe('converterKey', () => {
  it.each([
    ['PlayAudio', null, 'PlayPrompt'],
    ['StoreCustomerInput', null, 'StoreUserInput'],
    ['TransferToFlow', null, 'Transfer/Flow'],
    ['CustomerInQueue', null, 'Transfer/Queue'],
    ['Transfer', 'Queue', 'Transfer/Queue'],
    ['InvokeExternalResource', 'Lambda', 'InvokeExternalResource/Lambda'],
    ['SetQueue', 'Queue', 'SetQueue'],
    ['Transfer', null, 'Transfer'],
  ])('reads %s with target %s as %s', (type, target, key) => {
    expect(converterKey(module(type, target))).toBe(key);
  });

  it('reads GetUserInput without target as Lex when it names a bot', () => {
    expect(converterKey(module('GetUserInput', null, [{ name: 'BotName', value: 'Bot' }]))).toBe(
      'GetUserInput/Lex',
    );
  });
});

describe('findConverter', () => {
  it.each([
    ['Transfer', null],
    ['Transfer', 'Lambda'],
    ['InvokeExternalResource', 'Webhook'],
    ['CheckVoiceId', null],
    ['toString', null],
  ])('finds nothing for %s with target %s', (type, target) => {
    expect(findConverter(module(type, target))).toBeUndefined();
  });

  it('finds a converter for every key it lists', () => {
    const keys = convertibleModuleKeys();

    const missing = keys.filter((key) => {
      const [type = '', target = null] = key.split('/');
      return findConverter(module(type, target)) === undefined;
    });

    expect(missing).toEqual([]);
  });
});

describe('deprecated module types', () => {
  it.each([
    ['old-audio', 'MessageParticipant'],
    ['old-store', 'GetParticipantInput'],
    ['old-screenpop', 'UpdateContactAttributes'],
    ['old-transfer', 'TransferToFlow'],
    ['old-queue', 'TransferContactToQueue'],
  ])('converts %s to %s', (id, type) => {
    const { content } = convertOk(legacyFixture('deprecated-modules'));

    expect(actionOf(content, id).Type).toBe(type);
  });
});
