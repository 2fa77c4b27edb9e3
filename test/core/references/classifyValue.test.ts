// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings are flow templates, written as they appear in exported flows.
import { describe, expect, it } from 'vitest';
import {
  classifyValue,
  hasPlaceholder,
  isUuid,
  maskPlaceholders,
} from '../../../core/references/classifyValue.js';

describe('classifyValue', () => {
  it.each([
    ['$.Attributes.QueueARN', 'dynamic'],
    ['$.External.ACME_lexbot', 'dynamic'],
    ['$.FlowAttributes.vmx3_queue', 'dynamic'],
    ['arn:aws:lambda:$.AwsRegion:111122223333:function:lookup', 'dynamic'],
    ['{{contactFlows.RulesEngineMain.arn}}', 'placeholder'],
    ['${var.queues_map["sales"]}', 'placeholder'],
    ['${SampleErrorModule}', 'placeholder'],
    [
      'arn:${AWS::Partition}:lex:${AWS::Region}:${AWS::AccountId}:bot-alias/ABCDEF1234/TSTALIAS01',
      'placeholder',
    ],
    ['arn:aws:connect:${REGION}:${ACCT_ID}:instance/${INSTANCE_ID}/prompt/${P:Welcome.wav:P}', 'placeholder'],
    ['%%CONNECT_BASIC_QUEUE_ARN%%', 'placeholder'],
    ['<<ARNREPLACE>>', 'placeholder'],
    ['arn:aws:lambda:<REGION>:<ACCOUNT_ID>:function:lookup', 'placeholder'],
    ['#{SalesQueueArn}', 'placeholder'],
    ['__SALES_QUEUE_ARN__', 'placeholder'],
    [
      'arn:aws:connect:us-east-1:111122223333:instance/6f0c2e1a-4b7d-4c3e-9a51-2d8e7f6a1b90/queue/0b6f5a7e-1c2d-4e3f-8a9b-0c1d2e3f4a5b',
      'arn',
    ],
    ['arn:aws:connect:us-east-1:aws:view/confirmation', 'arn'],
    ['4e5f6a7b-8c9d-4e0f-8a1b-2c3d4e5f6a7b', 'id'],
    ['confirmation', 'id'],
    ['ENTER AGENT NAME', 'name'],
    ['Sales queue', 'name'],
    ['', 'name'],
  ])('classifies %j as %s', (value, expected) => {
    expect(classifyValue(value)).toBe(expected);
  });
});

describe('hasPlaceholder', () => {
  it('is false when a value is a plain ARN', () => {
    expect(hasPlaceholder('arn:aws:lambda:us-east-1:111122223333:function:lookup-account')).toBe(false);
  });
});

describe('maskPlaceholders', () => {
  it('keeps the ARN fields in place when placeholders hold colons', () => {
    const masked = maskPlaceholders('arn:${AWS::Partition}:connect:${AWS::Region}:1:instance/x', 'T');

    expect(masked).toBe('arn:T:connect:T:1:instance/x');
  });
});

describe('isUuid', () => {
  it.each([
    ['4E5F6A7B-8C9D-4E0F-8A1B-2C3D4E5F6A7B', true],
    ['confirmation', false],
  ])('says %s is a UUID: %s', (value, expected) => {
    expect(isUuid(value)).toBe(expected);
  });
});
