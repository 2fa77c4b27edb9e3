import { describe, expect, it } from 'vitest';
import type { FlowKind } from '../../../core/flowTypes.js';
import {
  checkActionPlacement,
  checkQueueFlowTransfer,
  checkStaffingQueue,
  checkTransferQueue,
} from '../../../core/validate/flowTypeRules.js';
import { actionOf, flowFixture, found, modelOf } from './flowFixtures.js';

describe('checkActionPlacement', () => {
  it('returns nothing when every block is allowed in the flow type', () => {
    expect(checkActionPlacement(modelOf(flowFixture('inbound')), 'CONTACT_FLOW')).toEqual([]);
  });

  it('reports action-not-allowed as an error for Transfer to flow in a customer queue flow (documented)', () => {
    const flow = flowFixture('customer-queue');
    flow.Actions.push({ Identifier: 'to-flow', Type: 'TransferToFlow', Parameters: { ContactFlowId: 'x' } });

    const findings = checkActionPlacement(modelOf(flow), 'CUSTOMER_QUEUE');

    expect(findings).toEqual([
      expect.objectContaining({
        severity: 'error',
        code: 'action-not-allowed',
        action: 'to-flow',
        block: 'Transfer to flow',
      }),
    ]);
  });

  it.each<[string, FlowKind]>([
    ['CompleteOutboundCall', 'CONTACT_FLOW'],
    ['EndFlowModuleExecution', 'CONTACT_FLOW'],
    ['EndFlowExecution', 'CONTACT_FLOW'],
    ['MessageParticipantIteratively', 'CONTACT_FLOW'],
    ['DequeueContactAndTransferToQueue', 'CONTACT_FLOW'],
    ['TransferContactToQueue', 'CUSTOMER_QUEUE'],
    ['MessageParticipant', 'CUSTOMER_HOLD'],
  ])('reports a warning for %s in a %s, a restriction known only from a docs mirror', (type, kind) => {
    const flow = flowFixture('module');
    flow.Actions.push({ Identifier: 'placed', Type: type });

    const findings = checkActionPlacement(modelOf(flow), kind).filter((d) => d.action === 'placed');

    expect(findings.map((d) => [d.severity, d.code])).toEqual([['warning', 'action-not-allowed']]);
  });

  it('returns nothing for Return in a flow module', () => {
    expect(checkActionPlacement(modelOf(flowFixture('module')), 'MODULE')).toEqual([]);
  });
});

describe('checkTransferQueue', () => {
  it('returns nothing when every path sets the working queue', () => {
    expect(checkTransferQueue(modelOf(flowFixture('inbound')), 'CONTACT_FLOW')).toEqual([]);
  });

  it('reports transfer-without-queue as a warning when one path skips Set working queue', () => {
    const flow = flowFixture('inbound');
    const condition = actionOf(flow, 'check-vip').Transitions?.Conditions?.[0];
    if (condition !== undefined) condition.NextAction = 'transfer';

    const findings = checkTransferQueue(modelOf(flow), 'CONTACT_FLOW');

    expect(findings).toEqual([
      expect.objectContaining({ severity: 'warning', code: 'transfer-without-queue', action: 'transfer' }),
    ]);
  });

  it('reports transfer-without-queue when the transfer is reached through the error branch of Set working queue', () => {
    const flow = flowFixture('inbound');
    actionOf(flow, 'set-sales-queue').Transitions = {
      NextAction: 'transfer',
      Errors: [{ NextAction: 'transfer', ErrorType: 'NoMatchingError' }],
    };

    expect(found(checkTransferQueue(modelOf(flow), 'CONTACT_FLOW'))).toEqual([
      'transfer-without-queue@transfer',
    ]);
  });

  it('returns nothing in a transfer to queue flow, where the quick connect sets the queue', () => {
    const flow = flowFixture('inbound');
    flow.StartAction = 'transfer';

    expect(checkTransferQueue(modelOf(flow), 'QUEUE_TRANSFER')).toEqual([]);
  });
});

describe('checkStaffingQueue', () => {
  it('returns nothing when Check staffing names its own queue', () => {
    const flow = flowFixture('inbound');
    actionOf(flow, 'greeting').Type = 'CheckMetricData';
    actionOf(flow, 'greeting').Parameters = { MetricType: 'NumberOfAgentsAvailable', QueueId: 'q-1' };

    expect(checkStaffingQueue(modelOf(flow), 'CONTACT_FLOW')).toEqual([]);
  });

  it('reports staffing-without-queue as a warning when Check staffing has no queue and none is set before it', () => {
    const flow = flowFixture('inbound');
    actionOf(flow, 'greeting').Type = 'CheckMetricData';
    actionOf(flow, 'greeting').Parameters = { MetricType: 'NumberOfAgentsAvailable' };

    const findings = checkStaffingQueue(modelOf(flow), 'CONTACT_FLOW');

    expect(findings.map((d) => [d.severity, d.code, d.action])).toEqual([
      ['warning', 'staffing-without-queue', 'greeting'],
    ]);
  });

  it('returns nothing in a customer queue flow, where the queue is the contact’s', () => {
    const flow = flowFixture('customer-queue');
    flow.Actions.push({ Identifier: 'staffing', Type: 'CheckMetricData', Parameters: {} });
    actionOf(flow, 'finished').Type = 'UpdateContactAttributes';
    actionOf(flow, 'finished').Transitions = { NextAction: 'staffing' };

    expect(checkStaffingQueue(modelOf(flow), 'CUSTOMER_QUEUE')).toEqual([]);
  });
});

describe('checkQueueFlowTransfer', () => {
  it('returns nothing when the transfer follows Loop prompts', () => {
    expect(checkQueueFlowTransfer(modelOf(flowFixture('customer-queue')), 'CUSTOMER_QUEUE')).toEqual([]);
  });

  it('reports transfer-before-loop-prompts when the flow starts with the transfer', () => {
    const flow = flowFixture('customer-queue');
    flow.StartAction = 'overflow';

    const findings = checkQueueFlowTransfer(modelOf(flow), 'CUSTOMER_QUEUE');

    expect(findings.map((d) => [d.severity, d.code, d.action])).toEqual([
      ['warning', 'transfer-before-loop-prompts', 'overflow'],
    ]);
  });
});
