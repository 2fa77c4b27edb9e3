import type { ConditionTransition, ErrorTransition, FlowTransitions } from '../../flow.js';
import { type BranchTable, type BranchTarget, DEFAULT_FALLBACK, RESAVE_HINT } from './converterTypes.js';
import { type LegacyBranch, type LegacyModule, legacyLabel } from './legacySchema.js';
import { scalarText } from './legacyValues.js';
import type { ModuleNote } from './moduleContext.js';
import { lookup } from './ownKeys.js';

/** Legacy `conditionType` → Flow Language condition operator (flow-format.md 1.2 and 4.1). */
const OPERATORS: Readonly<Record<string, string>> = {
  Equals: 'Equals',
  GreaterThan: 'NumberGreaterThan',
  GreaterThanOrEqualTo: 'NumberGreaterOrEqualTo',
  LessThan: 'NumberLessThan',
  LessThanOrEqualTo: 'NumberLessOrEqualTo',
  Contains: 'TextContains',
  StartsWith: 'TextStartsWith',
  EndsWith: 'TextEndsWith',
};

/** A module's branches as Flow Language transitions, with what the mapping noticed. */
export interface BranchMapping {
  readonly transitions: FlowTransitions;
  readonly notes: readonly ModuleNote[];
}

interface Collected {
  next: string | undefined;
  readonly conditions: ConditionTransition[];
  readonly errors: ErrorTransition[];
  readonly notes: ModuleNote[];
}

/**
 * Maps a module's branches with its type's table. A branch without a transition is simply not
 * connected; one pointing at no module is dropped with a warning; a branch the table does not
 * know is an error, connected or not: it means flowgate misreads this kind of block. Without a
 * `Success` branch, `NextAction` repeats the target of the first connected `fallback` branch, as
 * the flow designer writes it; no target is ever made up.
 */
export function mapBranches(
  module: LegacyModule,
  table: BranchTable,
  moduleIds: ReadonlySet<string>,
  fallback: readonly string[] = DEFAULT_FALLBACK,
): BranchMapping {
  const out: Collected = { next: undefined, conditions: [], errors: [], notes: [] };
  const placed = new Map<string, string>();
  for (const branch of module.branches ?? []) {
    const target = lookup(table, branch.condition);
    const to = branch.transition ?? '';
    if (target === undefined) {
      out.notes.push(unknownBranch(module, branch));
      continue;
    }
    if (to === '') continue;
    if (!moduleIds.has(to)) {
      out.notes.push(danglingTransition(module, branch, to));
      continue;
    }
    place(out, module, branch, target, to);
    if (!placed.has(branch.condition)) placed.set(branch.condition, to);
  }
  if (out.next === undefined) {
    out.next = fallback.map((name) => placed.get(name)).find((to) => to !== undefined);
  }
  return { transitions: transitionsOf(out), notes: out.notes };
}

function place(
  out: Collected,
  module: LegacyModule,
  branch: LegacyBranch,
  target: BranchTarget,
  to: string,
): void {
  switch (target.slot) {
    case 'next':
      if (out.next !== undefined) out.notes.push(duplicateBranch(module, branch));
      else out.next = to;
      return;
    case 'error':
      if (out.errors.some((e) => e.ErrorType === target.errorType))
        out.notes.push(duplicateBranch(module, branch));
      else out.errors.push({ NextAction: to, ErrorType: target.errorType });
      return;
    case 'condition':
      out.conditions.push({
        NextAction: to,
        Condition: { Operator: target.operator, Operands: [target.operand] },
      });
      return;
    case 'evaluate': {
      const type = branch.conditionType ?? 'Equals';
      const operator = lookup(OPERATORS, type);
      if (operator === undefined) {
        out.notes.push(unknownOperator(module, branch, type));
        return;
      }
      const operand = target.operand
        ? target.operand(branch.conditionValue)
        : scalarText(branch.conditionValue);
      out.conditions.push({ NextAction: to, Condition: { Operator: operator, Operands: [operand] } });
      return;
    }
  }
}

function transitionsOf(out: Collected): FlowTransitions {
  return {
    ...(out.next === undefined ? {} : { NextAction: out.next }),
    ...(out.errors.length === 0 ? {} : { Errors: out.errors }),
    ...(out.conditions.length === 0 ? {} : { Conditions: out.conditions }),
  };
}

function unknownBranch(module: LegacyModule, branch: LegacyBranch): ModuleNote {
  return {
    severity: 'error',
    code: 'legacy-unknown-branch',
    message: `Module ${module.id} (${legacyLabel(module)}) has a branch "${branch.condition}" that flowgate cannot map.`,
    hint: RESAVE_HINT,
  };
}

function unknownOperator(module: LegacyModule, branch: LegacyBranch, type: string): ModuleNote {
  return {
    severity: 'error',
    code: 'legacy-unknown-condition',
    message: `Module ${module.id} (${legacyLabel(module)}) has a "${branch.condition}" branch with condition type "${type}" that flowgate cannot map.`,
    hint: RESAVE_HINT,
  };
}

function danglingTransition(module: LegacyModule, branch: LegacyBranch, to: string): ModuleNote {
  return {
    severity: 'warning',
    code: 'legacy-dangling-transition',
    message: `Module ${module.id} (${legacyLabel(module)}): branch "${branch.condition}" leads to "${to}", which is not a module of this flow; the branch was left unconnected.`,
    hint: 'Connect the branch to the right block in the flow designer.',
  };
}

function duplicateBranch(module: LegacyModule, branch: LegacyBranch): ModuleNote {
  return {
    severity: 'warning',
    code: 'legacy-duplicate-branch',
    message: `Module ${module.id} (${legacyLabel(module)}) has more than one "${branch.condition}" branch; the first was kept.`,
    hint: 'Check where this block leads in the flow designer.',
  };
}
