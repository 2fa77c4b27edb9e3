import { describe, expect, it } from 'vitest';
import type { FlowEdge, FlowNode } from '../../../core/validate/flowModel.js';
import { checkReachability, mustHold, reachableIds } from '../../../core/validate/paths.js';
import { actionOf, flowFixture, found, modelOf } from './flowFixtures.js';

const setsQueue = (node: FlowNode, edge: FlowEdge) =>
  node.type === 'UpdateContactTargetQueue' && edge.kind === 'next';

describe('reachableIds', () => {
  it('includes targets of conditions and error branches when walking from the start', () => {
    const flow = flowFixture('inbound');

    const reachable = reachableIds(modelOf(flow));

    expect([...reachable].sort()).toEqual(flow.Actions.map((a) => a.Identifier).sort());
  });

  it('is empty when the start names no action', () => {
    const flow = flowFixture('inbound');
    flow.StartAction = 'gone';

    expect(reachableIds(modelOf(flow)).size).toBe(0);
  });
});

describe('checkReachability', () => {
  it('returns nothing when every block is reachable', () => {
    expect(checkReachability(modelOf(flowFixture('inbound')))).toEqual([]);
  });

  it('reports unreachable-block as a warning when no branch leads to a block', () => {
    const flow = flowFixture('inbound');
    const menu = actionOf(flow, 'main-menu');
    menu.Transitions = { ...menu.Transitions, Conditions: menu.Transitions?.Conditions?.slice(0, 2) ?? [] };

    const findings = checkReachability(modelOf(flow));

    expect(findings).toEqual([
      expect.objectContaining({ severity: 'warning', code: 'unreachable-block', action: 'operator' }),
    ]);
  });

  it('does not treat a terminal block as special', () => {
    const flow = flowFixture('inbound');
    flow.Actions.push({ Identifier: 'old-goodbye', Type: 'DisconnectParticipant', Transitions: {} });

    expect(found(checkReachability(modelOf(flow)))).toEqual(['unreachable-block@old-goodbye']);
  });

  it('returns nothing when the start is missing, which is reported elsewhere', () => {
    const flow = flowFixture('inbound');
    flow.StartAction = 'gone';

    expect(checkReachability(modelOf(flow))).toEqual([]);
  });
});

describe('mustHold', () => {
  it('holds at the transfer when both menu paths set the queue', () => {
    const flow = flowFixture('inbound');

    const held = mustHold(modelOf(flow), false, setsQueue);

    expect(held.get('transfer')).toBe(true);
  });

  it('fails at the transfer when one path reaches it without setting the queue', () => {
    const flow = flowFixture('inbound');
    const condition = actionOf(flow, 'main-menu').Transitions?.Conditions?.[1];
    if (condition !== undefined) condition.NextAction = 'transfer';

    const held = mustHold(modelOf(flow), false, setsQueue);

    expect(held.get('transfer')).toBe(false);
  });

  it('fails at the transfer when the only way there is the error branch of Set working queue', () => {
    const flow = flowFixture('inbound');
    for (const id of ['set-sales-queue', 'set-support-queue']) {
      actionOf(flow, id).Transitions = {
        NextAction: 'goodbye',
        Errors: [{ NextAction: 'transfer', ErrorType: 'NoMatchingError' }],
      };
    }

    const held = mustHold(modelOf(flow), false, setsQueue);

    expect(held.get('transfer')).toBe(false);
  });

  it('holds at the transfer when a retry loop sends At capacity back to the menu', () => {
    const flow = flowFixture('inbound');
    const atCapacity = actionOf(flow, 'transfer').Transitions?.Errors?.[0];
    if (atCapacity !== undefined) atCapacity.NextAction = 'main-menu';

    const held = mustHold(modelOf(flow), false, setsQueue);

    expect([held.get('main-menu'), held.get('transfer')]).toEqual([false, true]);
  });

  it('holds everywhere when the fact holds on entry', () => {
    const flow = flowFixture('inbound');

    const held = mustHold(modelOf(flow), true, () => false);

    expect([...held.values()].every(Boolean)).toBe(true);
  });
});
