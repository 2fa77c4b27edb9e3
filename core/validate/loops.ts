import type { Diagnostic } from '../diagnostics.js';
import { actionRule } from './actionRules.js';
import { blockDiagnostic, describeBlock } from './diagnostic.js';
import type { FlowModel, FlowNode } from './flowModel.js';
import { reachableIds } from './paths.js';

/**
 * Blocks that give a loop a way out even when every branch leads back into it: they wait for
 * the customer or a timeout (Get customer input, Lex, a view, Wait, Loop prompts), count (Loop),
 * or hand the contact on when they succeed (transfers, a module that may do any of these).
 */
const WAYS_OUT: ReadonlySet<string> = new Set([
  'GetParticipantInput',
  'ConnectParticipantWithLexBot',
  'ShowView',
  'Wait',
  'MessageParticipantIteratively',
  'Loop',
  'InvokeFlowModule',
  'TransferToFlow',
  'TransferContactToQueue',
  'DequeueContactAndTransferToQueue',
  'TransferContactToAgent',
  'TransferParticipantToThirdParty',
]);

const LISTED = 5;

/**
 * `endless-loop` (warning): blocks reachable from the start that form a cycle no branch leaves,
 * in which no block ends the flow or waits for the customer or a timeout, so a contact that gets
 * there circles until Amazon Connect gives up on it. Blocks flowgate does not know, and blocks
 * with a branch left unconnected (reported on their own), count as ways out: the rule only fires
 * when it is sure.
 */
export function checkEndlessLoops(model: FlowModel): Diagnostic[] {
  const trapped = trappedIds(model);
  // Almost every flow ends here: its loops all pass a menu, a wait or a branch out.
  if (trapped.size === 0) return [];
  const found: Diagnostic[] = [];
  for (const component of cycles(model, trapped)) {
    const members = new Set(component.map((node) => node.id));
    if (!component.every((node) => node.edges.every((edge) => members.has(edge.target)))) continue;
    const ordered = model.nodes.filter((node) => members.has(node.id) && model.byId.get(node.id) === node);
    const first = ordered[0];
    if (first === undefined) continue;
    const names = ordered.slice(0, LISTED).map(describeBlock).join(', ');
    const more = ordered.length > LISTED ? ` and ${ordered.length - LISTED} more` : '';
    found.push(
      blockDiagnostic(
        first,
        'warning',
        'endless-loop',
        `These blocks loop with no way out: ${names}${more}. None of them ends the flow, leads out of the loop, or waits for the customer or a timeout, so a contact that reaches them never leaves.`,
        'Give the loop a way out: a Loop block with a count, a Get customer input or Wait with a timeout, or a branch that leads on (for example to a Disconnect block).',
      ),
    );
  }
  return found;
}

/**
 * The reachable blocks a contact can never leave the flow from: blocks that neither end the flow
 * nor wait, all of whose branches lead to such blocks. Found by pruning: start from every such
 * block and drop those with a branch leading elsewhere, then those leading to a dropped one.
 */
function trappedIds(model: FlowModel): Set<string> {
  const reachable = reachableIds(model);
  const kept = new Set<string>();
  for (const [id, node] of model.byId) if (reachable.has(id) && mayTrap(node)) kept.add(id);
  if (kept.size === 0) return kept;
  // Linear pruning: each dropped block drops the kept blocks that lead to it, once.
  const callers = new Map<string, string[]>();
  const dropped: string[] = [];
  for (const id of kept) {
    for (const edge of model.byId.get(id)?.edges ?? []) {
      if (!kept.has(edge.target)) dropped.push(id);
      const list = callers.get(edge.target);
      if (list === undefined) callers.set(edge.target, [id]);
      else list.push(id);
    }
  }
  for (let id = dropped.pop(); id !== undefined; id = dropped.pop()) {
    if (!kept.delete(id)) continue;
    for (const caller of callers.get(id) ?? []) if (kept.has(caller)) dropped.push(caller);
  }
  return kept;
}

/** A block that by itself gives no way out: known, never ends the flow, never waits, leads on. */
function mayTrap(node: FlowNode): boolean {
  const rule = actionRule(node.type);
  if (rule === null || rule.termination !== 'never' || WAYS_OUT.has(node.type)) return false;
  return node.hasNext || node.conditionCount > 0;
}

/**
 * The strongly connected components among the `among` blocks that hold a cycle (more than one
 * block, or one block leading to itself). Tarjan's algorithm with an explicit stack, so a long
 * chain of blocks cannot overflow the call stack.
 */
function cycles(model: FlowModel, among: ReadonlySet<string>): FlowNode[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out: FlowNode[][] = [];
  let counter = 0;
  const targets = (id: string): string[] =>
    (model.byId.get(id)?.edges ?? []).map((e) => e.target).filter((t) => among.has(t));
  for (const root of among) {
    if (index.has(root)) continue;
    const work: { id: string; next: number; targets: string[] }[] = [];
    const visit = (id: string) => {
      index.set(id, counter);
      low.set(id, counter);
      counter++;
      stack.push(id);
      onStack.add(id);
      work.push({ id, next: 0, targets: targets(id) });
    };
    visit(root);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      if (frame === undefined) break;
      const target = frame.targets[frame.next++];
      if (target !== undefined) {
        if (!index.has(target)) visit(target);
        else if (onStack.has(target))
          low.set(frame.id, Math.min(low.get(frame.id) ?? 0, index.get(target) ?? 0));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent !== undefined) low.set(parent.id, Math.min(low.get(parent.id) ?? 0, low.get(frame.id) ?? 0));
      if (low.get(frame.id) !== index.get(frame.id)) continue;
      const component: FlowNode[] = [];
      for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
        onStack.delete(id);
        const node = model.byId.get(id);
        if (node !== undefined) component.push(node);
        if (id === frame.id) break;
      }
      const [only] = component;
      const loops = component.length > 1 || (only?.edges.some((e) => e.target === only.id) ?? false);
      if (loops) out.push(component);
    }
  }
  return out;
}
