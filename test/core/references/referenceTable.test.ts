import { describe, expect, it } from 'vitest';
import { isKnownActionType } from '../../../core/actions.js';
import {
  eventHookFlowType,
  REFERENCE_TABLE,
  ruleAt,
  rulesFor,
} from '../../../core/references/referenceTable.js';

describe('REFERENCE_TABLE', () => {
  it('names only action types the rest of flowgate knows', () => {
    const unknown = REFERENCE_TABLE.flatMap((rule) => rule.actionTypes).filter((t) => !isKnownActionType(t));

    expect(unknown).toEqual([]);
  });

  it('starts every parameter path at Parameters', () => {
    expect(REFERENCE_TABLE.filter((rule) => rule.path[0] !== 'Parameters')).toEqual([]);
  });

  it('marks only convention values as not required', () => {
    const optional = REFERENCE_TABLE.filter((rule) => !rule.required).map((rule) => rule.path.join('.'));

    expect(optional).toEqual([
      'Parameters.Attributes.DefaultFlowForAgentUI',
      'Parameters.Attributes.*',
      'Parameters.FlowAttributes.*.Value',
      'Parameters.LambdaInvocationAttributes.*',
    ]);
  });
});

describe('rulesFor', () => {
  it('lists queue and agent rules in table order when the action sets a working queue', () => {
    const rules = rulesFor('UpdateContactTargetQueue').map((rule) => [rule.path.join('.'), rule.kind]);

    expect(rules).toEqual([
      ['Parameters.QueueId', 'queue'],
      ['Parameters.AgentId', 'user'],
    ]);
  });

  it('returns no rules when the action type holds no references', () => {
    expect(rulesFor('DisconnectParticipant')).toEqual([]);
  });

  it('puts the designer display name first when a parameter has one', () => {
    const [queue] = rulesFor('UpdateContactTargetQueue');

    expect(queue?.nameCopies[0]).toEqual(['parameters', 'QueueId', 'displayName']);
  });

  it('ties the loop prompt metadata to the message index when prompts are looped', () => {
    const [messages] = rulesFor('MessageParticipantIteratively');

    expect(messages?.idCopies).toContainEqual(['audio', { match: 0 }, 'id']);
    expect(messages?.nameCopies[0]).toEqual([
      'parameters',
      'Messages',
      { match: 0 },
      'PromptId',
      'displayName',
    ]);
  });
});

describe('ruleAt', () => {
  it('finds the wildcard rule when given a concrete index', () => {
    const rule = ruleAt('MessageParticipantIteratively', ['Parameters', 'Messages', 3, 'PromptId']);

    expect(rule?.kind).toBe('prompt');
  });

  it('returns null when no rule has the path', () => {
    expect(ruleAt('TransferToFlow', ['Parameters', 'QueueId'])).toBeNull();
  });
});

describe('eventHookFlowType', () => {
  it.each([
    ['CustomerQueue', 'CUSTOMER_QUEUE'],
    ['CustomerHold', 'CUSTOMER_HOLD'],
    ['AgentHold', 'AGENT_HOLD'],
    ['CustomerWhisper', 'CUSTOMER_WHISPER'],
    ['AgentWhisper', 'AGENT_WHISPER'],
    ['CustomerRemaining', 'CONTACT_FLOW'],
    ['DefaultAgentUI', 'CONTACT_FLOW'],
    ['PauseContact', 'CONTACT_FLOW'],
    ['toString', 'CONTACT_FLOW'],
  ])('needs a flow of type %s → %s', (hook, expected) => {
    expect(eventHookFlowType(hook)).toBe(expected);
  });
});
