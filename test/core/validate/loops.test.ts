import { describe, expect, it } from 'vitest';
import { checkEndlessLoops } from '../../../core/validate/loops.js';
import { validateFlow } from '../../../core/validate/validateFlow.js';
import { actionOf, asContent, type EditableFlow, flowFixture, found, modelOf } from './flowFixtures.js';

/** The inbound fixture with the greeting and the VIP check sending each other round forever. */
function greetingLoop(): EditableFlow {
  const flow = flowFixture('inbound');
  const check = actionOf(flow, 'check-vip');
  check.Transitions = {
    NextAction: 'greeting',
    Conditions: [{ NextAction: 'greeting', Condition: { Operator: 'Equals', Operands: ['true'] } }],
    Errors: [{ NextAction: 'greeting', ErrorType: 'NoMatchingCondition' }],
  };
  return flow;
}

describe('checkEndlessLoops', () => {
  it('returns nothing for a flow whose loops go through a menu that waits for the caller', () => {
    const flow = flowFixture('inbound');
    actionOf(flow, 'transfer').Transitions = {
      NextAction: 'main-menu',
      Errors: [{ NextAction: 'main-menu', ErrorType: 'NoMatchingError' }],
    };
    actionOf(flow, 'set-sales-queue').Transitions = {
      NextAction: 'main-menu',
      Errors: [{ NextAction: 'main-menu', ErrorType: 'NoMatchingError' }],
    };

    expect(checkEndlessLoops(modelOf(flow))).toEqual([]);
  });

  it('warns about blocks that only lead to each other, naming every block of the loop', () => {
    const [warning] = checkEndlessLoops(modelOf(greetingLoop()));

    expect(warning).toMatchObject({
      severity: 'warning',
      code: 'endless-loop',
      action: 'greeting',
      block: 'Play prompt',
    });
    expect(warning?.message).toBe(
      'These blocks loop with no way out: "Play prompt" block "greeting", "Check contact attributes" block "check-vip". None of them ends the flow, leads out of the loop, or waits for the customer or a timeout, so a contact that reaches them never leaves.',
    );
  });

  it('warns about a block that leads to itself', () => {
    const flow = flowFixture('inbound');
    actionOf(flow, 'greeting').Transitions = { NextAction: 'greeting' };

    expect(found(checkEndlessLoops(modelOf(flow)))).toEqual(['endless-loop@greeting']);
  });

  it('stays quiet when one branch of the loop leads out', () => {
    const flow = greetingLoop();
    const check = actionOf(flow, 'check-vip');
    check.Transitions = {
      ...check.Transitions,
      Errors: [{ NextAction: 'goodbye', ErrorType: 'NoMatchingCondition' }],
    };

    expect(checkEndlessLoops(modelOf(flow))).toEqual([]);
  });

  it('stays quiet when a block of the loop waits, here a Wait block', () => {
    const flow = greetingLoop();
    actionOf(flow, 'greeting').Type = 'Wait';

    expect(checkEndlessLoops(modelOf(flow))).toEqual([]);
  });

  it('is part of validateFlow', () => {
    expect(found(validateFlow(asContent(greetingLoop()), 'CONTACT_FLOW'))).toContain('endless-loop@greeting');
  });
});
