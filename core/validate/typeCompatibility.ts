import type { Diagnostic } from '../diagnostics.js';
import { type FlowKind, type FlowType, flowKindLabel } from '../flowTypes.js';

/**
 * `type-mismatch`: content of one kind cannot be imported into an existing flow or module of
 * another ("flows of different types can't be imported into each other"). `null` when either
 * side is unknown or both match.
 */
export function checkTypeCompatibility(
  source: FlowKind | null,
  existing: FlowKind | null,
): Diagnostic | null {
  if (source === null || existing === null || source === existing) return null;
  const moduleInvolved = source === 'MODULE' || existing === 'MODULE';
  return {
    severity: 'error',
    code: 'type-mismatch',
    action: null,
    block: null,
    message: `A ${flowKindLabel(source)} can't be imported into an existing ${flowKindLabel(existing)}: flows of different types can't be imported into each other.`,
    hint: moduleInvolved
      ? 'Flows and flow modules are different resources: import into a new or existing resource of the same kind.'
      : `Import into a ${flowKindLabel(source)} (or create a new one), not into the ${flowKindLabel(existing)}.`,
  };
}

/** Event hook key → the flow type the hook must point at (UpdateContactEventHooks). */
const HOOK_TARGETS: Readonly<Record<string, FlowType>> = {
  CustomerQueue: 'CUSTOMER_QUEUE',
  CustomerHold: 'CUSTOMER_HOLD',
  AgentHold: 'AGENT_HOLD',
  CustomerWhisper: 'CUSTOMER_WHISPER',
  AgentWhisper: 'AGENT_WHISPER',
  CustomerRemaining: 'CONTACT_FLOW',
  DefaultAgentUI: 'CONTACT_FLOW',
  DisconnectAgentUI: 'CONTACT_FLOW',
  PauseContact: 'CONTACT_FLOW',
  ResumeContact: 'CONTACT_FLOW',
};

/**
 * The kind a flow reference from `actionType` must point at: `hook` is the event hook key for
 * UpdateContactEventHooks. `null` when flowgate knows no constraint.
 */
export function requiredTargetKind(actionType: string, hook: string | null = null): FlowKind | null {
  switch (actionType) {
    case 'TransferToFlow':
    case 'CreateTask':
      return 'CONTACT_FLOW';
    case 'InvokeFlowModule':
      return 'MODULE';
    case 'UpdateContactEventHooks':
      return hook !== null && Object.hasOwn(HOOK_TARGETS, hook) ? (HOOK_TARGETS[hook] ?? null) : null;
    default:
      return null;
  }
}

/**
 * True when a flow reference from `actionType` (and event `hook`) may point at a flow of
 * `targetKind`. An unknown target kind, or an action with no known constraint, is allowed.
 */
export function isTransferTargetAllowed(
  actionType: string,
  targetKind: FlowKind | null,
  hook: string | null = null,
): boolean {
  const required = requiredTargetKind(actionType, hook);
  return required === null || targetKind === null || required === targetKind;
}
