import type { Severity } from '../diagnostics.js';
import { FLOW_TYPES, type FlowKind } from '../flowTypes.js';
import type { JsonObject } from '../json.js';

/**
 * Where a flow-type restriction comes from: `doc` = an AWS action page read directly, `mirror` =
 * a mirrored compilation of those pages (rows marked (m) in shared/reference/flow-format.md).
 */
export type RuleSource = 'doc' | 'mirror';

/** The flow types (and modules) a block may be used in, and how sure we are of it. */
export interface WhereRule {
  readonly allowed: readonly FlowKind[];
  readonly source: RuleSource;
  /** `error` only for doc rows that the corpus confirms; everything else is a warning. */
  readonly severity: Severity;
}

/**
 * An error branch the designer shows for the block. `severity` was calibrated on the corpus:
 * `error` when every export of the block has the branch connected, in at least three files from
 * more than one repository; `warning` when it is always connected but seen in fewer files.
 * Branches that some published export leaves unconnected are not listed at all (older
 * designers likely did not show them).
 */
export interface BranchRule {
  readonly errorType: string;
  readonly severity: Severity;
  /** The designer shows the branch only for some settings (e.g. `StoreInput` False). */
  readonly when?: (parameters: JsonObject) => boolean;
}

/**
 * How a block ends: `always` = terminal (no transitions expected), `may` = some settings or
 * uses end the flow here (Loop prompts in a hold flow loops until the agent answers), `never`
 * = the designer shows a success or condition branch that must lead somewhere.
 */
export type Termination = 'always' | 'may' | 'never';

/** What flowgate knows about one action type. */
export interface ActionRule {
  readonly termination: Termination;
  readonly branches: readonly BranchRule[];
  /** The success branch (`NextAction`) must be connected even when Conditions exist. */
  readonly requiresNext?: boolean;
  readonly where?: WhereRule;
}

const ALL_KINDS: readonly FlowKind[] = [...FLOW_TYPES, 'MODULE'];

function allExcept(...excluded: FlowKind[]): readonly FlowKind[] {
  return ALL_KINDS.filter((k) => !excluded.includes(k));
}

const INBOUND_TRANSFER: readonly FlowKind[] = ['CONTACT_FLOW', 'AGENT_TRANSFER', 'QUEUE_TRANSFER', 'MODULE'];
const INTERACTIVE: readonly FlowKind[] = [...INBOUND_TRANSFER, 'CUSTOMER_QUEUE'];
const HOLDS: readonly FlowKind[] = ['CUSTOMER_HOLD', 'AGENT_HOLD'];
const WHISPERS: readonly FlowKind[] = ['CUSTOMER_WHISPER', 'AGENT_WHISPER', 'OUTBOUND_WHISPER'];

function mirror(allowed: readonly FlowKind[]): WhereRule {
  return { allowed, source: 'mirror', severity: 'warning' };
}

function branch(errorType: string, severity: Severity = 'error'): BranchRule {
  return { errorType, severity };
}

const ERROR = branch('NoMatchingError');
const ERROR_WEAK = branch('NoMatchingError', 'warning');

/** `StoreInput` False (the default) means menu mode: Timeout and Default branches are shown. */
function isMenuMode(parameters: JsonObject): boolean {
  return String(parameters.StoreInput ?? 'False').toLowerCase() !== 'true';
}

function hasPhoneValidation(parameters: JsonObject): boolean {
  const validation = parameters.InputValidation;
  return typeof validation === 'object' && validation !== null && 'PhoneNumberValidation' in validation;
}

/**
 * The per-type table. Branch lists come from section 2 of flow-format.md, calibrated on the
 * corpus (counts in core/validate/README.md); `where` from the "Where" column.
 */
const ACTION_RULES: Readonly<Record<string, ActionRule>> = {
  MessageParticipant: { termination: 'never', branches: [], where: mirror(allExcept(...HOLDS)) },
  GetParticipantInput: {
    termination: 'never',
    branches: [
      ERROR,
      { errorType: 'NoMatchingCondition', severity: 'error', when: isMenuMode },
      { errorType: 'InputTimeLimitExceeded', severity: 'error', when: isMenuMode },
      { errorType: 'InvalidPhoneNumber', severity: 'error', when: hasPhoneValidation },
    ],
    where: mirror(INTERACTIVE),
  },
  ConnectParticipantWithLexBot: {
    termination: 'never',
    branches: [ERROR, branch('NoMatchingCondition')],
    where: mirror(INTERACTIVE),
  },
  MessageParticipantIteratively: {
    termination: 'may',
    branches: [],
    where: mirror(['CUSTOMER_QUEUE', ...HOLDS]),
  },
  DisconnectParticipant: { termination: 'always', branches: [], where: mirror(INTERACTIVE) },
  ShowView: {
    termination: 'never',
    // Default and Timeout depend on the view's configuration [inferred], so only Error is an error.
    branches: [ERROR, branch('NoMatchingCondition', 'warning'), branch('TimeLimitExceeded', 'warning')],
    where: mirror(['CONTACT_FLOW', 'CUSTOMER_QUEUE', 'MODULE']),
  },
  TransferParticipantToThirdParty: { termination: 'may', branches: [ERROR_WEAK] },
  UpdateContactTargetQueue: { termination: 'never', branches: [ERROR], where: mirror(INBOUND_TRANSFER) },
  TransferContactToQueue: {
    termination: 'never',
    branches: [ERROR, branch('QueueAtCapacity')],
    where: mirror(INBOUND_TRANSFER),
  },
  DequeueContactAndTransferToQueue: {
    termination: 'never',
    branches: [ERROR_WEAK, branch('QueueAtCapacity', 'warning')],
    requiresNext: true,
    where: mirror(['CUSTOMER_QUEUE']),
  },
  TransferContactToAgent: {
    termination: 'may',
    branches: [],
    where: mirror(['AGENT_TRANSFER', 'QUEUE_TRANSFER']),
  },
  UpdateContactEventHooks: { termination: 'never', branches: [ERROR] },
  InvokeFlowModule: {
    termination: 'never',
    branches: [ERROR],
    where: { allowed: ['CONTACT_FLOW'], source: 'doc', severity: 'error' },
  },
  EndFlowModuleExecution: { termination: 'always', branches: [], where: mirror(['MODULE']) },
  UpdateContactAttributes: { termination: 'never', branches: [ERROR] },
  UpdateContactData: { termination: 'never', branches: [ERROR_WEAK] },
  UpdateContactCallbackNumber: {
    termination: 'never',
    branches: [branch('InvalidCallbackNumber'), branch('CallbackNumberNotDialable')],
    where: mirror(INTERACTIVE),
  },
  UpdateContactRecordingBehavior: {
    termination: 'never',
    branches: [],
    where: mirror(allExcept('CUSTOMER_WHISPER', 'AGENT_WHISPER', ...HOLDS)),
  },
  UpdateContactRecordingAndAnalyticsBehavior: { termination: 'never', branches: [] },
  UpdateContactMediaStreamingBehavior: {
    termination: 'never',
    branches: [ERROR_WEAK],
    where: mirror(allExcept(...HOLDS)),
  },
  UpdateContactMediaProcessing: { termination: 'never', branches: [] },
  UpdateContactTextToSpeechVoice: { termination: 'never', branches: [] },
  // Doc page read only through a translated copy and none of its exports are in the public
  // corpus, so the restriction cannot be calibrated: a warning until real exports confirm it.
  UpdateContactRoutingBehavior: {
    termination: 'never',
    branches: [],
    where: { allowed: ['CONTACT_FLOW', 'MODULE'], source: 'doc', severity: 'warning' },
  },
  UpdatePreviousContactParticipantState: {
    termination: 'never',
    branches: [],
    where: { allowed: INBOUND_TRANSFER, source: 'doc', severity: 'warning' },
  },
  CreateTask: { termination: 'never', branches: [ERROR_WEAK] },
  CreateCase: { termination: 'never', branches: [ERROR_WEAK] },
  GetCase: { termination: 'never', branches: [ERROR_WEAK] },
  UpdateCase: { termination: 'never', branches: [] },
  CreateWisdomSession: { termination: 'never', branches: [] },
  CompleteOutboundCall: { termination: 'never', branches: [], where: mirror(['OUTBOUND_WHISPER']) },
  StartOutboundChatContact: { termination: 'never', branches: [] },
  TagContact: { termination: 'never', branches: [ERROR_WEAK] },
  UnTagContact: { termination: 'never', branches: [] },
  ResumeContact: { termination: 'never', branches: [] },
  // Every export has the Error branch, but all three public files come from one repository.
  CheckHoursOfOperation: { termination: 'never', branches: [ERROR_WEAK], where: mirror(INTERACTIVE) },
  CheckMetricData: {
    termination: 'never',
    branches: [ERROR_WEAK, branch('NoMatchingCondition', 'warning')],
    where: mirror(allExcept(...WHISPERS, ...HOLDS)),
  },
  GetMetricData: { termination: 'never', branches: [ERROR_WEAK] },
  Compare: { termination: 'never', branches: [branch('NoMatchingCondition')] },
  DistributeByPercentage: { termination: 'never', branches: [], where: mirror(INTERACTIVE) },
  Loop: { termination: 'never', branches: [] },
  Wait: { termination: 'never', branches: [ERROR_WEAK] },
  EndFlowExecution: {
    termination: 'always',
    branches: [],
    where: mirror([...WHISPERS, 'CUSTOMER_QUEUE']),
  },
  TransferToFlow: {
    termination: 'never',
    branches: [ERROR],
    where: { allowed: allExcept(...HOLDS, ...WHISPERS, 'CUSTOMER_QUEUE'), source: 'doc', severity: 'error' },
  },
  UpdateFlowLoggingBehavior: { termination: 'never', branches: [] },
  UpdateFlowAttributes: { termination: 'never', branches: [ERROR] },
  UpdateRoutingCriteria: { termination: 'never', branches: [], where: mirror(INTERACTIVE) },
  UpdateContactRoutingCriteria: { termination: 'never', branches: [], where: mirror(INTERACTIVE) },
  CheckVoiceId: { termination: 'never', branches: [] },
  StartVoiceIdStream: { termination: 'never', branches: [] },
  CheckOutboundCallStatus: {
    termination: 'never',
    branches: [],
    where: mirror(['OUTBOUND_WHISPER', 'CAMPAIGN']),
  },
  InvokeLambdaFunction: { termination: 'never', branches: [ERROR] },
  CreateCallbackContact: { termination: 'never', branches: [ERROR] },
  CreateCustomerProfile: { termination: 'never', branches: [ERROR_WEAK] },
  GetCustomerProfile: { termination: 'never', branches: [ERROR_WEAK] },
  UpdateCustomerProfile: { termination: 'never', branches: [] },
  AssociateContactToCustomerProfile: { termination: 'never', branches: [] },
  GetCustomerProfileObject: { termination: 'never', branches: [] },
  GetCalculatedAttributesForCustomerProfile: { termination: 'never', branches: [] },
};

/** The rule for an action type, or `null` for types flowgate does not know (never guessed at). */
export function actionRule(type: string): ActionRule | null {
  return Object.hasOwn(ACTION_RULES, type) ? (ACTION_RULES[type] ?? null) : null;
}

const BRANCH_LABELS: Readonly<Record<string, string>> = {
  NoMatchingError: 'Error',
  NoMatchingCondition: 'Default / No match',
  InputTimeLimitExceeded: 'Timeout',
  TimeLimitExceeded: 'Timeout',
  QueueAtCapacity: 'At capacity',
  InvalidPhoneNumber: 'Invalid number',
  InvalidCallbackNumber: 'Invalid number',
  CallbackNumberNotDialable: 'Not dialable',
};

/** The designer's label for an error branch (`QueueAtCapacity` → "At capacity"). */
export function branchLabel(errorType: string): string {
  return Object.hasOwn(BRANCH_LABELS, errorType) ? (BRANCH_LABELS[errorType] ?? errorType) : errorType;
}
