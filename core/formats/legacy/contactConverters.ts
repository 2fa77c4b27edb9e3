import type { Json } from '../../json.js';
import {
  type ConvertedModule,
  type ModuleContext,
  type ModuleConverter,
  SUCCESS_ERROR,
  type Unconvertible,
} from './converterTypes.js';
import type { LegacyParameter } from './legacySchema.js';
import { scalarText } from './legacyValues.js';
import { lookup, setOwn } from './ownKeys.js';

/*
 * Legacy blocks that change the contact: queues, transfers, event flows, attributes, voice,
 * recording, media streaming and routing priority. Mapping: flow-format.md section 4.3.
 */

type MutableObject = Record<string, Json>;

/**
 * `Queue` / `Agent` → `QueueId` / `AgentId` (a queue, or an agent's own queue), with the
 * resource's display name.
 */
export function queueOrAgent(ctx: ModuleContext): MutableObject {
  const out: MutableObject = {};
  const queue = ctx.param('Queue');
  if (queue !== undefined) out.QueueId = ctx.valueOf(queue, ['QueueId']);
  const agent = ctx.param('Agent');
  if (agent !== undefined) out.AgentId = ctx.valueOf(agent, ['AgentId']);
  return out;
}

/** SetQueue → UpdateContactTargetQueue. */
export function convertSetQueue(ctx: ModuleContext): ConvertedModule {
  return { type: 'UpdateContactTargetQueue', parameters: queueOrAgent(ctx), branches: SUCCESS_ERROR };
}

/**
 * Transfer / Queue → TransferContactToQueue (to the working queue). When the block names its
 * own queue, as the customer-queue flow's transfer does, it is DequeueContactAndTransferToQueue.
 */
export function convertTransferToQueue(ctx: ModuleContext): ConvertedModule {
  const parameters = queueOrAgent(ctx);
  const named = Object.keys(parameters).length > 0;
  return {
    type: named ? 'DequeueContactAndTransferToQueue' : 'TransferContactToQueue',
    parameters,
    branches: {
      AtCapacity: { slot: 'error', errorType: 'QueueAtCapacity' },
      Error: { slot: 'error', errorType: 'NoMatchingError' },
    },
  };
}

/** Transfer / Agent → TransferContactToAgent (terminal unless the block kept an error branch). */
export function convertTransferToAgent(): ConvertedModule {
  return {
    type: 'TransferContactToAgent',
    parameters: {},
    branches: { Error: { slot: 'error', errorType: 'NoMatchingError' } },
  };
}

/** SetEventHook and SetContactFlow (`Type` = the hook) → UpdateContactEventHooks. */
export function convertEventHook(ctx: ModuleContext): ConvertedModule | Unconvertible {
  const hook = ctx.text('Type');
  if (hook === undefined || hook === '') {
    return { unconvertible: 'it has no Type parameter, so which event flow it sets is unknown' };
  }
  const flow = ctx.param('ContactFlowId');
  const value = flow === undefined ? '' : ctx.valueOf(flow, ['EventHooks', hook]);
  return {
    type: 'UpdateContactEventHooks',
    parameters: { EventHooks: { [hook]: value } },
    branches: SUCCESS_ERROR,
  };
}

/** SetAttributes → UpdateContactAttributes: each `Attribute {key, value, namespace}` becomes one entry. */
export function convertSetAttributes(ctx: ModuleContext): ConvertedModule {
  const attributes: MutableObject = {};
  for (const p of ctx.params('Attribute')) {
    const key = p.key === undefined || p.key === null ? '' : String(p.key);
    addAttribute(ctx, attributes, key, p);
  }
  return { type: 'UpdateContactAttributes', parameters: { Attributes: attributes }, branches: SUCCESS_ERROR };
}

/**
 * SetScreenPop (deprecated) → UpdateContactAttributes. It holds the name and the value as two
 * parameters, `key` and `value` (as the amazon-connect-simulator reads them).
 */
export function convertSetScreenPop(ctx: ModuleContext): ConvertedModule {
  const converted = convertSetAttributes(ctx);
  const key = ctx.param('key');
  const value = ctx.param('value');
  if (key === undefined || value === undefined) return converted;
  const attributes = { ...(converted.parameters.Attributes as MutableObject) };
  addAttribute(ctx, attributes, scalarText(key.value), value);
  return { ...converted, parameters: { Attributes: attributes } };
}

function addAttribute(ctx: ModuleContext, into: MutableObject, key: string, p: LegacyParameter): void {
  if (key === '') {
    ctx.warn(
      'legacy-field-dropped',
      `Module ${ctx.module.id}: an attribute with value "${scalarText(p.value)}" has no key and was dropped.`,
      'Add the attribute again in the Set contact attributes block with a destination key.',
    );
    return;
  }
  if (Object.hasOwn(into, key)) {
    ctx.warn(
      'legacy-duplicate-attribute',
      `Module ${ctx.module.id}: attribute "${key}" is set twice; the last value is kept.`,
      'Remove one of the two entries in the Set contact attributes block.',
    );
  }
  setOwn(into, key, ctx.valueOf(p));
}

/** SetVoice → UpdateContactTextToSpeechVoice. */
export function convertSetVoice(ctx: ModuleContext): ConvertedModule {
  const parameters: MutableObject = {};
  const voice = ctx.value('GlobalVoice');
  if (voice !== undefined) parameters.TextToSpeechVoice = voice;
  const engine = ctx.value('GlobalEngine');
  if (engine !== undefined) parameters.TextToSpeechEngine = engine;
  const style = ctx.value('SpeakingStyle');
  if (style !== undefined) parameters.TextToSpeechStyle = style;
  return { type: 'UpdateContactTextToSpeechVoice', parameters, branches: SUCCESS_ERROR };
}

const RECORDED: Readonly<Record<string, readonly string[]>> = {
  Both: ['Agent', 'Customer'],
  Agent: ['Agent'],
  Customer: ['Customer'],
};

/** Analytics mode names: legacy → Flow Language (`PostCall` is the legacy name of post-contact). */
const ANALYTICS_MODES: Readonly<Record<string, string>> = {
  RealTime: 'RealTime',
  PostCall: 'PostContact',
  PostContact: 'PostContact',
};

/** SetRecordingBehavior → UpdateContactRecordingBehavior (recording, plus Contact Lens analytics). */
export function convertSetRecording(ctx: ModuleContext): ConvertedModule | Unconvertible {
  const parameters: MutableObject = {};
  const option = ctx.text('RecordingBehaviorOption');
  const who = ctx.text('RecordingParticipantOption') ?? 'Both';
  const recorded = lookup(RECORDED, who);
  if (recorded === undefined) return { unconvertible: `its recording participant "${who}" is not known` };
  if (option !== undefined) {
    const enabled = option === 'Enable';
    if (!enabled && who !== 'Both') {
      ctx.warn(
        'legacy-recording-approximated',
        `Module ${ctx.module.id}: "Disable" recording for ${who} only was converted to recording nobody.`,
        'Check the Set recording and analytics behavior block and re-select who is recorded.',
      );
    }
    parameters.RecordingBehavior = { RecordedParticipants: enabled ? [...recorded] : [] };
  }
  const analytics = analyticsBehavior(ctx);
  if (analytics !== null) parameters.AnalyticsBehavior = analytics;
  return { type: 'UpdateContactRecordingBehavior', parameters, branches: SUCCESS_ERROR };
}

function analyticsBehavior(ctx: ModuleContext): MutableObject | null {
  const option = ctx.text('AnalyticsBehaviorOption');
  if (option === undefined) return null;
  if (option !== 'Enable') return { Enabled: 'False' };
  const out: MutableObject = { Enabled: 'True' };
  const language = ctx.value('AnalyticsLanguageLocaleCode');
  if (language !== undefined) out.AnalyticsLanguage = language;
  const redaction = ctx.text('AnalyticsRedactionOption');
  const policy = ctx.text('AnalyticsRedactionPolicy');
  if (redaction !== undefined)
    out.AnalyticsRedactionBehavior = redaction === 'Enable' ? 'Enabled' : 'Disabled';
  if (redaction === 'Enable' && policy !== undefined) out.AnalyticsRedactionResults = policy;
  const mode = ctx.text('AnalyticsMode');
  if (mode !== undefined)
    out.ChannelConfiguration = { Voice: { AnalyticsModes: [analyticsMode(ctx, mode)] } };
  const vocabulary = ctx.text('AnalyticsCustomVocabulary');
  if (vocabulary !== undefined && vocabulary !== 'None' && vocabulary !== '') {
    ctx.warn(
      'legacy-field-dropped',
      `Module ${ctx.module.id}: custom vocabulary "${vocabulary}" has no place in the converted block and was dropped.`,
      'Select the custom vocabulary again in the Set recording and analytics behavior block.',
    );
  }
  return out;
}

function analyticsMode(ctx: ModuleContext, mode: string): string {
  const known = lookup(ANALYTICS_MODES, mode);
  if (known !== undefined) return known;
  ctx.warn(
    'legacy-value-unmapped',
    `Module ${ctx.module.id}: analytics mode "${mode}" is not one flowgate knows; it was kept as written.`,
    'Check the analytics mode in the Set recording and analytics behavior block.',
  );
  return mode;
}

const TRACK_DIRECTIONS: Readonly<Record<string, string>> = { FromCustomer: 'From', ToCustomer: 'To' };

/** StartMediaStreaming / StopMediaStreaming → UpdateContactMediaStreamingBehavior. */
export function mediaStreamingConverter(state: 'Enabled' | 'Disabled'): ModuleConverter {
  return (ctx) => {
    const parameters: MutableObject = { MediaStreamingState: state };
    const streamType = ctx.value('MediaStreamTypes');
    if (streamType !== undefined) parameters.MediaStreamType = streamType;
    const directions: string[] = [];
    for (const track of ctx.params('Track')) {
      const direction = lookup(TRACK_DIRECTIONS, scalarText(track.value));
      if (direction === undefined)
        return { unconvertible: `its track "${scalarText(track.value)}" is not known` };
      directions.push(direction);
    }
    if (directions.length > 0) {
      parameters.Participants = [{ ParticipantType: 'Customer', MediaDirections: directions }];
    }
    return { type: 'UpdateContactMediaStreamingBehavior', parameters, branches: SUCCESS_ERROR };
  };
}

/** UpdateRoutingPriority → UpdateContactRoutingBehavior (`AbsolutePosition` is the queue priority). */
export function convertRoutingPriority(ctx: ModuleContext): ConvertedModule {
  const parameters: MutableObject = {};
  const priority = ctx.value('AbsolutePosition');
  if (priority !== undefined) parameters.QueuePriority = priority;
  return { type: 'UpdateContactRoutingBehavior', parameters, branches: SUCCESS_ERROR };
}
