import { describe, expect, it } from 'vitest';
import { actionMetadataOf, actionOf, convert, convertOk, legacyFixture, moduleOf } from './legacyKit.js';

const INSTANCE = 'arn:aws:connect:us-east-1:111122223333:instance/5b2f1c4e-0a7d-4e8b-9c1f-2a3b4c5d6e7f';
const QUEUE_ARN = `${INSTANCE}/queue/9a8b7c6d-1111-4222-8333-444455556666`;
const QUEUE_MUSIC_ARN = `${INSTANCE}/contact-flow/c0ffee00-aaaa-4bbb-8ccc-ddddeeee0001`;

function inbound() {
  return convertOk(legacyFixture('inbound-all-blocks')).content;
}

describe('convertSetQueue', () => {
  it('maps Queue to QueueId with Success and Error branches', () => {
    expect(actionOf(inbound(), 'set-queue')).toEqual({
      Identifier: 'set-queue',
      Type: 'UpdateContactTargetQueue',
      Parameters: { QueueId: QUEUE_ARN },
      Transitions: {
        NextAction: 'set-hook',
        Errors: [{ NextAction: 'disconnect', ErrorType: 'NoMatchingError' }],
      },
    });
  });

  it('keeps the queue name as QueueId displayName beside the legacy queue display', () => {
    const meta = actionMetadataOf(inbound(), 'set-queue');

    expect(meta.parameters).toEqual({ QueueId: { displayName: 'Sales' } });
    expect(meta.queue).toEqual({ id: QUEUE_ARN, text: 'Sales' });
  });

  it('maps an agent read from an attribute to AgentId', () => {
    const doc = legacyFixture('inbound-all-blocks');
    moduleOf(doc, 'set-queue').parameters = [
      { name: 'Agent', value: 'lastAgent', namespace: 'User Defined', resourceName: null },
    ];

    expect(actionOf(convertOk(doc).content, 'set-queue').Parameters).toEqual({
      AgentId: '$.Attributes.lastAgent',
    });
  });

  it('writes an empty QueueId with the displayName when the queue is known only by name', () => {
    const doc = legacyFixture('inbound-all-blocks');
    moduleOf(doc, 'set-queue').parameters = [
      { name: 'Queue', value: '', namespace: null, resourceName: 'Sales' },
    ];

    const { content } = convertOk(doc);

    expect(actionOf(content, 'set-queue').Parameters).toEqual({ QueueId: '' });
    expect(actionMetadataOf(content, 'set-queue').parameters).toEqual({ QueueId: { displayName: 'Sales' } });
  });
});

describe('convertTransferToQueue', () => {
  it('maps Transfer/Queue to TransferContactToQueue with QueueAtCapacity', () => {
    expect(actionOf(inbound(), 'transfer-queue')).toEqual({
      Identifier: 'transfer-queue',
      Type: 'TransferContactToQueue',
      Parameters: {},
      Transitions: {
        NextAction: 'disconnect',
        Errors: [
          { NextAction: 'closed-msg', ErrorType: 'QueueAtCapacity' },
          { NextAction: 'disconnect', ErrorType: 'NoMatchingError' },
        ],
      },
    });
  });

  it('maps a transfer that names its queue to DequeueContactAndTransferToQueue', () => {
    const doc = legacyFixture('inbound-all-blocks');
    moduleOf(doc, 'transfer-queue').parameters = [{ name: 'Queue', value: QUEUE_ARN, resourceName: 'Sales' }];

    expect(actionOf(convertOk(doc).content, 'transfer-queue')).toMatchObject({
      Type: 'DequeueContactAndTransferToQueue',
      Parameters: { QueueId: QUEUE_ARN },
    });
  });
});

describe('convertEventHook', () => {
  it('maps SetEventHook to EventHooks keyed by its Type', () => {
    expect(actionOf(inbound(), 'set-hook')).toMatchObject({
      Type: 'UpdateContactEventHooks',
      Parameters: { EventHooks: { CustomerQueue: QUEUE_MUSIC_ARN } },
    });
  });

  it('keeps the flow name at EventHooks.<hook>.displayName', () => {
    expect(actionMetadataOf(inbound(), 'set-hook').parameters).toEqual({
      EventHooks: { CustomerQueue: { displayName: 'Sales queue music' } },
    });
  });

  it('maps a SetContactFlow known only by name to an empty hook with its displayName', () => {
    const content = inbound();

    expect(actionOf(content, 'set-whisper')).toEqual({
      Identifier: 'set-whisper',
      Type: 'UpdateContactEventHooks',
      Parameters: { EventHooks: { AgentWhisper: '' } },
      Transitions: { NextAction: 'priority' },
    });
    expect(actionMetadataOf(content, 'set-whisper').parameters).toEqual({
      EventHooks: { AgentWhisper: { displayName: 'Agent whisper' } },
    });
  });

  it('cannot be converted when the hook type is missing', () => {
    const doc = legacyFixture('inbound-all-blocks');
    const hook = moduleOf(doc, 'set-hook');
    hook.parameters = hook.parameters.filter((p) => p.name !== 'Type');

    expect(convert(doc).diagnostics).toEqual([
      expect.objectContaining({ code: 'unconvertible-module', action: 'set-hook' }),
    ]);
  });
});

describe('convertSetAttributes', () => {
  it('maps each attribute by namespace: literal, system path, external and user-defined', () => {
    expect(actionOf(inbound(), 'set-attrs').Parameters).toEqual({
      Attributes: {
        lang: 'en-US',
        caller: '$.CustomerEndpoint.Address',
        segment: '$.External.segment',
        choice: '$.Attributes.menuChoice',
      },
    });
  });

  it('warns legacy-system-attribute when a system attribute is not known', () => {
    const doc = legacyFixture('inbound-all-blocks');
    moduleOf(doc, 'set-attrs').parameters = [
      { name: 'Attribute', key: 'agent', value: 'Agent Name', namespace: 'System' },
    ];

    const result = convertOk(doc);

    expect(actionOf(result.content, 'set-attrs').Parameters).toEqual({
      Attributes: { agent: '$.AgentName' },
    });
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ severity: 'warning', code: 'legacy-system-attribute', action: 'set-attrs' }),
    ]);
  });

  it('warns legacy-field-dropped when an attribute has no key', () => {
    const doc = legacyFixture('inbound-all-blocks');
    moduleOf(doc, 'set-attrs').parameters.push({ name: 'Attribute', value: 'orphan', namespace: null });

    expect(convertOk(doc).diagnostics).toEqual([
      expect.objectContaining({ code: 'legacy-field-dropped', action: 'set-attrs' }),
    ]);
  });
});

describe('convertSetScreenPop', () => {
  it('maps the deprecated key and value parameters to one attribute', () => {
    const { content } = convertOk(legacyFixture('deprecated-modules'));

    expect(actionOf(content, 'old-screenpop')).toMatchObject({
      Type: 'UpdateContactAttributes',
      Parameters: { Attributes: { zip: '$.StoredCustomerInput' } },
    });
  });
});

describe('convertSetVoice', () => {
  it('maps voice, engine and style', () => {
    expect(actionOf(inbound(), 'voice')).toEqual({
      Identifier: 'voice',
      Type: 'UpdateContactTextToSpeechVoice',
      Parameters: { TextToSpeechVoice: 'Joanna', TextToSpeechEngine: 'Neural', TextToSpeechStyle: 'None' },
      Transitions: { NextAction: 'recording' },
    });
  });
});

describe('convertSetRecording', () => {
  it('maps recording of both participants and Contact Lens analytics', () => {
    expect(actionOf(inbound(), 'recording').Parameters).toEqual({
      RecordingBehavior: { RecordedParticipants: ['Agent', 'Customer'] },
      AnalyticsBehavior: {
        Enabled: 'True',
        AnalyticsLanguage: 'en-US',
        AnalyticsRedactionBehavior: 'Enabled',
        AnalyticsRedactionResults: 'RedactedAndOriginal',
        ChannelConfiguration: { Voice: { AnalyticsModes: ['RealTime'] } },
      },
    });
  });

  it('records nobody when recording is disabled', () => {
    const doc = legacyFixture('inbound-all-blocks');
    moduleOf(doc, 'recording').parameters = [
      { name: 'RecordingBehaviorOption', value: 'Disable' },
      { name: 'RecordingParticipantOption', value: 'Both' },
    ];

    expect(actionOf(convertOk(doc).content, 'recording').Parameters).toEqual({
      RecordingBehavior: { RecordedParticipants: [] },
    });
  });
});

describe('mediaStreamingConverter', () => {
  it('maps StartMediaStreaming to an enabled stream from and to the customer', () => {
    expect(actionOf(inbound(), 'stream-start').Parameters).toEqual({
      MediaStreamingState: 'Enabled',
      MediaStreamType: 'Audio',
      Participants: [{ ParticipantType: 'Customer', MediaDirections: ['From', 'To'] }],
    });
  });

  it('maps StopMediaStreaming to a disabled stream', () => {
    expect(actionOf(inbound(), 'stream-stop')).toMatchObject({
      Type: 'UpdateContactMediaStreamingBehavior',
      Parameters: { MediaStreamingState: 'Disabled' },
      Transitions: { NextAction: 'wait' },
    });
  });
});

describe('convertRoutingPriority', () => {
  it('maps AbsolutePosition to QueuePriority as text', () => {
    expect(actionOf(inbound(), 'priority')).toEqual({
      Identifier: 'priority',
      Type: 'UpdateContactRoutingBehavior',
      Parameters: { QueuePriority: '2' },
      Transitions: { NextAction: 'transfer-queue' },
    });
  });
});

describe('convertTransferToAgent', () => {
  it('maps Transfer/Agent to TransferContactToAgent', () => {
    expect(actionOf(inbound(), 'transfer-agent')).toEqual({
      Identifier: 'transfer-agent',
      Type: 'TransferContactToAgent',
      Parameters: {},
      Transitions: {},
    });
  });
});

describe('convertSetAttributes with hostile keys', () => {
  it('keeps an attribute whose key is __proto__', () => {
    const doc = legacyFixture('inbound-all-blocks');
    moduleOf(doc, 'set-attrs').parameters = [
      { name: 'Attribute', key: '__proto__', value: 'x', namespace: null },
    ];

    const attributes = actionOf(convertOk(doc).content, 'set-attrs').Parameters?.Attributes;

    expect(Object.keys(attributes ?? {})).toEqual(['__proto__']);
  });
});
