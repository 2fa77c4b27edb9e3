import type { FlowKind } from '../flowTypes.js';
import type { FlowKey } from './types.js';

/** Which Connect resource a flow key names: a contact flow or a flow module. */
export type FlowKeyKind = 'flow' | 'module';

/** A flow's identity in an environment: `flow:<name>` or `module:<name>`. */
export function flowKeyOf(kind: FlowKeyKind, name: string): FlowKey {
  return `${kind}:${name}`;
}

/** The kind and name a key stands for, or null when `key` is not a flow key. */
export function parseFlowKey(key: string): { readonly kind: FlowKeyKind; readonly name: string } | null {
  const colon = key.indexOf(':');
  if (colon < 0) return null;
  const kind = key.slice(0, colon);
  const name = key.slice(colon + 1);
  if ((kind !== 'flow' && kind !== 'module') || name === '') return null;
  return { kind, name };
}

/** The key kind of a flow type: modules are their own resource; a flow of unknown type is a flow. */
export function flowKeyKindOf(type: FlowKind | null): FlowKeyKind {
  return type === 'MODULE' ? 'module' : 'flow';
}

/**
 * A flow key as people read it: the flow's name, or "module <name>" for a flow module (a flow
 * and a module may share a name). Keys are for stores and commands, never for messages.
 */
export function flowLabel(key: string): string {
  const parsed = parseFlowKey(key);
  if (parsed === null) return key;
  return parsed.kind === 'module' ? `module ${parsed.name}` : parsed.name;
}
