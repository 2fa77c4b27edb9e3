import { z } from 'zod';
import { FlowgateError } from '../core/errors.js';
import { SLACK_LIMITS } from './limits.js';

/**
 * The contract with the Slack listeners: every `action_id` flowgate's messages and modals carry,
 * and the JSON each one's `value` (or option value, or `block_id`) holds. Values carry ids only
 * (environment, flow key, version, reference index, request id, Slack file id), never content:
 * the server looks everything up again and checks it.
 */
export const ACTION_IDS = {
  /** A replacement chosen for an unresolved reference (static or external select). */
  pickReplacement: 'flowgate.pick_replacement',
  requestPublish: 'flowgate.request_publish',
  showDiff: 'flowgate.show_diff',
  discardImport: 'flowgate.discard_import',
  approve: 'flowgate.approve',
  reject: 'flowgate.reject',
  rollback: 'flowgate.rollback',
  /** A link button to the HTML report: Slack still sends the click, which needs only an ack. */
  viewReport: 'flowgate.view_report',
  /** A link button from App Home to a publish request's message: the click needs only an ack. */
  openRequest: 'flowgate.open_request',
  /** An environment chosen for a file shared in an unbound channel. */
  chooseEnvironment: 'flowgate.choose_environment',
  /** The import modal's file input and environment select (read from `view.state.values`). */
  importFiles: 'flowgate.import_files',
  importEnvironment: 'flowgate.import_environment',
} as const;

/** One of flowgate's action ids. */
export type ActionId = (typeof ACTION_IDS)[keyof typeof ACTION_IDS];

/**
 * Matches `actionId` and its numbered copies (`flowgate.rollback:2`): Slack wants action ids
 * unique within a block, so a block with several buttons of one kind numbers them. Listeners
 * register with this pattern; the value says which flow a button is for.
 */
export function actionIdPattern(actionId: ActionId): RegExp {
  return new RegExp(`^${actionId.replace(/\./g, '\\.')}(?::\\d+)?$`);
}

/** The import modal's `callback_id` (its `view_submission` listener matches on it). */
export const IMPORT_MODAL_CALLBACK_ID = 'flowgate.import_modal';

/** `block_id`s of the import modal's inputs (`view.state.values[blockId][actionId]`). */
export const IMPORT_MODAL_BLOCKS = {
  files: 'flowgate.import_files',
  environment: 'flowgate.import_environment',
} as const;

/** The reject modal's `callback_id`, and the block and action id of its reason input. */
export const REJECT_MODAL = {
  callbackId: 'flowgate.reject_modal',
  reasonBlock: 'flowgate.reject_reason',
  reasonAction: 'flowgate.reject_reason',
  /** The longest reason kept (it is shown in the request message and told to the requester). */
  reasonMax: 1_000,
} as const;

/**
 * The ids values carry, bounded where they are decoded: a forged value must be refused here, with
 * a message the user can act on, not reach the table (a DynamoDB sort key stops at 1,024 bytes and
 * says only "ValidationException").
 */
const ids = {
  /** Environment names as the config allows them (core/configSchema.ts). */
  env: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'not an environment name'),
  /**
   * A flow key (`flow:<name>`, `module:<name>`): Connect names stop at 127 characters; the bound
   * leaves room for the kind and names stored before that was checked.
   */
  flow: z.string().min(1).max(300),
  version: z.number().int().positive(),
  /** Publish request ids are UUIDs (`newId`); any short word of letters, digits and dashes is taken. */
  request: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'not a request id'),
  /** Slack file ids (`F…`). */
  file: z.string().regex(/^[A-Za-z0-9]{1,64}$/, 'not a Slack file id'),
} as const;

const flowVersion = z.object({ env: ids.env, flow: ids.flow, version: ids.version });

/** Each action's value schema. `pickReplacement` is the chosen option's value. */
const VALUE_SCHEMAS = {
  [ACTION_IDS.pickReplacement]: z.object({ to: z.string().min(1).max(SLACK_LIMITS.optionValue) }),
  [ACTION_IDS.requestPublish]: flowVersion,
  [ACTION_IDS.showDiff]: z.object({ env: ids.env, flow: ids.flow, from: ids.version, to: ids.version }),
  [ACTION_IDS.discardImport]: flowVersion,
  [ACTION_IDS.approve]: z.object({ request: ids.request }),
  [ACTION_IDS.reject]: z.object({ request: ids.request }),
  [ACTION_IDS.rollback]: z.object({ env: ids.env, flow: ids.flow, to: ids.version }),
  [ACTION_IDS.chooseEnvironment]: z.object({ env: ids.env, file: ids.file }),
  [ACTION_IDS.importFiles]: z.object({}),
  [ACTION_IDS.importEnvironment]: z.object({ env: ids.env }),
  // A link button carries no value.
  [ACTION_IDS.viewReport]: z.object({}),
  [ACTION_IDS.openRequest]: z.object({}),
} as const;

/** The value an action carries, by action id. */
export type ActionValue<A extends ActionId> = z.infer<(typeof VALUE_SCHEMAS)[A]>;

/** The picker's `block_id`: which reference of which version a choice is for. */
export interface PickerBlock {
  readonly env: string;
  readonly flow: string;
  readonly version: number;
  /** The reference's index in the version's `references`. */
  readonly ref: number;
}

const pickerBlockSchema = z.object({
  env: ids.env,
  flow: ids.flow,
  version: ids.version,
  ref: z.number().int().nonnegative(),
});

const PICKER_PREFIX = 'pick:';

/** The import modal's `private_metadata`: where to post the report. */
const modalMetadataSchema = z.object({ channel: z.string().min(1).max(64).optional() });

/**
 * The reject modal's `private_metadata`: the request, and the message its Reject button was on
 * (the worker acts only when that is the message flowgate posted for the request).
 */
const rejectMetadataSchema = z.object({
  request: ids.request,
  channel: z.string().min(1).max(64),
  messageTs: z.string().min(1).max(64),
  threadTs: z.string().min(1).max(64).nullable(),
});

/** What the reject modal remembers between opening and submission. */
export type RejectMetadata = z.infer<typeof rejectMetadataSchema>;

/** What the import modal remembers between opening and submission. */
export type ModalMetadata = z.infer<typeof modalMetadataSchema>;

/** A value, block id or metadata that is not what flowgate put there (forged, stale or truncated). */
export class ActionValueError extends FlowgateError {
  readonly actionId: string;
  constructor(actionId: string, message: string, options?: { cause?: unknown }) {
    super('bad-action-value', message, options);
    this.name = 'ActionValueError';
    this.actionId = actionId;
  }
}

/**
 * `value` as compact JSON for `actionId`'s element. Throws `ActionValueError` when it would not
 * fit where Slack puts it (2,000 for a button value, 150 for an option value), so an invalid
 * payload is never built.
 */
export function encodeActionValue<A extends ActionId>(actionId: A, value: ActionValue<A>): string {
  const schema = VALUE_SCHEMAS[actionId] as unknown as z.ZodType<ActionValue<A>>;
  const checked = schema.safeParse(value);
  if (!checked.success) {
    throw new ActionValueError(actionId, `The ${actionId} value has the wrong shape.`, {
      cause: checked.error,
    });
  }
  const raw = JSON.stringify(checked.data);
  const max = actionId === ACTION_IDS.pickReplacement ? SLACK_LIMITS.optionValue : SLACK_LIMITS.buttonValue;
  if (raw.length > max) {
    throw new ActionValueError(
      actionId,
      `The ${actionId} value is ${raw.length} characters; Slack allows ${max}.`,
    );
  }
  return raw;
}

/**
 * The value a listener received for `actionId`, parsed and checked.
 *
 * @throws ActionValueError for an unknown action id, text that is not JSON, or JSON of the wrong shape.
 */
export function decodeActionValue<A extends ActionId>(actionId: A, raw: string | undefined): ActionValue<A> {
  const schema = VALUE_SCHEMAS[actionId] as unknown as z.ZodType<ActionValue<A>> | undefined;
  if (schema === undefined) throw new ActionValueError(actionId, `Unknown action id '${actionId}'.`);
  return parseJson(actionId, raw, schema, 'value');
}

/** True when `id` is one of flowgate's action ids (a listener can route on it). */
export function isActionId(id: string): id is ActionId {
  return Object.values(ACTION_IDS).some((known) => known === id);
}

/**
 * The picker's `block_id` (each unresolved reference gets its own block; the version in it makes
 * the id new when the message is updated, so a click on an old copy is recognised as stale).
 *
 * @throws ActionValueError when it exceeds Slack's 255 characters (a flow key near Connect's
 *   127-character name limit made of characters JSON escapes).
 */
export function encodePickerBlockId(block: PickerBlock): string {
  const id = PICKER_PREFIX + JSON.stringify(pickerBlockSchema.parse(block));
  if (id.length > SLACK_LIMITS.blockId) {
    throw new ActionValueError(
      ACTION_IDS.pickReplacement,
      `The picker block id for ${block.flow} is ${id.length} characters; Slack allows ${SLACK_LIMITS.blockId}.`,
    );
  }
  return id;
}

/** The picker block a `block_actions` or `block_suggestion` payload came from. @throws ActionValueError */
export function decodePickerBlockId(blockId: string | undefined): PickerBlock {
  if (blockId === undefined || !blockId.startsWith(PICKER_PREFIX)) {
    throw new ActionValueError(
      ACTION_IDS.pickReplacement,
      `'${blockId ?? ''}' is not a flowgate picker block id.`,
    );
  }
  return parseJson(
    ACTION_IDS.pickReplacement,
    blockId.slice(PICKER_PREFIX.length),
    pickerBlockSchema,
    'block id',
  );
}

/** The import modal's `private_metadata`. */
export function encodeModalMetadata(metadata: ModalMetadata): string {
  return JSON.stringify(modalMetadataSchema.parse(metadata));
}

/** The import modal's `private_metadata`, parsed. @throws ActionValueError */
export function decodeModalMetadata(raw: string | undefined): ModalMetadata {
  return parseJson(IMPORT_MODAL_CALLBACK_ID, raw === '' ? '{}' : raw, modalMetadataSchema, 'metadata');
}

/** The reject modal's `private_metadata`. */
export function encodeRejectMetadata(metadata: RejectMetadata): string {
  return JSON.stringify(rejectMetadataSchema.parse(metadata));
}

/** The reject modal's `private_metadata`, parsed. @throws ActionValueError */
export function decodeRejectMetadata(raw: string | undefined): RejectMetadata {
  return parseJson(REJECT_MODAL.callbackId, raw, rejectMetadataSchema, 'metadata');
}

function parseJson<T>(actionId: string, raw: string | undefined, schema: z.ZodType<T>, what: string): T {
  if (raw === undefined) throw new ActionValueError(actionId, `The ${actionId} ${what} is missing.`);
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    throw new ActionValueError(actionId, `The ${actionId} ${what} is not JSON: '${raw.slice(0, 80)}'.`, {
      cause: error,
    });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue === undefined || issue.path.length === 0 ? '' : ` at ${issue.path.join('.')}`;
    throw new ActionValueError(
      actionId,
      `The ${actionId} ${what} has the wrong shape${where}: ${issue?.message ?? 'invalid'}.`,
      { cause: parsed.error },
    );
  }
  return parsed.data;
}
