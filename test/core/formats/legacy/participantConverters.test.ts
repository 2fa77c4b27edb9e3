import { describe, expect, it } from 'vitest';
import {
  actionMetadataOf,
  actionOf,
  convert,
  convertOk,
  legacyFixture,
  moduleOf,
  singleModuleFlow,
} from './legacyKit.js';

const PROMPT_ARN =
  'arn:aws:connect:us-east-1:111122223333:instance/5b2f1c4e-0a7d-4e8b-9c1f-2a3b4c5d6e7f/prompt/beefcafe-1234-4567-89ab-cdef01234567';

function inbound() {
  return convertOk(legacyFixture('inbound-all-blocks')).content;
}

describe('convertPlayPrompt', () => {
  it('writes Text and maps Success to NextAction when TextToSpeechType is text', () => {
    expect(actionOf(inbound(), 'welcome-text')).toEqual({
      Identifier: 'welcome-text',
      Type: 'MessageParticipant',
      Parameters: { Text: 'Thanks for calling Example Bank.' },
      Transitions: { NextAction: 'welcome-ssml' },
    });
  });

  it('writes SSML when TextToSpeechType is ssml', () => {
    expect(actionOf(inbound(), 'welcome-ssml').Parameters).toEqual({
      SSML: '<speak>Calls may be recorded.</speak>',
    });
  });

  it('writes PromptId and maps Error to NoMatchingError when the block plays a prompt', () => {
    expect(actionOf(inbound(), 'welcome-audio')).toMatchObject({
      Parameters: { PromptId: PROMPT_ARN },
      Transitions: {
        NextAction: 'menu',
        Errors: [{ ErrorType: 'NoMatchingError', NextAction: 'disconnect' }],
      },
    });
  });

  it('keeps the prompt name as PromptId displayName', () => {
    const meta = actionMetadataOf(inbound(), 'welcome-audio');

    expect(meta.parameters).toEqual({ PromptId: { displayName: 'Welcome.wav' } });
    expect(meta.promptName).toBe('Welcome.wav');
  });

  it('writes an empty PromptId with the display name when the prompt is known only by name', () => {
    const doc = legacyFixture('inbound-all-blocks');
    const audio = moduleOf(doc, 'welcome-audio');
    audio.parameters = [{ name: 'AudioPrompt', namespace: null, resourceName: 'Beep.wav' }];

    const { content } = convertOk(doc);

    expect(actionOf(content, 'welcome-audio').Parameters).toEqual({ PromptId: '' });
    expect(actionMetadataOf(content, 'welcome-audio').parameters).toEqual({
      PromptId: { displayName: 'Beep.wav' },
    });
  });

  it('reads a namespaced text as a JSONPath', () => {
    const doc = legacyFixture('inbound-all-blocks');
    moduleOf(doc, 'welcome-text').parameters = [
      { name: 'Text', value: 'Queue.Name', namespace: 'System' },
      { name: 'TextToSpeechType', value: 'text' },
    ];

    expect(actionOf(convertOk(doc).content, 'welcome-text').Parameters).toEqual({ Text: '$.Queue.Name' });
  });
});

describe('convertGetDigits', () => {
  it('maps a DTMF menu to GetParticipantInput with conditions and input errors', () => {
    expect(actionOf(inbound(), 'menu')).toEqual({
      Identifier: 'menu',
      Type: 'GetParticipantInput',
      Parameters: {
        Text: 'Press 1 for sales. Press 2 for your balance.',
        StoreInput: 'False',
        InputTimeLimitSeconds: '5',
      },
      Transitions: {
        NextAction: 'loop',
        Errors: [
          { NextAction: 'loop', ErrorType: 'InputTimeLimitExceeded' },
          { NextAction: 'loop', ErrorType: 'NoMatchingCondition' },
          { NextAction: 'disconnect', ErrorType: 'NoMatchingError' },
        ],
        Conditions: [
          { NextAction: 'set-attrs', Condition: { Operator: 'Equals', Operands: ['1'] } },
          { NextAction: 'account-input', Condition: { Operator: 'Equals', Operands: ['2'] } },
        ],
      },
    });
  });

  it('treats GetUserInput without a target as a DTMF menu', () => {
    const doc = legacyFixture('inbound-all-blocks');
    delete moduleOf(doc, 'menu').target;

    expect(actionOf(convertOk(doc).content, 'menu').Type).toBe('GetParticipantInput');
  });

  it('warns legacy-field-dropped when a menu reads more than one digit', () => {
    const doc = legacyFixture('inbound-all-blocks');
    moduleOf(doc, 'menu').parameters[3] = { name: 'MaxDigits', value: 3 };

    expect(convertOk(doc).diagnostics).toEqual([
      expect.objectContaining({ code: 'legacy-field-dropped', action: 'menu', block: 'Get customer input' }),
    ]);
  });
});

describe('convertStoreInput', () => {
  it('stores the input with its validation and DTMF settings', () => {
    expect(actionOf(inbound(), 'account-input')).toEqual({
      Identifier: 'account-input',
      Type: 'GetParticipantInput',
      Parameters: {
        Text: 'Enter your account number, then press pound.',
        StoreInput: 'True',
        InputTimeLimitSeconds: '7',
        InputValidation: { CustomValidation: { MaximumLength: '8' } },
        DTMFConfiguration: { DisableCancelKey: 'False', InputTerminationSequence: '#' },
      },
      Transitions: { NextAction: 'lex-v2' },
    });
  });

  it('validates a phone number when the input type is PhoneNumber', () => {
    const doc = legacyFixture('inbound-all-blocks');
    const input = moduleOf(doc, 'account-input');
    input.parameters = input.parameters.map((p) =>
      p.name === 'CustomerInputType' ? { name: 'CustomerInputType', value: 'PhoneNumber' } : p,
    );

    const params = actionOf(convertOk(doc).content, 'account-input').Parameters;

    expect(params?.InputValidation).toEqual({ PhoneNumberValidation: { NumberFormat: 'International' } });
  });

  it('cannot be converted when the entry is encrypted', () => {
    const doc = legacyFixture('inbound-all-blocks');
    const input = moduleOf(doc, 'account-input');
    input.parameters = input.parameters.map((p) => (p.name === 'EncryptEntry' ? { ...p, value: true } : p));

    const result = convert(doc);

    expect(result.ok).toBe(false);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ code: 'unconvertible-module', action: 'account-input' }),
    ]);
    expect(result.diagnostics[0]?.message).toContain('encrypt');
  });
});

describe('convertGetLexInput', () => {
  it('maps a Lex V2 bot to LexV2Bot.AliasArn with intents as conditions', () => {
    expect(actionOf(inbound(), 'lex-v2')).toEqual({
      Identifier: 'lex-v2',
      Type: 'ConnectParticipantWithLexBot',
      Parameters: {
        Text: 'How can I help?',
        LexV2Bot: { AliasArn: 'arn:aws:lex:us-east-1:111122223333:bot-alias/BOTID12345/ALIAS12345' },
      },
      Transitions: {
        NextAction: 'disconnect',
        Errors: [
          { NextAction: 'lex-v1', ErrorType: 'NoMatchingCondition' },
          { NextAction: 'disconnect', ErrorType: 'NoMatchingError' },
        ],
        Conditions: [{ NextAction: 'lambda', Condition: { Operator: 'Equals', Operands: ['CheckBalance'] } }],
      },
    });
  });

  it('keeps the Lex V2 alias name as the AliasArn displayName', () => {
    expect(actionMetadataOf(inbound(), 'lex-v2').parameters).toEqual({
      LexV2Bot: { AliasArn: { displayName: 'live' } },
    });
  });

  it('maps a Lex V1 bot to LexBot name, alias and region', () => {
    expect(actionOf(inbound(), 'lex-v1').Parameters).toEqual({
      Text: 'Say check balance, or agent.',
      LexBot: { Name: 'BankingBotV1', Alias: '$LATEST', Region: 'us-east-1' },
    });
  });
});

describe('convertLoopPrompts', () => {
  it('keeps texts and prompts in order as Messages and maps Timeout to MessagesInterrupted', () => {
    const { content } = convertOk(legacyFixture('customer-queue'));

    expect(actionOf(content, 'hold-loop')).toEqual({
      Identifier: 'hold-loop',
      Type: 'MessageParticipantIteratively',
      Parameters: {
        Messages: [
          { Text: 'Thanks for waiting.' },
          {
            PromptId:
              'arn:aws:connect:us-east-1:111122223333:instance/5b2f1c4e-0a7d-4e8b-9c1f-2a3b4c5d6e7f/prompt/beefcafe-0000-4000-8000-00000000aaaa',
          },
          { SSML: '<speak>Your call matters.</speak>' },
        ],
        InterruptFrequencySeconds: '60',
      },
      Transitions: {
        NextAction: 'resume',
        Errors: [{ NextAction: 'resume', ErrorType: 'NoMatchingError' }],
        Conditions: [
          {
            NextAction: 'offer-callback',
            Condition: { Operator: 'Equals', Operands: ['MessagesInterrupted'] },
          },
        ],
      },
    });
  });

  it('keeps the prompt name at the message index and the legacy audio list', () => {
    const meta = actionMetadataOf(convertOk(legacyFixture('customer-queue')).content, 'hold-loop');

    expect(meta.parameters).toEqual({ Messages: [{}, { PromptId: { displayName: 'Hold music.wav' } }] });
    expect(meta.audio).toHaveLength(3);
  });
});

describe('convertDisconnect', () => {
  it('maps Disconnect to DisconnectParticipant with no parameters', () => {
    expect(actionOf(inbound(), 'disconnect')).toEqual({
      Identifier: 'disconnect',
      Type: 'DisconnectParticipant',
      Parameters: {},
      Transitions: {},
    });
  });
});

describe('convertTransferToPhone', () => {
  it('maps the number, time limit and negated blind transfer, and the call branches', () => {
    expect(actionOf(inbound(), 'transfer-phone')).toEqual({
      Identifier: 'transfer-phone',
      Type: 'TransferParticipantToThirdParty',
      Parameters: {
        ThirdPartyPhoneNumber: '+15555550100',
        ThirdPartyConnectionTimeLimitSeconds: '30',
        ContinueFlowExecution: 'False',
      },
      Transitions: {
        NextAction: 'stream-stop',
        Errors: [
          { NextAction: 'stream-stop', ErrorType: 'CallFailed' },
          { NextAction: 'stream-stop', ErrorType: 'ConnectionTimeLimitExceeded' },
          { NextAction: 'disconnect', ErrorType: 'NoMatchingError' },
        ],
      },
    });
  });

  it('reads the number from an attribute when it is namespaced', () => {
    const flow = singleModuleFlow({
      id: 'dial',
      type: 'Transfer',
      target: 'PhoneNumber',
      branches: [{ condition: 'Error', transition: 'end' }],
      parameters: [{ name: 'PhoneNumber', value: 'ExternalEndpoint', namespace: 'External' }],
      metadata: null,
    });

    expect(actionOf(convertOk(flow).content, 'dial').Parameters).toEqual({
      ThirdPartyPhoneNumber: '$.External.ExternalEndpoint',
    });
  });
});
