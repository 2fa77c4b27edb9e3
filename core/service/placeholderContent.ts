import type { FlowAction, FlowContent } from '../flow.js';
import type { FlowKind } from '../flowTypes.js';
import { FLOW_LANGUAGE_VERSION } from '../formats/parseFlowContent.js';
import { isJsonObject } from '../json.js';
import type { FlowVersion } from '../versions/types.js';

const PLACEHOLDER_ID = 'flowgate-placeholder';

/**
 * Flow types whose flows end with "End flow / Resume" rather than a disconnect. Hold flows have
 * no clean terminal block in the rule table (they loop prompts); they cannot transfer, so they
 * are never in a cycle, and End flow is the closest fit.
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
 * The smallest valid content for a flow or module of the version's kind: one terminal block
 * (Return for a module, End flow / Resume where a disconnect is not allowed, else Disconnect).
 * Members of a cycle are created with it to get their ARNs, then given their real content. A
 * module keeps its real `Settings`, so flows invoking it see the interface they expect.
 */
export function placeholderContent(version: Pick<FlowVersion, 'type' | 'content'>): FlowContent {
  const action: FlowAction = {
    Identifier: PLACEHOLDER_ID,
    Type: terminalType(version.type),
    Parameters: {},
    Transitions: {},
  };
  const base: FlowContent = {
    Version: FLOW_LANGUAGE_VERSION,
    StartAction: PLACEHOLDER_ID,
    Actions: [action],
  };
  if (version.type !== 'MODULE') return base;
  return { ...base, Settings: moduleSettings(version.content) };
}

function terminalType(type: FlowKind | null): string {
  if (type === 'MODULE') return 'EndFlowModuleExecution';
  return type !== null && ENDS_WITH_RESUME.includes(type) ? 'EndFlowExecution' : 'DisconnectParticipant';
}

function moduleSettings(content: string): NonNullable<FlowContent['Settings']> {
  const empty = { InputParameters: [], OutputParameters: [], Transitions: [] };
  try {
    const parsed: unknown = JSON.parse(content);
    const settings = isJsonObject(parsed) ? parsed.Settings : undefined;
    return isJsonObject(settings) ? settings : empty;
  } catch {
    return empty;
  }
}
