import { describe, expect, it } from 'vitest';
import { checkBranches } from '../../../core/validate/branches.js';
import { actionOf, flowFixture, found, modelOf } from './flowFixtures.js';

describe('checkBranches', () => {
  it('returns nothing when every shown branch is connected', () => {
    expect(checkBranches(modelOf(flowFixture('inbound')))).toEqual([]);
  });

  it('reports unconnected-branch as an error when a non-terminal block has no NextAction and no Conditions', () => {
    const flow = flowFixture('inbound');
    actionOf(flow, 'greeting').Transitions = { Errors: [] };

    const findings = checkBranches(modelOf(flow));

    expect(findings).toEqual([
      expect.objectContaining({
        severity: 'error',
        code: 'unconnected-branch',
        action: 'greeting',
        block: 'Play prompt',
      }),
    ]);
  });

  it('treats an empty NextAction as unconnected', () => {
    const flow = flowFixture('inbound');
    actionOf(flow, 'greeting').Transitions = { NextAction: '' };

    expect(found(checkBranches(modelOf(flow)))).toEqual(['unconnected-branch@greeting']);
  });

  it('returns nothing when Loop prompts has only its interrupt condition', () => {
    expect(checkBranches(modelOf(flowFixture('customer-queue')))).toEqual([]);
  });

  it('returns nothing when Loop prompts has no transitions at all (a hold flow loops until answered)', () => {
    const flow = flowFixture('customer-queue');
    actionOf(flow, 'hold-music').Transitions = {};

    expect(checkBranches(modelOf(flow))).toEqual([]);
  });

  it('reports unconnected-branch when the customer queue transfer has no success branch', () => {
    const flow = flowFixture('customer-queue');
    const transitions = actionOf(flow, 'overflow').Transitions ?? {};
    delete transitions.NextAction;

    expect(found(checkBranches(modelOf(flow)))).toEqual(['unconnected-branch@overflow']);
  });

  it('reports an error when a Check contact attributes block has Conditions but no No match branch', () => {
    const flow = flowFixture('inbound');
    const transitions = actionOf(flow, 'check-vip').Transitions ?? {};
    transitions.Errors = [];

    const findings = checkBranches(modelOf(flow));

    expect(findings).toEqual([
      expect.objectContaining({ severity: 'error', code: 'unconnected-branch', action: 'check-vip' }),
    ]);
    expect(findings[0]?.message).toContain('NoMatchingCondition');
  });

  it('reports an error when Transfer to queue has no At capacity branch', () => {
    const flow = flowFixture('inbound');
    const transitions = actionOf(flow, 'transfer').Transitions ?? {};
    transitions.Errors = transitions.Errors?.filter((e) => e.ErrorType !== 'QueueAtCapacity') ?? [];

    const findings = checkBranches(modelOf(flow));

    expect(findings.map((d) => [d.severity, d.code, d.action])).toEqual([
      ['error', 'unconnected-branch', 'transfer'],
    ]);
    expect(findings[0]?.message).toContain('"At capacity"');
  });

  it('reports the Timeout branch when a menu-mode Get customer input lacks it', () => {
    const flow = flowFixture('inbound');
    const transitions = actionOf(flow, 'main-menu').Transitions ?? {};
    transitions.Errors = transitions.Errors?.filter((e) => e.ErrorType !== 'InputTimeLimitExceeded') ?? [];

    expect(found(checkBranches(modelOf(flow)))).toEqual(['unconnected-branch@main-menu']);
  });

  it('does not require Timeout or Default when Get customer input stores the input', () => {
    const flow = flowFixture('inbound');
    const menu = actionOf(flow, 'main-menu');
    menu.Parameters = { ...menu.Parameters, StoreInput: 'True' };
    menu.Transitions = {
      NextAction: 'goodbye',
      Errors: [{ NextAction: 'goodbye', ErrorType: 'NoMatchingError' }],
    };

    expect(checkBranches(modelOf(flow))).toEqual([]);
  });

  it('reports a warning, not an error, for a branch calibrated on few exports', () => {
    const flow = flowFixture('customer-queue');
    const transitions = actionOf(flow, 'overflow').Transitions ?? {};
    transitions.Errors = transitions.Errors?.filter((e) => e.ErrorType !== 'QueueAtCapacity') ?? [];

    const findings = checkBranches(modelOf(flow));

    expect(findings.map((d) => [d.severity, d.code])).toEqual([['warning', 'unconnected-branch']]);
  });

  it('does not require the Error branch of Play prompt, which many published exports leave out', () => {
    const flow = flowFixture('inbound');
    actionOf(flow, 'greeting').Transitions = { NextAction: 'check-vip' };

    expect(checkBranches(modelOf(flow))).toEqual([]);
  });

  it('skips action types it does not know', () => {
    const flow = flowFixture('inbound');
    flow.Actions.push({ Identifier: 'future', Type: 'SomeNewAction', Transitions: {} });

    expect(checkBranches(modelOf(flow))).toEqual([]);
  });
});
