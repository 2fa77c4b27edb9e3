import type { Diagnostic, Severity } from '../diagnostics.js';
import { type FlowKind, flowKindLabel } from '../flowTypes.js';
import { actionRule } from './actionRules.js';
import { blockDiagnostic, describeBlock } from './diagnostic.js';
import type { FlowEdge, FlowModel, FlowNode } from './flowModel.js';
import { mustHold } from './paths.js';

/** `action-not-allowed`: the block is not available in this flow type (section 2 "Where"). */
export function checkActionPlacement(model: FlowModel, type: FlowKind): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const node of model.nodes) {
    const where = actionRule(node.type)?.where;
    if (where === undefined || where.allowed.includes(type)) continue;
    const allowed = where.allowed.map(flowKindLabel).join(', ');
    out.push(
      blockDiagnostic(
        node,
        where.severity,
        'action-not-allowed',
        `${describeBlock(node)} cannot be used in a ${flowKindLabel(type)}${where.source === 'mirror' ? ' (per a mirror of the AWS docs)' : ''}.`,
        `Remove the block or move this logic to a flow type that allows it (${allowed}).`,
      ),
    );
  }
  return out;
}

/**
 * Flow types entered with a working queue already set: the contact is in a queue (queue, hold,
 * whisper flows) or a quick connect chose it (transfer flows). Inbound flows, campaigns and
 * modules start without one as far as the flow itself can tell.
 */
function startsWithQueue(type: FlowKind): boolean {
  return type !== 'CONTACT_FLOW' && type !== 'MODULE' && type !== 'CAMPAIGN';
}

const setsQueue = (node: FlowNode, edge: FlowEdge): boolean =>
  node.type === 'UpdateContactTargetQueue' && edge.kind === 'next';

/** Which actions are entered with a working queue set on every path. */
function queueSetOnEveryPath(model: FlowModel, type: FlowKind): Map<string, boolean> {
  return mustHold(model, startsWithQueue(type), setsQueue);
}

/** A caller (Transfer to flow, Invoke module) may have set the queue before this flow ran. */
const QUEUE_SEVERITY: Severity = 'warning';

/**
 * `transfer-without-queue`: a Transfer to queue block that some path from the start reaches
 * without passing the success branch of a Set working queue block.
 */
export function checkTransferQueue(model: FlowModel, type: FlowKind): Diagnostic[] {
  const transfers = model.nodes.filter((n) => n.type === 'TransferContactToQueue');
  if (transfers.length === 0) return [];
  const queueSet = queueSetOnEveryPath(model, type);
  return transfers
    .filter((node) => queueSet.get(node.id) === false)
    .map((node) =>
      blockDiagnostic(
        node,
        QUEUE_SEVERITY,
        'transfer-without-queue',
        `${describeBlock(node)} can be reached without a working queue set (not every path passes the success branch of a "Set working queue" block).`,
        'Add a "Set working queue" block on every path before the transfer (its Error branch does not set the queue), unless every flow that transfers here sets it first.',
      ),
    );
}

function hasStaffingTarget(node: FlowNode): boolean {
  return node.parameters.QueueId !== undefined || node.parameters.AgentId !== undefined;
}

/**
 * `staffing-without-queue`: a Check staffing block with no queue of its own, reached on some
 * path without a working queue. Not checked in customer queue flows: there the queue is the
 * contact's.
 */
export function checkStaffingQueue(model: FlowModel, type: FlowKind): Diagnostic[] {
  if (type === 'CUSTOMER_QUEUE') return [];
  const checks = model.nodes.filter((n) => n.type === 'CheckMetricData' && !hasStaffingTarget(n));
  if (checks.length === 0) return [];
  const queueSet = queueSetOnEveryPath(model, type);
  return checks
    .filter((node) => queueSet.get(node.id) === false)
    .map((node) =>
      blockDiagnostic(
        node,
        'warning',
        'staffing-without-queue',
        `${describeBlock(node)} has no queue or agent and can be reached without a working queue set.`,
        'Choose a queue (QueueId) or agent (AgentId) in the block, or set the working queue on every path before it.',
      ),
    );
}

const passesLoopPrompts = (node: FlowNode): boolean => node.type === 'MessageParticipantIteratively';

/**
 * `transfer-before-loop-prompts`: in a customer queue flow, Transfer to queue
 * (DequeueContactAndTransferToQueue) must come after a Loop prompts block on every path.
 */
export function checkQueueFlowTransfer(model: FlowModel, type: FlowKind): Diagnostic[] {
  if (type !== 'CUSTOMER_QUEUE') return [];
  const transfers = model.nodes.filter((n) => n.type === 'DequeueContactAndTransferToQueue');
  if (transfers.length === 0) return [];
  const afterLoop = mustHold(model, false, passesLoopPrompts);
  return transfers
    .filter((node) => afterLoop.get(node.id) === false)
    .map((node) =>
      blockDiagnostic(
        node,
        'warning',
        'transfer-before-loop-prompts',
        `${describeBlock(node)} in a customer queue flow can be reached without passing a "Loop prompts" block.`,
        'Place a "Loop prompts" block (with an interrupt) before the transfer on every path, and connect the transfer from its interrupt branch.',
      ),
    );
}
