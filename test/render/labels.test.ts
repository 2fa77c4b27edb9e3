import { describe, expect, it } from 'vitest';
import type { FlowAction, FlowContent } from '../../core/flow.js';
import type { JsonObject } from '../../core/json.js';
import { extractReferences } from '../../core/references/extractReferences.js';
import { actionBranches, blockLabel } from '../../render/labels.js';

const ID = 'c4d5e6f7-0000-4000-8000-000000000001';

function action(
  Type: string,
  Parameters: JsonObject,
  Transitions: FlowAction['Transitions'] = {},
): FlowAction {
  return { Identifier: ID, Type, Parameters, Transitions };
}

/** The label of a one-action flow, with its references traced the way the renderer does. */
function labelOf(a: FlowAction, metadata?: JsonObject): string | null {
  const content: FlowContent = {
    Version: '2019-10-30',
    StartAction: a.Identifier,
    Actions: [a],
    ...(metadata === undefined ? {} : { Metadata: { ActionMetadata: { [a.Identifier]: metadata } } }),
  };
  return blockLabel(a, metadata, extractReferences(content));
}

describe('actionBranches', () => {
  it('lists conditions, then Success, then errors when an action has all three', () => {
    const branches = actionBranches(
      action(
        'GetParticipantInput',
        {},
        {
          NextAction: 'ok',
          Conditions: [{ NextAction: 'one', Condition: { Operator: 'Equals', Operands: ['1'] } }],
          Errors: [
            { NextAction: 'late', ErrorType: 'InputTimeLimitExceeded' },
            { NextAction: 'other', ErrorType: 'NoMatchingCondition' },
            { NextAction: 'bad', ErrorType: 'NoMatchingError' },
          ],
        },
      ),
    );

    expect(branches).toEqual([
      { label: '= 1', target: 'one', kind: 'condition' },
      { label: 'Success', target: 'ok', kind: 'next' },
      { label: 'Timeout', target: 'late', kind: 'error' },
      { label: 'Default', target: 'other', kind: 'error' },
      { label: 'Error', target: 'bad', kind: 'error' },
    ]);
  });

  it.each([
    ['Compare', 'NoMatchingCondition', 'No match'],
    ['TransferContactToQueue', 'QueueAtCapacity', 'At capacity'],
    ['ShowView', 'TimeLimitExceeded', 'Timeout'],
    ['UpdateContactCallbackNumber', 'InvalidCallbackNumber', 'Invalid callback number'],
  ])('names a %s %s branch "%s"', (type, errorType, label) => {
    const [branch] = actionBranches(
      action(type, {}, { Errors: [{ NextAction: 'x', ErrorType: errorType }] }),
    );

    expect(branch?.label).toBe(label);
  });

  it.each([
    ['Compare', 'NumberGreaterThan', ['10'], '> 10'],
    ['Compare', 'TextContains', ['gold'], 'contains gold'],
    ['Compare', 'Equals', [{ Operator: 'Equals', Operands: [] }], '= …'],
    ['CheckHoursOfOperation', 'Equals', ['True'], 'In hours'],
    ['CheckHoursOfOperation', 'Equals', ['False'], 'Out of hours'],
    ['Compare', 'SomethingNew', ['a', 'b'], 'SomethingNew a, b'],
  ])('labels a %s %s condition "%s"', (type, operator, operands, label) => {
    const [branch] = actionBranches(
      action(
        type,
        {},
        { Conditions: [{ NextAction: 'x', Condition: { Operator: operator, Operands: operands } }] },
      ),
    );

    expect(branch?.label).toBe(label);
  });

  it('returns no branches when the action is terminal', () => {
    expect(actionBranches(action('DisconnectParticipant', {}))).toEqual([]);
  });
});

describe('blockLabel', () => {
  const LAMBDA = 'arn:aws:lambda:eu-west-2:123456789012:function:lookupCaller';
  const QUEUE =
    'arn:aws:connect:eu-west-2:123456789012:instance/11111111-2222-4333-8444-555555555555/queue/66666666-7777-4888-8999-000000000001';

  it.each<[string, FlowAction, JsonObject | undefined, string | null]>([
    ['prompt text', action('MessageParticipant', { Text: 'Welcome to Acme' }), undefined, 'Welcome to Acme'],
    [
      'SSML without tags',
      action('MessageParticipant', { SSML: '<speak>Hi there</speak>' }),
      undefined,
      ' Hi there ',
    ],
    [
      'the queue display name',
      action('UpdateContactTargetQueue', { QueueId: QUEUE }),
      { queue: { id: QUEUE, text: 'Billing' } },
      'Billing',
    ],
    [
      'a dynamic queue',
      action('UpdateContactTargetQueue', { QueueId: '$.Attributes.q' }),
      undefined,
      '$.Attributes.q',
    ],
    [
      'the Lambda function name',
      action('InvokeLambdaFunction', { LambdaFunctionARN: LAMBDA }),
      undefined,
      'lookupCaller',
    ],
    [
      'the queue id without a name',
      action('UpdateContactTargetQueue', { QueueId: QUEUE }),
      undefined,
      '66666666-7777-4888-8999-000000000001',
    ],
    [
      'the compared value',
      action('Compare', { ComparisonValue: '$.Attributes.tier' }),
      undefined,
      '$.Attributes.tier',
    ],
    [
      'the attribute names',
      action('UpdateContactAttributes', { Attributes: { a: '1', b: '2' } }),
      undefined,
      'a, b',
    ],
    [
      'the first setting',
      action('UpdateFlowLoggingBehavior', { FlowLoggingBehavior: 'Enabled' }),
      undefined,
      'FlowLoggingBehavior: Enabled',
    ],
    ['nothing', action('DisconnectParticipant', {}), undefined, null],
  ])('shows %s when that is what the block works with', (_, a, metadata, label) => {
    expect(labelOf(a, metadata)).toBe(label);
  });

  it('shows the id when a person named the action', () => {
    const named = { ...action('MessageParticipant', { Text: 'Hello' }), Identifier: 'Greeting' };

    expect(labelOf(named)).toBe('Greeting');
  });

  it('shows the id when the designer marks it friendly even if it looks generated', () => {
    expect(labelOf(action('MessageParticipant', { Text: 'Hello' }), { isFriendlyName: true })).toBe(ID);
  });
});
