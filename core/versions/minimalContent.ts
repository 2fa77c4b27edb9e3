import type { FlowAction, FlowContent } from '../flow.js';
import type { FlowKind } from '../flowTypes.js';
import { FLOW_LANGUAGE_VERSION } from '../formats/parseFlowContent.js';

/**
 * Flow types whose flows end with "End flow / Resume" rather than a disconnect. Hold flows have
 * no clean terminal block in the rule table (they loop prompts); End flow is the closest fit.
 */
const ENDS_WITH_RESUME: readonly FlowKind[] = [
  'CUSTOMER_QUEUE',
  'CUSTOMER_HOLD',
  'AGENT_HOLD',
  'CUSTOMER_WHISPER',
  'AGENT_WHISPER',
  'OUTBOUND_WHISPER',
];

/**
 * The smallest valid content of a flow or module of `kind`: one terminal block (Return for a
 * module, End flow / Resume where a disconnect is not allowed, else Disconnect). Used for cycle
 * placeholders while publishing and for flows a local instance is seeded with.
 */
export function minimalContent(kind: FlowKind | null, identifier: string): FlowContent {
  const action: FlowAction = {
    Identifier: identifier,
    Type: terminalType(kind),
    Parameters: {},
    Transitions: {},
  };
  return { Version: FLOW_LANGUAGE_VERSION, StartAction: identifier, Actions: [action] };
}

function terminalType(kind: FlowKind | null): string {
  if (kind === 'MODULE') return 'EndFlowModuleExecution';
  return kind !== null && ENDS_WITH_RESUME.includes(kind) ? 'EndFlowExecution' : 'DisconnectParticipant';
}
