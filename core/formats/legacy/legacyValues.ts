import type { Json } from '../../json.js';
import { lookup } from './ownKeys.js';

/**
 * Legacy `System` attribute names and the Flow Language paths that read the same value.
 * Source: flow-format.md section 4.2 (names from the amazon-connect-simulator), paths from the
 * Flow Language contact-attribute reference. The simulator also spells the queue ones with spaces.
 */
const SYSTEM_PATHS: Readonly<Record<string, string>> = {
  'Customer Number': '$.CustomerEndpoint.Address',
  'Dialed Number': '$.SystemEndpoint.Address',
  'Stored customer input': '$.StoredCustomerInput',
  'Customer callback number': '$.CustomerCallbackNumber',
  'Queue.Name': '$.Queue.Name',
  'Queue name': '$.Queue.Name',
  'Queue.ARN': '$.Queue.ARN',
  'Queue ARN': '$.Queue.ARN',
  'Queue.OutboundCallerId.Address': '$.Queue.OutboundCallerId.Address',
  ContactId: '$.ContactId',
  InitialContactId: '$.InitialContactId',
  PreviousContactId: '$.PreviousContactId',
  Channel: '$.Channel',
  InstanceARN: '$.InstanceARN',
  InitiationMethod: '$.InitiationMethod',
  TextToSpeechVoiceId: '$.TextToSpeechVoiceId',
};

/** Where a namespaced legacy value lives in the Flow Language, per namespace. */
const NAMESPACE_ROOTS: Readonly<Record<string, string>> = {
  'User Defined': '$.Attributes',
  External: '$.External',
};

/** Why a converted value should be checked by a person: a diagnostic `code` and what was guessed. */
export interface ValueDoubt {
  readonly code: 'legacy-system-attribute' | 'legacy-unknown-namespace';
  readonly message: string;
}

/** A legacy value rewritten for the Flow Language, with a doubt when the mapping is a guess. */
export interface FlowValue {
  readonly value: string;
  readonly doubt: ValueDoubt | null;
}

/**
 * A legacy scalar as Flow Language text. Console exports write every scalar as a string, with
 * booleans as `True`/`False`; a missing or null value becomes `""` (a reference known by name only).
 */
export function scalarText(value: Json | undefined): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

/** True for legacy truthy spellings: `true`, `"true"`, `"True"`. */
export function isTruthy(value: Json | undefined): boolean {
  if (typeof value === 'boolean') return value;
  return typeof value === 'string' && value.trim().toLowerCase() === 'true';
}

/** True when a legacy namespace marks the value as an attribute name rather than a literal. */
export function isDynamicNamespace(namespace: string | null | undefined): namespace is string {
  return typeof namespace === 'string' && namespace !== '';
}

/**
 * The Flow Language value for a legacy `{value, namespace}`: a literal when the namespace is
 * null, else the JSONPath of the attribute (`User Defined` → `$.Attributes.x`, `External` →
 * `$.External.x`, `System` → the system path).
 */
export function namespacedValue(value: Json | undefined, namespace: string | null | undefined): FlowValue {
  const text = scalarText(value);
  if (!isDynamicNamespace(namespace)) return { value: text, doubt: null };
  if (namespace === 'System') return systemValue(text);
  const root = lookup(NAMESPACE_ROOTS, namespace);
  if (root !== undefined) return { value: `${root}.${text}`, doubt: null };
  const guess = `$.${squash(namespace)}.${text}`;
  return {
    value: guess,
    doubt: {
      code: 'legacy-unknown-namespace',
      message: `namespace "${namespace}" is not one flowgate knows; "${text}" was read as ${guess}`,
    },
  };
}

/** The Flow Language path of a legacy system attribute. */
export function systemValue(name: string): FlowValue {
  const known = lookup(SYSTEM_PATHS, name);
  if (known !== undefined) return { value: known, doubt: null };
  const guess = `$.${squash(name)}`;
  return {
    value: guess,
    doubt: {
      code: 'legacy-system-attribute',
      message: `system attribute "${name}" is not one flowgate knows; it was read as ${guess}`,
    },
  };
}

function squash(name: string): string {
  return name.replace(/\s+/g, '');
}
