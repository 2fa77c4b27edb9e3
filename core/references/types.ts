import type { FlowType } from '../flowTypes.js';
import type { JsonPath } from '../json.js';

/** Kinds of instance (or AWS) resources a flow can point at. */
export const RESOURCE_KINDS = [
  'queue',
  'user',
  'prompt',
  'lambda',
  'flow',
  'module',
  'hours',
  'lex-bot',
  'lex-v1-bot',
  'security-key',
  'view',
  'task-template',
  'case-template',
  'quick-connect',
] as const;

/** A resource kind; `lex-bot` is a Lex V2 bot alias, `lex-v1-bot` a Lex V1 bot by name. */
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

/**
 * What a reference's value is: an ARN, a bare id/UUID, a JSONPath resolved at run time
 * (`$.Attributes.x`), a template placeholder (`{{…}}`, `${…}`, `%%…%%`), or only a name.
 */
export type ValueKind = 'arn' | 'id' | 'dynamic' | 'placeholder' | 'name';

/** One place in a flow that points at a resource. */
export interface Reference {
  readonly kind: ResourceKind;
  /** `Identifier` of the action holding it. */
  readonly action: string;
  readonly actionType: string;
  /** Where the value sits, from the action object: `['Parameters', 'Messages', 0, 'PromptId']`. */
  readonly path: JsonPath;
  /** The value as written (for a legacy reference known only by name, the empty string). */
  readonly value: string;
  /** Display name of the resource when the file records one (metadata, legacy `resourceName`). */
  readonly name: string | null;
  readonly valueKind: ValueKind;
  /** Publishing is blocked when a required reference stays unresolved. */
  readonly required: boolean;
  /** For flows: the type the referenced flow must have (an event hook or a transfer needs one). */
  readonly flowType: FlowType | null;
  /** Display copies of the value, from the document root (`Metadata.ActionMetadata.<id>.queue.id`). */
  readonly copies: readonly JsonPath[];
  /** Display copies of the resource's name, from the document root, rewritten to the target's name. */
  readonly nameCopies: readonly JsonPath[];
}

/**
 * Connect resource types as ARNs spell them (`…/instance/ID/<type>/ID`) and the kinds they hold.
 * One table for reading ARNs (tracing) and for building them (resolving).
 */
export const CONNECT_ARN_KINDS: Readonly<Record<string, ResourceKind>> = {
  'contact-flow': 'flow',
  'flow-module': 'module',
  queue: 'queue',
  prompt: 'prompt',
  'operating-hours': 'hours',
  'transfer-destination': 'quick-connect',
  agent: 'user',
  'task-template': 'task-template',
  view: 'view',
};
