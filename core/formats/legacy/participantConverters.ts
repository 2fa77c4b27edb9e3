import type { Json, JsonObject } from '../../json.js';
import {
  type BranchTable,
  type ConvertedModule,
  type ModuleContext,
  SUCCESS_ERROR,
  type Unconvertible,
} from './converterTypes.js';
import type { LegacyParameter } from './legacySchema.js';
import { isTruthy } from './legacyValues.js';

/*
 * Legacy blocks that talk to the participant: prompts, input, loop prompts, disconnect and
 * transfer to a phone number. Mapping: flow-format.md section 4.3.
 */

type MutableObject = Record<string, Json>;

const INPUT_BRANCHES: BranchTable = {
  Evaluate: { slot: 'evaluate' },
  Timeout: { slot: 'error', errorType: 'InputTimeLimitExceeded' },
  NoMatch: { slot: 'error', errorType: 'NoMatchingCondition' },
  Error: { slot: 'error', errorType: 'NoMatchingError' },
};

/**
 * `Text` (+ `TextToSpeechType` text|ssml) and `AudioPrompt` → `Text` / `SSML` / `PromptId`,
 * the prompt every participant block starts with.
 */
export function promptParameters(ctx: ModuleContext): MutableObject {
  const out: MutableObject = {};
  const ssml = ctx.text('TextToSpeechType')?.toLowerCase() === 'ssml';
  const text = ctx.param('Text');
  if (text !== undefined) out[ssml ? 'SSML' : 'Text'] = ctx.valueOf(text);
  const prompt = ctx.param('AudioPrompt');
  if (prompt !== undefined) out.PromptId = ctx.valueOf(prompt, ['PromptId']);
  return out;
}

/** PlayPrompt → MessageParticipant. */
export function convertPlayPrompt(ctx: ModuleContext): ConvertedModule {
  return { type: 'MessageParticipant', parameters: promptParameters(ctx), branches: SUCCESS_ERROR };
}

/** GetUserInput / Digits → GetParticipantInput (a DTMF menu: nothing is stored). */
export function convertGetDigits(ctx: ModuleContext): ConvertedModule {
  const parameters = promptParameters(ctx);
  parameters.StoreInput = 'False';
  const timeout = ctx.value('Timeout');
  if (timeout !== undefined) parameters.InputTimeLimitSeconds = timeout;
  const maxDigits = ctx.text('MaxDigits');
  // A menu reads one digit per branch; anything else has no Flow Language field to go to.
  if (maxDigits !== undefined && maxDigits !== '1') {
    ctx.warn(
      'legacy-field-dropped',
      `Module ${ctx.module.id}: MaxDigits ${maxDigits} of a menu input has no Flow Language equivalent and was dropped.`,
      'Check that every menu option is a single digit, or use a Store customer input block.',
    );
  }
  return {
    type: 'GetParticipantInput',
    parameters,
    branches: INPUT_BRANCHES,
    fallback: ['NoMatch', 'Error'],
  };
}

/** GetUserInput / Lex → ConnectParticipantWithLexBot (Lex V1 by name, or a Lex V2 alias ARN). */
export function convertGetLexInput(ctx: ModuleContext): ConvertedModule {
  const parameters = promptParameters(ctx);
  const aliasArn = ctx.param('BotAliasArn');
  // `LexVersion` only says which of the two bot forms follows; the parameters themselves tell.
  ctx.param('LexVersion');
  if (aliasArn !== undefined) {
    parameters.LexV2Bot = { AliasArn: ctx.valueOf(aliasArn, ['LexV2Bot', 'AliasArn']) };
    const aliasName = ctx.module.metadata?.lexV2BotAliasName;
    if (!hasResourceName(aliasArn) && typeof aliasName === 'string' && aliasName !== '') {
      ctx.displayName(['LexV2Bot', 'AliasArn'], aliasName);
    }
  }
  const bot = lexV1Bot(ctx);
  if (bot !== null) parameters.LexBot = bot;
  return { type: 'ConnectParticipantWithLexBot', parameters, branches: INPUT_BRANCHES };
}

function lexV1Bot(ctx: ModuleContext): JsonObject | null {
  const name = ctx.value('BotName');
  const alias = ctx.value('BotAlias');
  const region = ctx.value('BotRegion');
  if (name === undefined && alias === undefined && region === undefined) return null;
  const bot: MutableObject = {};
  if (name !== undefined) bot.Name = name;
  if (alias !== undefined) bot.Alias = alias;
  if (region !== undefined) bot.Region = region;
  return bot;
}

function hasResourceName(p: LegacyParameter): boolean {
  return typeof p.resourceName === 'string' && p.resourceName !== '';
}

/** StoreUserInput → GetParticipantInput with `StoreInput: "True"` and its validation. */
export function convertStoreInput(ctx: ModuleContext): ConvertedModule | Unconvertible {
  if (isTruthy(ctx.param('EncryptEntry')?.value)) {
    // The encryption key and certificate cannot be carried across; storing input unencrypted
    // instead would silently weaken the flow.
    return { unconvertible: 'it encrypts the customer input, and its encryption keys cannot be converted' };
  }
  const parameters = promptParameters(ctx);
  parameters.StoreInput = 'True';
  const timeout = ctx.value('Timeout');
  if (timeout !== undefined) parameters.InputTimeLimitSeconds = timeout;
  const validation = inputValidation(ctx);
  if ('unconvertible' in validation) return validation;
  if (validation.value !== null) parameters.InputValidation = validation.value;
  const dtmf = dtmfConfiguration(ctx);
  if (dtmf !== null) parameters.DTMFConfiguration = dtmf;
  return { type: 'GetParticipantInput', parameters, branches: SUCCESS_ERROR };
}

function inputValidation(ctx: ModuleContext): { readonly value: JsonObject | null } | Unconvertible {
  const kind = ctx.text('CustomerInputType') ?? 'Custom';
  const maxDigits = ctx.text('MaxDigits');
  if (kind === 'Custom') {
    return { value: maxDigits === undefined ? null : { CustomValidation: { MaximumLength: maxDigits } } };
  }
  if (kind !== 'PhoneNumber') return { unconvertible: `its customer input type "${kind}" is not known` };
  const phone: MutableObject = { NumberFormat: ctx.text('PhoneNumberFormat') ?? 'International' };
  const country = ctx.text('CountryCode');
  if (country !== undefined) phone.CountryCode = country;
  return { value: { PhoneNumberValidation: phone } };
}

function dtmfConfiguration(ctx: ModuleContext): JsonObject | null {
  const out: MutableObject = {};
  const cancel = ctx.param('DisableCancel');
  if (cancel !== undefined) out.DisableCancelKey = isTruthy(cancel.value) ? 'True' : 'False';
  const terminator = ctx.text('TerminatorDigits');
  if (terminator !== undefined && terminator !== '') out.InputTerminationSequence = terminator;
  return Object.keys(out).length === 0 ? null : out;
}

/** LoopPrompts → MessageParticipantIteratively; texts and prompts keep their order. */
export function convertLoopPrompts(ctx: ModuleContext): ConvertedModule {
  const texts = ctx.params('Text');
  const prompts = ctx.params('AudioPrompt');
  const ssmlDefault = ctx.text('TextToSpeechType')?.toLowerCase() === 'ssml';
  const ordered = (ctx.module.parameters ?? []).filter((p) => texts.includes(p) || prompts.includes(p));
  const messages: Json[] = ordered.map((p, i) => {
    if (prompts.includes(p)) return { PromptId: ctx.valueOf(p, ['Messages', i, 'PromptId']) };
    const ssml = typeof p.key === 'string' ? p.key.toLowerCase() === 'ssml' : ssmlDefault;
    return { [ssml ? 'SSML' : 'Text']: ctx.valueOf(p) };
  });
  const parameters: MutableObject = { Messages: messages };
  const interrupt = ctx.value('InterruptSeconds');
  if (interrupt !== undefined) parameters.InterruptFrequencySeconds = interrupt;
  return {
    type: 'MessageParticipantIteratively',
    parameters,
    branches: {
      Timeout: { slot: 'condition', operator: 'Equals', operand: 'MessagesInterrupted' },
      Error: { slot: 'error', errorType: 'NoMatchingError' },
    },
  };
}

/** Disconnect → DisconnectParticipant (terminal). */
export function convertDisconnect(): ConvertedModule {
  return { type: 'DisconnectParticipant', parameters: {}, branches: {} };
}

/** Transfer / PhoneNumber → TransferParticipantToThirdParty. */
export function convertTransferToPhone(ctx: ModuleContext): ConvertedModule {
  const parameters: MutableObject = {};
  const number = ctx.value('PhoneNumber');
  if (number !== undefined) parameters.ThirdPartyPhoneNumber = number;
  const limit = ctx.value('TimeLimit');
  if (limit !== undefined) parameters.ThirdPartyConnectionTimeLimitSeconds = limit;
  const blind = ctx.param('BlindTransfer');
  // A blind transfer ends the flow; the Flow Language says the opposite: continue or not.
  if (blind !== undefined) parameters.ContinueFlowExecution = isTruthy(blind.value) ? 'False' : 'True';
  return {
    type: 'TransferParticipantToThirdParty',
    parameters,
    branches: {
      ...SUCCESS_ERROR,
      CallFailure: { slot: 'error', errorType: 'CallFailed' },
      Timeout: { slot: 'error', errorType: 'ConnectionTimeLimitExceeded' },
    },
  };
}
