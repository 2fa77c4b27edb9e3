import type { Diagnostic } from '../diagnostics.js';
import { type ActionRule, actionRule, type BranchRule, branchLabel } from './actionRules.js';
import { blockDiagnostic, describeBlock } from './diagnostic.js';
import type { FlowModel, FlowNode } from './flowModel.js';

/**
 * `unconnected-branch`: a branch the designer shows is not connected, so the designer will not
 * publish the flow. Unknown action types are skipped: their branches are not known.
 */
export function checkBranches(model: FlowModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const node of model.nodes) {
    const rule = actionRule(node.type);
    if (rule === null) continue;
    out.push(...successFindings(node, rule), ...errorBranchFindings(node, rule));
  }
  return out;
}

function successFindings(node: FlowNode, rule: ActionRule): Diagnostic[] {
  if (node.hasNext) return [];
  const dead = rule.termination === 'never' && node.conditionCount === 0;
  if (!dead && rule.requiresNext !== true) return [];
  return [
    blockDiagnostic(
      node,
      'error',
      'unconnected-branch',
      `The success branch of ${describeBlock(node)} is not connected (no NextAction).`,
      `Connect the success branch of the "${node.block}" block to the next block, or end the flow with a Disconnect block.`,
    ),
  ];
}

function errorBranchFindings(node: FlowNode, rule: ActionRule): Diagnostic[] {
  return rule.branches.filter((b) => isMissing(node, b)).map((b) => missingBranch(node, b));
}

function isMissing(node: FlowNode, branch: BranchRule): boolean {
  if (branch.when !== undefined && !branch.when(node.parameters)) return false;
  return !node.errorTypes.has(branch.errorType);
}

function missingBranch(node: FlowNode, branch: BranchRule): Diagnostic {
  const label = branchLabel(branch.errorType);
  return blockDiagnostic(
    node,
    branch.severity,
    'unconnected-branch',
    `The "${label}" branch (${branch.errorType}) of ${describeBlock(node)} is not connected.`,
    `Connect the "${label}" branch of the "${node.block}" block (for example to an error message and Disconnect), or add an Errors entry with ErrorType "${branch.errorType}".`,
  );
}
