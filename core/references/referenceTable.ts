import type { FlowType } from '../flowTypes.js';
import type { ResourceKind } from './types.js';

/** In a rule's parameter path: any array index or object key at this step. */
export const ANY = '*';

/** A parameter path step: a key, or `ANY` (expands over array items and object keys). */
export type ParamStep = string;

/**
 * A metadata path step, relative to `Metadata.ActionMetadata[<action id>]`: a key, an array
 * index, or `{ match: n }` = the key or index the n-th `ANY` of the parameter path stood for
 * (`audio[i]` belongs to `Messages[i]`).
 */
export type MetaStep = string | number | { readonly match: number };

/**
 * Where the referenced flow's type comes from: fixed, unknown (`null`), or the event-hook key
 * the value sits under (`EventHooks.CustomerQueue` needs a customer queue flow).
 */
export type FlowTypeSource = FlowType | null | 'event-hook';

/** One parameter that points at a resource, for the action types listed. */
export interface ReferenceRule {
  readonly actionTypes: readonly string[];
  /** From the action object, starting `Parameters`. */
  readonly path: readonly ParamStep[];
  /** The kind, or `from-arn`: only values that are ARNs of a known kind count (convention values). */
  readonly kind: ResourceKind | 'from-arn';
  /** Publishing is blocked while this stays unresolved (`false` for convention values). */
  readonly required: boolean;
  readonly flowType: FlowTypeSource;
  /** `name`: the value is a name even when it looks like an id (Lex V1 bot names). */
  readonly valueKind: 'name' | null;
  /** Metadata slots that may repeat the value (counted as copies only when they hold it). */
  readonly idCopies: readonly (readonly MetaStep[])[];
  /** Metadata slots that may show the resource's name, in the order a name is read from them. */
  readonly nameCopies: readonly (readonly MetaStep[])[];
  /** Sibling keys a re-target may also write (a Lex V1 bot's `Region` and `Alias`). */
  readonly companions: readonly string[];
}

/** The flow type each event hook needs; hooks not listed (CustomerRemaining, PauseContact…) take inbound flows. */
export const EVENT_HOOK_FLOW_TYPES: Readonly<Record<string, FlowType>> = {
  CustomerQueue: 'CUSTOMER_QUEUE',
  CustomerHold: 'CUSTOMER_HOLD',
  AgentHold: 'AGENT_HOLD',
  CustomerWhisper: 'CUSTOMER_WHISPER',
  AgentWhisper: 'AGENT_WHISPER',
};

/** The flow type a hook's flow must have. */
export function eventHookFlowType(hook: string): FlowType {
  return Object.hasOwn(EVENT_HOOK_FLOW_TYPES, hook)
    ? (EVENT_HOOK_FLOW_TYPES[hook] ?? 'CONTACT_FLOW')
    : 'CONTACT_FLOW';
}

interface RuleInput {
  readonly actionTypes: readonly string[];
  readonly path: readonly ParamStep[];
  readonly kind: ResourceKind | 'from-arn';
  readonly required?: boolean;
  readonly flowType?: FlowTypeSource;
  readonly valueKind?: 'name';
  readonly idCopies?: readonly (readonly MetaStep[])[];
  readonly nameCopies?: readonly (readonly MetaStep[])[];
  readonly companions?: readonly string[];
  /** Convention values have no designer slots. */
  readonly designerSlots?: boolean;
}

/**
 * A rule with the newer designer's slots first: it mirrors each parameter under
 * `parameters.<path>` (`parameters.Messages[i].PromptId.displayName`), and its `displayName` is
 * the first name source.
 */
function rule(input: RuleInput): ReferenceRule {
  const mirror = designerMirror(input.path);
  const withSlots = input.designerSlots ?? true;
  return {
    actionTypes: input.actionTypes,
    path: input.path,
    kind: input.kind,
    required: input.required ?? true,
    flowType: input.flowType ?? null,
    valueKind: input.valueKind ?? null,
    idCopies: [...(withSlots ? [[...mirror, 'id']] : []), ...(input.idCopies ?? [])],
    nameCopies: [...(withSlots ? [[...mirror, 'displayName']] : []), ...(input.nameCopies ?? [])],
    companions: input.companions ?? [],
  };
}

function designerMirror(path: readonly ParamStep[]): MetaStep[] {
  let wildcard = 0;
  return [
    'parameters',
    ...path.slice(1).map((step): MetaStep => (step === ANY ? { match: wildcard++ } : step)),
  ];
}

const QUEUE_ACTIONS = ['UpdateContactTargetQueue', 'DequeueContactAndTransferToQueue'];
const QUEUE_CHECK_ACTIONS = ['CheckMetricData', 'GetMetricData', 'CreateCallbackContact'];
const PROMPT_ACTIONS = ['MessageParticipant', 'GetParticipantInput', 'ConnectParticipantWithLexBot'];
const CASE_ACTIONS = ['CreateCase', 'GetCase', 'UpdateCase'];
const ROUTING_CRITERIA_ACTIONS = ['UpdateContactRoutingCriteria', 'UpdateRoutingCriteria'];

/** The designer's `queue` slot: `{id, text}` (legacy adds `arn`, `resourceId`), a string when dynamic. */
const QUEUE_IDS = [
  ['queue', 'id'],
  ['queue', 'arn'],
  ['queue', 'resourceId'],
];
const QUEUE_NAMES = [['queue', 'text']];
const CONTACT_FLOW_IDS = [
  ['ContactFlow', 'id'],
  ['ContactFlow', 'arn'],
  ['ContactFlow', 'resourceId'],
];
const EVENT_FLOW_IDS = [
  ['contactFlow', 'id'],
  ['contactFlow', 'arn'],
  ['contactFlow', 'resourceId'],
];

/**
 * Every parameter that points at an instance or AWS resource (flow-format.md 2.5 and the Refs
 * columns of section 2), with the metadata slots that repeat its value and name. Wisdom
 * assistants, Chime voice connectors and phone numbers are not resource kinds flowgate moves, so
 * they are not here. Rule order is the order references of one action are reported in.
 *
 * `required` is true for typed parameters: Connect validates them when a flow is published, so an
 * unresolved one fails the publish. Convention values (attributes) and AWS-managed views are not.
 * When two rules reach the same value, the first one wins (named attributes before `ANY`).
 */
export const REFERENCE_TABLE: readonly ReferenceRule[] = [
  rule({
    actionTypes: QUEUE_ACTIONS,
    path: ['Parameters', 'QueueId'],
    kind: 'queue',
    idCopies: QUEUE_IDS,
    nameCopies: QUEUE_NAMES,
  }),
  rule({
    actionTypes: QUEUE_ACTIONS,
    path: ['Parameters', 'AgentId'],
    kind: 'user',
    idCopies: QUEUE_IDS,
    nameCopies: QUEUE_NAMES,
  }),
  rule({
    actionTypes: QUEUE_CHECK_ACTIONS,
    path: ['Parameters', 'QueueId'],
    kind: 'queue',
    idCopies: QUEUE_IDS,
    nameCopies: QUEUE_NAMES,
  }),
  rule({
    actionTypes: QUEUE_CHECK_ACTIONS,
    path: ['Parameters', 'AgentId'],
    kind: 'user',
    idCopies: QUEUE_IDS,
    nameCopies: QUEUE_NAMES,
  }),
  rule({
    actionTypes: PROMPT_ACTIONS,
    path: ['Parameters', 'PromptId'],
    kind: 'prompt',
    nameCopies: [['promptName']],
  }),
  rule({
    actionTypes: ['MessageParticipantIteratively'],
    path: ['Parameters', 'Messages', ANY, 'PromptId'],
    kind: 'prompt',
    idCopies: [
      ['audio', { match: 0 }, 'id'],
      ['audio', { match: 0 }, 'prompt', 'id'],
    ],
    nameCopies: [
      ['audio', { match: 0 }, 'text'],
      ['audio', { match: 0 }, 'prompt', 'text'],
    ],
  }),
  rule({
    actionTypes: ['ConnectParticipantWithLexBot'],
    path: ['Parameters', 'LexV2Bot', 'AliasArn'],
    kind: 'lex-bot',
    // `displayName` is the alias name; the bot's name is only a fallback when no alias name is known.
    nameCopies: [
      ['lexV2BotAliasName'],
      ['lexV2BotName'],
      ['parameters', 'LexV2Bot', 'AliasArn', 'lexV2BotName'],
    ],
  }),
  rule({
    actionTypes: ['ConnectParticipantWithLexBot'],
    path: ['Parameters', 'LexBot', 'Name'],
    kind: 'lex-v1-bot',
    valueKind: 'name',
    designerSlots: false,
    companions: ['Region', 'Alias'],
  }),
  rule({
    actionTypes: ['GetParticipantInput'],
    path: ['Parameters', 'InputEncryption', 'EncryptionKeyId'],
    kind: 'security-key',
  }),
  rule({
    actionTypes: ['InvokeLambdaFunction'],
    path: ['Parameters', 'LambdaFunctionARN'],
    kind: 'lambda',
  }),
  rule({
    actionTypes: ['UpdateContactMediaProcessing'],
    path: ['Parameters', 'ChatProcessor', 'LambdaProcessorARN'],
    kind: 'lambda',
  }),
  rule({
    actionTypes: ['TransferToFlow'],
    path: ['Parameters', 'ContactFlowId'],
    kind: 'flow',
    flowType: 'CONTACT_FLOW',
    idCopies: CONTACT_FLOW_IDS,
    nameCopies: [['ContactFlow', 'text']],
  }),
  rule({
    actionTypes: ['CreateTask'],
    path: ['Parameters', 'ContactFlowId'],
    kind: 'flow',
    flowType: 'CONTACT_FLOW',
    idCopies: CONTACT_FLOW_IDS,
    nameCopies: [['ContactFlow', 'text']],
  }),
  rule({
    actionTypes: ['CreateTask'],
    path: ['Parameters', 'TaskTemplateId'],
    kind: 'task-template',
  }),
  rule({
    actionTypes: ['CreateCallbackContact'],
    path: ['Parameters', 'ContactFlowId'],
    kind: 'flow',
  }),
  rule({
    actionTypes: ['StartOutboundChatContact'],
    path: ['Parameters', 'ContactFlowArn'],
    kind: 'flow',
    flowType: 'CONTACT_FLOW',
  }),
  rule({
    actionTypes: ['UpdateContactEventHooks'],
    path: ['Parameters', 'EventHooks', ANY],
    kind: 'flow',
    flowType: 'event-hook',
    idCopies: EVENT_FLOW_IDS,
    nameCopies: [['contactFlow', 'text']],
  }),
  rule({
    actionTypes: ['InvokeFlowModule'],
    path: ['Parameters', 'FlowModuleId'],
    kind: 'module',
    nameCopies: [['contactFlowModuleName']],
  }),
  rule({
    actionTypes: ['CheckHoursOfOperation'],
    path: ['Parameters', 'HoursOfOperationId'],
    kind: 'hours',
    idCopies: [
      ['Hours', 'id'],
      ['Hours', 'arn'],
    ],
    nameCopies: [['Hours', 'text']],
  }),
  rule({
    actionTypes: ['ShowView'],
    path: ['Parameters', 'ViewResource', 'Id'],
    kind: 'view',
  }),
  rule({
    actionTypes: CASE_ACTIONS,
    path: ['Parameters', 'CaseTemplateId'],
    kind: 'case-template',
    nameCopies: [['templateName']],
  }),
  rule({
    actionTypes: ROUTING_CRITERIA_ACTIONS,
    path: [
      'Parameters',
      'RoutingCriteria',
      'Steps',
      ANY,
      'Expression',
      'AttributeCondition',
      'MatchCriteria',
      'AgentsCriteria',
      'AgentIds',
      ANY,
    ],
    kind: 'user',
  }),
  rule({
    // Agent workspace step-by-step guides read the flow to show from this contact attribute.
    actionTypes: ['UpdateContactAttributes', 'CreateTask'],
    path: ['Parameters', 'Attributes', 'DefaultFlowForAgentUI'],
    kind: 'flow',
    required: false,
    flowType: 'CONTACT_FLOW',
    designerSlots: false,
  }),
  rule({
    actionTypes: ['UpdateContactAttributes'],
    path: ['Parameters', 'Attributes', ANY],
    kind: 'from-arn',
    required: false,
    designerSlots: false,
  }),
  rule({
    actionTypes: ['UpdateFlowAttributes'],
    path: ['Parameters', 'FlowAttributes', ANY, 'Value'],
    kind: 'from-arn',
    required: false,
    designerSlots: false,
  }),
  rule({
    actionTypes: ['InvokeLambdaFunction'],
    path: ['Parameters', 'LambdaInvocationAttributes', ANY],
    kind: 'from-arn',
    required: false,
    designerSlots: false,
  }),
];

const BY_ACTION_TYPE: ReadonlyMap<string, readonly ReferenceRule[]> = indexByActionType(REFERENCE_TABLE);

function indexByActionType(table: readonly ReferenceRule[]): Map<string, ReferenceRule[]> {
  const index = new Map<string, ReferenceRule[]>();
  for (const r of table) {
    for (const type of r.actionTypes) index.set(type, [...(index.get(type) ?? []), r]);
  }
  return index;
}

/** The rules for one action type, in table order (empty when the type holds no references). */
export function rulesFor(actionType: string): readonly ReferenceRule[] {
  return BY_ACTION_TYPE.get(actionType) ?? [];
}

/** The rule whose parameter path matches `path` (concrete keys and indexes) for this action type. */
export function ruleAt(actionType: string, path: readonly (string | number)[]): ReferenceRule | null {
  return rulesFor(actionType).find((r) => pathMatches(r.path, path)) ?? null;
}

function pathMatches(pattern: readonly ParamStep[], path: readonly (string | number)[]): boolean {
  return pattern.length === path.length && pattern.every((step, i) => step === ANY || step === path[i]);
}
