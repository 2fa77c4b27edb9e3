import {
  convertEventHook,
  convertRoutingPriority,
  convertSetAttributes,
  convertSetQueue,
  convertSetRecording,
  convertSetScreenPop,
  convertSetVoice,
  convertTransferToAgent,
  convertTransferToQueue,
  mediaStreamingConverter,
} from './contactConverters.js';
import type { ModuleConverter } from './converterTypes.js';
import {
  convertCheckAttribute,
  convertCheckHours,
  convertCheckQueueStatus,
  convertCheckStaffing,
  convertGetMetricData,
  convertInvokeLambda,
  convertLoop,
  convertResume,
  convertSetLogging,
  convertTransferToFlow,
  convertWait,
} from './flowControlConverters.js';
import type { LegacyModule } from './legacySchema.js';
import { lookup } from './ownKeys.js';
import {
  convertDisconnect,
  convertGetDigits,
  convertGetLexInput,
  convertLoopPrompts,
  convertPlayPrompt,
  convertStoreInput,
  convertTransferToPhone,
} from './participantConverters.js';

/**
 * Every legacy module this converter knows, keyed `type` or `type/target` (flow-format.md
 * sections 4.2 and 4.3).
 */
const CONVERTERS: Readonly<Record<string, ModuleConverter>> = {
  PlayPrompt: convertPlayPrompt,
  'GetUserInput/Digits': convertGetDigits,
  'GetUserInput/Lex': convertGetLexInput,
  StoreUserInput: convertStoreInput,
  LoopPrompts: convertLoopPrompts,
  Disconnect: convertDisconnect,
  'Transfer/PhoneNumber': convertTransferToPhone,
  'Transfer/Queue': convertTransferToQueue,
  'Transfer/Agent': convertTransferToAgent,
  'Transfer/Flow': convertTransferToFlow,
  SetQueue: convertSetQueue,
  SetEventHook: convertEventHook,
  SetContactFlow: convertEventHook,
  SetAttributes: convertSetAttributes,
  SetScreenPop: convertSetScreenPop,
  SetVoice: convertSetVoice,
  SetRecordingBehavior: convertSetRecording,
  StartMediaStreaming: mediaStreamingConverter('Enabled'),
  StopMediaStreaming: mediaStreamingConverter('Disabled'),
  UpdateRoutingPriority: convertRoutingPriority,
  CheckAttribute: convertCheckAttribute,
  CheckStaffing: convertCheckStaffing,
  CheckQueueStatus: convertCheckQueueStatus,
  GetMetricData: convertGetMetricData,
  CheckHoursOfOperation: convertCheckHours,
  Loop: convertLoop,
  Wait: convertWait,
  Resume: convertResume,
  SetLoggingBehavior: convertSetLogging,
  'InvokeExternalResource/Lambda': convertInvokeLambda,
};

/**
 * Deprecated module types older exports still hold, and the key they are read as (the
 * rewrites of the amazon-connect-simulator's `dedeprecate.go`). SetScreenPop has its own entry
 * because its parameters differ.
 */
const DEPRECATED: Readonly<Record<string, string>> = {
  PlayAudio: 'PlayPrompt',
  StoreCustomerInput: 'StoreUserInput',
  TransferToFlow: 'Transfer/Flow',
  CustomerInQueue: 'Transfer/Queue',
};

/** Types whose `target` picks the behaviour: without a known target they cannot be converted. */
const TARGETED = new Set(['Transfer', 'InvokeExternalResource', 'GetUserInput']);

/** The key a module is looked up by: `type/target`, a deprecated type's replacement, or `type`. */
export function converterKey(module: LegacyModule): string {
  const replacement = lookup(DEPRECATED, module.type);
  if (replacement !== undefined) return replacement;
  if (!TARGETED.has(module.type)) return module.type;
  const target = module.target ?? '';
  if (target !== '') return `${module.type}/${target}`;
  if (module.type === 'GetUserInput') return `GetUserInput/${looksLikeLex(module) ? 'Lex' : 'Digits'}`;
  return module.type;
}

/** The converter for a module, or undefined when its type (and target) is not known. */
export function findConverter(module: LegacyModule): ModuleConverter | undefined {
  const key = converterKey(module);
  return lookup(CONVERTERS, key);
}

/** Every key the table converts (for tests and documentation). */
export function convertibleModuleKeys(): readonly string[] {
  return [...Object.keys(CONVERTERS), ...Object.keys(DEPRECATED)];
}

// Older exports may omit the target of an input block; a bot parameter gives a Lex block away.
function looksLikeLex(module: LegacyModule): boolean {
  return (module.parameters ?? []).some((p) => p.name === 'BotName' || p.name === 'BotAliasArn');
}
