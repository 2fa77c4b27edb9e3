import { blockName } from '../actions.js';
import { isJsonObject, type Json, type JsonObject } from '../json.js';

/** Which kind of transition an edge is: the success branch, a condition, or an error branch. */
export type EdgeKind = 'next' | 'condition' | 'error';

/** One outgoing transition. `target` is `''` when the file gives no usable string. */
export interface FlowEdge {
  readonly kind: EdgeKind;
  readonly target: string;
  /** Where it sits, for messages: `NextAction`, `Conditions[0]`, `Errors[QueueAtCapacity]`. */
  readonly where: string;
}

/** An action as the rules see it: every field present, whatever the file had. */
export interface FlowNode {
  readonly id: string;
  /** False when `Identifier` was missing or not a string (then `id` is `''`). */
  readonly hasId: boolean;
  readonly type: string;
  readonly block: string;
  readonly parameters: JsonObject;
  readonly edges: readonly FlowEdge[];
  readonly hasNext: boolean;
  readonly conditionCount: number;
  readonly errorTypes: ReadonlySet<string>;
}

/** A flow normalised for the rules: odd input becomes empty values, never an exception. */
export interface FlowModel {
  /** `StartAction` when it is a string, else `null`. */
  readonly start: string | null;
  readonly nodes: readonly FlowNode[];
  /** First action with each non-empty identifier (duplicates are reported, not indexed). */
  readonly byId: ReadonlyMap<string, FlowNode>;
}

const EMPTY: JsonObject = {};

/** Builds the model from content typed as a flow but possibly malformed at run time. */
export function buildFlowModel(content: unknown): FlowModel {
  const root = isJsonObject(content) ? content : EMPTY;
  const actions = Array.isArray(root.Actions) ? (root.Actions as readonly Json[]) : [];
  const nodes = actions.filter(isJsonObject).map(toNode);
  const byId = new Map<string, FlowNode>();
  for (const node of nodes) {
    // '' also stands for "no target", so an empty Identifier is never a transition target.
    if (node.id !== '' && !byId.has(node.id)) byId.set(node.id, node);
  }
  const start = typeof root.StartAction === 'string' ? root.StartAction : null;
  return { start, nodes, byId };
}

function toNode(action: JsonObject): FlowNode {
  const hasId = typeof action.Identifier === 'string';
  const type = typeof action.Type === 'string' ? action.Type : '';
  const transitions = isJsonObject(action.Transitions) ? action.Transitions : EMPTY;
  const edges = [...nextEdges(transitions), ...conditionEdges(transitions), ...errorEdges(transitions)];
  return {
    id: hasId ? String(action.Identifier) : '',
    hasId,
    type,
    block: blockName(type),
    parameters: isJsonObject(action.Parameters) ? action.Parameters : EMPTY,
    edges,
    hasNext: edges.some((e) => e.kind === 'next'),
    conditionCount: edges.filter((e) => e.kind === 'condition').length,
    errorTypes: new Set(errorEntries(transitions).map((e) => errorType(e))),
  };
}

function targetOf(value: Json | undefined): string {
  return typeof value === 'string' ? value : '';
}

// An absent or empty NextAction means "not connected", not a transition to ''.
function nextEdges(transitions: JsonObject): FlowEdge[] {
  const next = transitions.NextAction;
  if (next === undefined || next === null || next === '') return [];
  return [{ kind: 'next', target: targetOf(next), where: 'NextAction' }];
}

function conditionEdges(transitions: JsonObject): FlowEdge[] {
  const list = Array.isArray(transitions.Conditions) ? (transitions.Conditions as readonly Json[]) : [];
  return list.map((entry, i) => ({
    kind: 'condition',
    target: targetOf(isJsonObject(entry) ? entry.NextAction : undefined),
    where: `Conditions[${i}]`,
  }));
}

function errorEntries(transitions: JsonObject): JsonObject[] {
  const list = Array.isArray(transitions.Errors) ? (transitions.Errors as readonly Json[]) : [];
  return list.filter(isJsonObject);
}

function errorType(entry: JsonObject): string {
  return typeof entry.ErrorType === 'string' ? entry.ErrorType : '';
}

function errorEdges(transitions: JsonObject): FlowEdge[] {
  return errorEntries(transitions).map((entry) => ({
    kind: 'error',
    target: targetOf(entry.NextAction),
    where: `Errors[${errorType(entry) || '?'}]`,
  }));
}
