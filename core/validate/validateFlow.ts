import { type Diagnostic, sortDiagnostics } from '../diagnostics.js';
import type { FlowContent } from '../flow.js';
import type { FlowKind } from '../flowTypes.js';
import { checkBranches } from './branches.js';
import { checkPhoneNumbers, checkPromptLength } from './content.js';
import { flowDiagnostic } from './diagnostic.js';
import { buildFlowModel, type FlowModel } from './flowModel.js';
import {
  checkActionPlacement,
  checkQueueFlowTransfer,
  checkStaffingQueue,
  checkTransferQueue,
} from './flowTypeRules.js';
import { checkEndlessLoops } from './loops.js';
import { checkReachability } from './paths.js';
import { checkIdentifiers, checkStartAction, checkTransitions } from './structure.js';

type Rule = (model: FlowModel) => Diagnostic[];
type TypedRule = (model: FlowModel, type: FlowKind) => Diagnostic[];

const RULES: readonly Rule[] = [
  checkStartAction,
  checkIdentifiers,
  checkTransitions,
  checkBranches,
  checkReachability,
  checkEndlessLoops,
  checkPromptLength,
  checkPhoneNumbers,
];

const TYPED_RULES: readonly TypedRule[] = [
  checkActionPlacement,
  checkTransferQueue,
  checkStaffingQueue,
  checkQueueFlowTransfer,
];

const UNKNOWN_TYPE = flowDiagnostic(
  'warning',
  'flow-type-unknown',
  'The flow type is unknown, so flow-type rules (allowed blocks, working queue) were not checked.',
  'Export the flow from the designer so Metadata.type is set, or give the type (flowgate --type CONTACT_FLOW, CUSTOMER_QUEUE, …).',
);

/**
 * Structure and flow-type rules for one flow, errors first. `type` null (unknown) skips the
 * type-specific rules and adds a `flow-type-unknown` warning; `MODULE` is a flow module. Never
 * throws: malformed content yields diagnostics, not exceptions.
 */
export function validateFlow(content: FlowContent, type: FlowKind | null): Diagnostic[] {
  const model = buildFlowModel(content);
  const found = RULES.flatMap((rule) => rule(model));
  if (type === null) found.push(UNKNOWN_TYPE);
  else found.push(...TYPED_RULES.flatMap((rule) => rule(model, type)));
  return sortDiagnostics(found);
}
