import { describe, expect, it } from 'vitest';
import { actionMetadataOf, actionOf, convert, convertOk, legacyFixture, moduleOf } from './legacyKit.js';

const INSTANCE = 'arn:aws:connect:us-east-1:111122223333:instance/5b2f1c4e-0a7d-4e8b-9c1f-2a3b4c5d6e7f';
const QUEUE_ARN = `${INSTANCE}/queue/9a8b7c6d-1111-4222-8333-444455556666`;
const AFTER_HOURS_ARN = `${INSTANCE}/contact-flow/c0ffee00-aaaa-4bbb-8ccc-ddddeeee0002`;

function inbound() {
  return convertOk(legacyFixture('inbound-all-blocks')).content;
}

describe('convertCheckAttribute', () => {
  it('compares the namespaced attribute with one condition per Evaluate branch', () => {
    expect(actionOf(inbound(), 'check-attr')).toEqual({
      Identifier: 'check-attr',
      Type: 'Compare',
      Parameters: { ComparisonValue: '$.External.segment' },
      Transitions: {
        NextAction: 'hours',
        Errors: [{ NextAction: 'hours', ErrorType: 'NoMatchingCondition' }],
        Conditions: [
          { NextAction: 'set-queue', Condition: { Operator: 'Equals', Operands: ['gold'] } },
          { NextAction: 'hours', Condition: { Operator: 'NumberGreaterThan', Operands: ['10'] } },
        ],
      },
    });
  });

  it('keeps the conditionMetadata branch labels', () => {
    expect(actionMetadataOf(inbound(), 'check-attr').conditionMetadata).toHaveLength(2);
  });
});

describe('convertCheckStaffing', () => {
  it('maps Available to NumberOfAgentsAvailable with True as greater than zero', () => {
    expect(actionOf(inbound(), 'staffing')).toEqual({
      Identifier: 'staffing',
      Type: 'CheckMetricData',
      Parameters: { MetricType: 'NumberOfAgentsAvailable', QueueId: QUEUE_ARN },
      Transitions: {
        NextAction: 'disconnect',
        Errors: [
          { NextAction: 'queue-status', ErrorType: 'NoMatchingCondition' },
          { NextAction: 'disconnect', ErrorType: 'NoMatchingError' },
        ],
        Conditions: [
          { NextAction: 'set-queue', Condition: { Operator: 'NumberGreaterThan', Operands: ['0'] } },
        ],
      },
    });
  });

  it.each([
    ['Staffed', 'NumberOfAgentsStaffed'],
    ['Online', 'NumberOfAgentsOnline'],
  ])('maps status %s to %s', (status, metric) => {
    const doc = legacyFixture('inbound-all-blocks');
    moduleOf(doc, 'staffing').parameters[0] = { name: 'Status', value: status };

    expect(actionOf(convertOk(doc).content, 'staffing').Parameters?.MetricType).toBe(metric);
  });
});

describe('convertCheckQueueStatus', () => {
  it('tests the oldest contact age in seconds when the block checks time in queue', () => {
    expect(actionOf(inbound(), 'queue-status')).toEqual({
      Identifier: 'queue-status',
      Type: 'CheckMetricData',
      Parameters: { MetricType: 'OldestContactInQueueAgeSeconds', QueueId: QUEUE_ARN },
      Transitions: {
        NextAction: 'disconnect',
        Errors: [
          { NextAction: 'metrics', ErrorType: 'NoMatchingCondition' },
          { NextAction: 'disconnect', ErrorType: 'NoMatchingError' },
        ],
        Conditions: [
          { NextAction: 'set-queue', Condition: { Operator: 'NumberLessThan', Operands: ['120'] } },
        ],
      },
    });
  });

  it('cannot be converted when it tests both queue time and queue size', () => {
    const doc = legacyFixture('inbound-all-blocks');
    moduleOf(doc, 'queue-status').branches.push({
      condition: 'CheckQueueSize',
      conditionType: 'GreaterThan',
      conditionValue: 5,
      transition: 'metrics',
    });

    expect(convert(doc).diagnostics).toEqual([
      expect.objectContaining({ code: 'unconvertible-module', action: 'queue-status' }),
    ]);
  });
});

describe('convertGetMetricData', () => {
  it('maps Queue to QueueId', () => {
    expect(actionOf(inbound(), 'metrics')).toMatchObject({
      Type: 'GetMetricData',
      Parameters: { QueueId: QUEUE_ARN },
      Transitions: { NextAction: 'set-queue' },
    });
  });
});

describe('convertCheckHours', () => {
  it('maps True and False to Equals conditions', () => {
    expect(actionOf(inbound(), 'hours')).toEqual({
      Identifier: 'hours',
      Type: 'CheckHoursOfOperation',
      Parameters: {},
      Transitions: {
        NextAction: 'disconnect',
        Errors: [{ NextAction: 'disconnect', ErrorType: 'NoMatchingError' }],
        Conditions: [
          { NextAction: 'staffing', Condition: { Operator: 'Equals', Operands: ['True'] } },
          { NextAction: 'closed-msg', Condition: { Operator: 'Equals', Operands: ['False'] } },
        ],
      },
    });
  });
});

describe('convertLoop', () => {
  it('maps Looping and Complete to ContinueLooping and DoneLooping', () => {
    expect(actionOf(inbound(), 'loop')).toEqual({
      Identifier: 'loop',
      Type: 'Loop',
      Parameters: { LoopCount: '3' },
      Transitions: {
        NextAction: 'disconnect',
        Conditions: [
          { NextAction: 'menu', Condition: { Operator: 'Equals', Operands: ['ContinueLooping'] } },
          { NextAction: 'disconnect', Condition: { Operator: 'Equals', Operands: ['DoneLooping'] } },
        ],
      },
    });
  });
});

describe('convertWait', () => {
  it('maps Timeout to WaitCompleted and CustomerReturn to CustomerReturned', () => {
    expect(actionOf(inbound(), 'wait')).toEqual({
      Identifier: 'wait',
      Type: 'Wait',
      Parameters: { TimeLimitSeconds: '20', Events: ['CustomerReturned'] },
      Transitions: {
        NextAction: 'disconnect',
        Errors: [{ NextAction: 'disconnect', ErrorType: 'NoMatchingError' }],
        Conditions: [
          { NextAction: 'disconnect', Condition: { Operator: 'Equals', Operands: ['WaitCompleted'] } },
          { NextAction: 'welcome-text', Condition: { Operator: 'Equals', Operands: ['CustomerReturned'] } },
        ],
      },
    });
  });
});

describe('convertResume', () => {
  it('maps Resume to a terminal EndFlowExecution', () => {
    const { content } = convertOk(legacyFixture('customer-queue'));

    expect(actionOf(content, 'resume')).toEqual({
      Identifier: 'resume',
      Type: 'EndFlowExecution',
      Parameters: {},
      Transitions: {},
    });
  });
});

describe('convertTransferToFlow', () => {
  it('maps ContactFlowId and Error, and keeps the flow name as displayName', () => {
    const content = inbound();

    expect(actionOf(content, 'transfer-flow')).toEqual({
      Identifier: 'transfer-flow',
      Type: 'TransferToFlow',
      Parameters: { ContactFlowId: AFTER_HOURS_ARN },
      Transitions: {
        NextAction: 'transfer-phone',
        Errors: [{ NextAction: 'transfer-phone', ErrorType: 'NoMatchingError' }],
      },
    });
    expect(actionMetadataOf(content, 'transfer-flow').parameters).toEqual({
      ContactFlowId: { displayName: 'After hours' },
    });
  });

  it('takes the display name from metadata.ContactFlow.text for the deprecated TransferToFlow', () => {
    const { content } = convertOk(legacyFixture('deprecated-modules'));

    expect(actionOf(content, 'old-transfer').Type).toBe('TransferToFlow');
    expect(actionMetadataOf(content, 'old-transfer').parameters).toEqual({
      ContactFlowId: { displayName: 'After hours' },
    });
  });
});

describe('convertSetLogging', () => {
  it('maps Enable to Enabled', () => {
    expect(actionOf(inbound(), 'logging')).toEqual({
      Identifier: 'logging',
      Type: 'UpdateFlowLoggingBehavior',
      Parameters: { FlowLoggingBehavior: 'Enabled' },
      Transitions: { NextAction: 'voice' },
    });
  });

  it('cannot be converted when the behaviour is not known', () => {
    const doc = legacyFixture('inbound-all-blocks');
    moduleOf(doc, 'logging').parameters = [{ name: 'LoggingBehavior', value: 'Verbose' }];

    expect(convert(doc).diagnostics[0]?.message).toContain('Verbose');
  });
});

describe('convertInvokeLambda', () => {
  it('maps the function, time limit and namespaced inputs', () => {
    expect(actionOf(inbound(), 'lambda')).toEqual({
      Identifier: 'lambda',
      Type: 'InvokeLambdaFunction',
      Parameters: {
        LambdaFunctionARN: 'arn:aws:lambda:us-east-1:111122223333:function:lookup-customer',
        InvocationTimeLimitSeconds: '4',
        LambdaInvocationAttributes: {
          phone: '$.CustomerEndpoint.Address',
          tier: '$.Attributes.tier',
          source: 'ivr',
        },
      },
      Transitions: {
        NextAction: 'check-attr',
        Errors: [{ NextAction: 'disconnect', ErrorType: 'NoMatchingError' }],
      },
    });
  });

  it('keeps the function name as LambdaFunctionARN displayName', () => {
    expect(actionMetadataOf(inbound(), 'lambda').parameters).toEqual({
      LambdaFunctionARN: { displayName: 'lookup-customer' },
    });
  });

  it('writes an empty LambdaFunctionARN when the function parameter has no value', () => {
    const doc = legacyFixture('inbound-all-blocks');
    moduleOf(doc, 'lambda').parameters[0] = { name: 'FunctionArn', namespace: null };

    expect(actionOf(convertOk(doc).content, 'lambda').Parameters?.LambdaFunctionARN).toBe('');
  });
});

describe('convertCheckStaffing with a prototype key', () => {
  it('cannot be converted when the status is constructor', () => {
    const doc = legacyFixture('inbound-all-blocks');
    moduleOf(doc, 'staffing').parameters[0] = { name: 'Status', value: 'constructor' };

    expect(convert(doc).diagnostics.map((d) => d.code)).toEqual(['unconvertible-module']);
  });
});
