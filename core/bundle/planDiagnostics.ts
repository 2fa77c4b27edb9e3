import { blockName } from '../actions.js';
import type { Diagnostic } from '../diagnostics.js';
import { type FlowKind, flowKindLabel } from '../flowTypes.js';
import type { Reference, ResourceKind } from '../references/types.js';

/** What people call each kind of resource, for messages. */
const KIND_LABELS: Record<ResourceKind, string> = {
  queue: 'queue',
  user: 'user',
  prompt: 'prompt',
  lambda: 'Lambda function',
  flow: 'flow',
  module: 'flow module',
  hours: 'hours of operation',
  'lex-bot': 'Lex V2 bot alias',
  'lex-v1-bot': 'Lex V1 bot',
  'security-key': 'security key',
  view: 'view',
  'task-template': 'task template',
  'case-template': 'case template',
  'quick-connect': 'quick connect',
};

/** The words for a resource kind in messages ("hours of operation", "Lambda function"). */
export function resourceKindLabel(kind: ResourceKind): string {
  return KIND_LABELS[kind];
}

/** How a reference is named to people: its display name, else its value. */
export function displayOf(ref: Reference): string {
  return ref.name !== null && ref.name !== '' ? ref.name : ref.value;
}

/** `'Sales' (arn:…)` when both are known and differ, else the one there is. */
function describeTarget(ref: Reference): string {
  const shown = `'${displayOf(ref)}'`;
  return ref.name !== null && ref.name !== '' && ref.value !== '' && ref.value !== ref.name
    ? `${shown} (${ref.value})`
    : shown;
}

function where(ref: Reference): string {
  return `${blockName(ref.actionType)} block '${ref.action}'`;
}

/**
 * A reference found nowhere: an error when the parameter is required (publishing is blocked), a
 * warning when not.
 */
export function unresolvedReference(ref: Reference, target: string): Diagnostic {
  const kind = resourceKindLabel(ref.kind);
  const effect = ref.required ? '' : ' (optional: publishing is not blocked)';
  return {
    severity: ref.required ? 'error' : 'warning',
    code: 'unresolved-reference',
    action: ref.action,
    block: blockName(ref.actionType),
    message: `${where(ref)} uses ${kind} ${describeTarget(ref)}, which is not in ${target}${effect}.`,
    hint: `Pick a replacement or create ${kind} '${displayOf(ref)}' in ${target} and plan again.`,
  };
}

/** A flow or module that is neither in the batch nor in the target: it must be imported first. */
export function missingDependency(ref: Reference, target: string): Diagnostic {
  const kind = resourceKindLabel(ref.kind);
  const name = displayOf(ref);
  return {
    severity: 'error',
    code: 'missing-dependency',
    action: ref.action,
    block: blockName(ref.actionType),
    message: `${where(ref)} needs ${kind} ${describeTarget(ref)}, which is neither in this batch nor in ${target}: import ${name} first.`,
    hint: `Import ${kind} '${name}' first (or add its file to this batch), then plan again.`,
  };
}

/** A reference that found a flow of another type than the block needs (an event hook, a transfer). */
export function flowTypeMismatch(
  ref: Reference,
  needed: FlowKind,
  found: { name: string; type: FlowKind },
): Diagnostic {
  const neededLabel = flowKindLabel(needed);
  return {
    severity: 'error',
    code: 'flow-type-mismatch',
    action: ref.action,
    block: blockName(ref.actionType),
    message: `${where(ref)} needs a ${neededLabel}, but '${found.name}' is a ${flowKindLabel(found.type)}.`,
    hint: `Point the block at a ${neededLabel}, or map '${displayOf(ref)}' to one in the target, and plan again.`,
  };
}

/** The batch flow's name is taken in the target by a flow of another type (a module never clashes with a flow). */
export function typeMismatch(
  flow: { name: string; type: FlowKind | null },
  existing: { name: string; type: FlowKind | null },
  target: string,
): Diagnostic {
  const ours = flow.type === null ? 'a flow' : `a ${flowKindLabel(flow.type)}`;
  const theirs = existing.type === null ? 'a flow' : `a ${flowKindLabel(existing.type)}`;
  return {
    severity: 'error',
    code: 'type-mismatch',
    action: null,
    block: null,
    message: `'${flow.name}' is ${ours}, but ${target} has '${existing.name}' as ${theirs}: flows of different types can't be imported into each other.`,
    hint: `Rename '${flow.name}' in this batch, or rename the existing one in ${target}, then plan again.`,
  };
}

/** The target has several flows the batch flow could update: the user must say which. */
export function ambiguousTarget(flow: { name: string }, count: number, target: string): Diagnostic {
  return {
    severity: 'error',
    code: 'ambiguous-target',
    action: null,
    block: null,
    message: `${target} has ${count} flows named '${flow.name}' of this type, so flowgate cannot tell which one to update.`,
    hint: `Map '${flow.name}' to one of them (remember a mapping for this flow), or rename the others, and plan again.`,
  };
}

/** Two files of one batch would become flows of the same name (names are unique in an instance). */
export function duplicateInBatch(flow: { name: string; file: string }, other: string): Diagnostic {
  return {
    severity: 'error',
    code: 'duplicate-in-batch',
    action: null,
    block: null,
    message: `'${flow.name}' (${flow.file}) has the same name as ${other} in this batch; an instance holds one flow per name.`,
    hint: `Remove one of the two files from the batch, or rename one of the flows.`,
  };
}
