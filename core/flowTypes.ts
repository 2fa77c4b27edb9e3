/** Flow types as the Amazon Connect API names them (`CreateContactFlow.Type`). */
export const FLOW_TYPES = [
  'CONTACT_FLOW',
  'CUSTOMER_QUEUE',
  'CUSTOMER_HOLD',
  'CUSTOMER_WHISPER',
  'AGENT_HOLD',
  'AGENT_WHISPER',
  'OUTBOUND_WHISPER',
  'AGENT_TRANSFER',
  'QUEUE_TRANSFER',
  'CAMPAIGN',
] as const;

/** A contact-flow type (API enum). */
export type FlowType = (typeof FLOW_TYPES)[number];

/** What a flow file holds: a contact flow of some type, or a flow module (a separate resource in Connect). */
export type FlowKind = FlowType | 'MODULE';

/** Designer names, for messages people read. */
const LABEL: Record<FlowKind, string> = {
  CONTACT_FLOW: 'inbound flow',
  CUSTOMER_QUEUE: 'customer queue flow',
  CUSTOMER_HOLD: 'customer hold flow',
  CUSTOMER_WHISPER: 'customer whisper flow',
  AGENT_HOLD: 'agent hold flow',
  AGENT_WHISPER: 'agent whisper flow',
  OUTBOUND_WHISPER: 'outbound whisper flow',
  AGENT_TRANSFER: 'transfer to agent flow',
  QUEUE_TRANSFER: 'transfer to queue flow',
  CAMPAIGN: 'campaign flow',
  MODULE: 'flow module',
};

/** True when `value` is one of the API flow types. */
export function isFlowType(value: unknown): value is FlowType {
  return typeof value === 'string' && (FLOW_TYPES as readonly string[]).includes(value);
}

/**
 * Reads a flow type written in any of the spellings real files use: the API enum
 * (`CUSTOMER_QUEUE`), the designer's camelCase (`customerQueue`), or either in another case.
 * Returns `null` for anything else.
 */
export function parseFlowType(value: unknown): FlowType | null {
  if (typeof value !== 'string') return null;
  const squashed = value.replace(/[_\s-]/g, '').toLowerCase();
  for (const type of FLOW_TYPES) {
    if (type.replace(/_/g, '').toLowerCase() === squashed) return type;
  }
  return null;
}

/** The designer's name for a flow type or module ("customer queue flow"). */
export function flowKindLabel(kind: FlowKind): string {
  return LABEL[kind];
}
