import { describe, expect, it } from 'vitest';
import type { FlowKind } from '../../../core/flowTypes.js';
import {
  checkTypeCompatibility,
  isTransferTargetAllowed,
  requiredTargetKind,
} from '../../../core/validate/typeCompatibility.js';

describe('checkTypeCompatibility', () => {
  it.each<[FlowKind | null, FlowKind | null]>([
    ['CONTACT_FLOW', 'CONTACT_FLOW'],
    ['MODULE', 'MODULE'],
    [null, 'CUSTOMER_QUEUE'],
    ['CUSTOMER_QUEUE', null],
  ])('returns null when importing %s into %s', (source, existing) => {
    expect(checkTypeCompatibility(source, existing)).toBeNull();
  });

  it.each<[FlowKind, FlowKind]>([
    ['CUSTOMER_QUEUE', 'CONTACT_FLOW'],
    ['MODULE', 'CONTACT_FLOW'],
    ['CONTACT_FLOW', 'MODULE'],
  ])('returns a type-mismatch error when importing %s into %s', (source, existing) => {
    const finding = checkTypeCompatibility(source, existing);

    expect(finding).toMatchObject({ severity: 'error', code: 'type-mismatch', action: null, block: null });
    expect(finding?.message).toContain("can't be imported into each other");
  });
});

describe('requiredTargetKind', () => {
  it.each<[string, string | null, FlowKind | null]>([
    ['TransferToFlow', null, 'CONTACT_FLOW'],
    ['CreateTask', null, 'CONTACT_FLOW'],
    ['InvokeFlowModule', null, 'MODULE'],
    ['UpdateContactEventHooks', 'CustomerQueue', 'CUSTOMER_QUEUE'],
    ['UpdateContactEventHooks', 'AgentWhisper', 'AGENT_WHISPER'],
    ['UpdateContactEventHooks', 'DisconnectAgentUI', 'CONTACT_FLOW'],
    ['UpdateContactEventHooks', 'toString', null],
    ['InvokeLambdaFunction', null, null],
  ])('returns the kind %s (hook %s) must point at', (actionType, hook, expected) => {
    expect(requiredTargetKind(actionType, hook)).toBe(expected);
  });
});

describe('isTransferTargetAllowed', () => {
  it('is false when Transfer to flow points at a customer queue flow', () => {
    expect(isTransferTargetAllowed('TransferToFlow', 'CUSTOMER_QUEUE')).toBe(false);
  });

  it('is true when the CustomerHold hook points at a customer hold flow', () => {
    expect(isTransferTargetAllowed('UpdateContactEventHooks', 'CUSTOMER_HOLD', 'CustomerHold')).toBe(true);
  });

  it('is true when the target kind is unknown', () => {
    expect(isTransferTargetAllowed('TransferToFlow', null)).toBe(true);
  });
});
