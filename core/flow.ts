import type { Diagnostic } from './diagnostics.js';
import type { FlowKind } from './flowTypes.js';
import type { Json, JsonObject } from './json.js';

/**
 * The Flow Language document model (`"Version": "2019-10-30"`). These types describe the
 * original parsed JSON, which flowgate keeps untouched: unknown keys stay where they were, in
 * the order they were, so that what we write back differs from what we read only where we
 * meant it to.
 */
export interface FlowCondition {
  readonly Operator: string;
  readonly Operands: readonly Json[];
}

/** A `Transitions.Conditions[]` entry: the first condition that holds wins. */
export interface ConditionTransition {
  readonly NextAction: string;
  readonly Condition: FlowCondition;
}

/** A `Transitions.Errors[]` entry. */
export interface ErrorTransition {
  readonly NextAction: string;
  readonly ErrorType: string;
}

/** An action's branches. Terminal actions have `{}`. */
export interface FlowTransitions {
  readonly NextAction?: string;
  readonly Conditions?: readonly ConditionTransition[];
  readonly Errors?: readonly ErrorTransition[];
}

/** One step of a flow. `Parameters` may be missing in real exports; treat it as `{}`. */
export interface FlowAction {
  readonly Identifier: string;
  readonly Type: string;
  readonly Parameters?: JsonObject;
  readonly Transitions?: FlowTransitions;
}

/** A whole Flow Language document (a flow, or a module when `Settings` is present). */
export interface FlowContent {
  readonly Version: string;
  readonly StartAction: string;
  readonly Metadata?: JsonObject;
  readonly Actions: readonly FlowAction[];
  readonly Settings?: JsonObject;
}

/** The containers flow files come in. */
export type FlowFormat =
  | 'flow-language'
  | 'legacy'
  | 'describe-contact-flow'
  | 'describe-contact-flow-module'
  | 'wrapper';

/**
 * How a JSON text was laid out, so what flowgate writes back looks like what it read (a one-line
 * file stays one line, a tab-indented file stays tab-indented).
 */
export interface TextStyle {
  /** The indent unit (`'  '`, `'    '`, `'\t'`); `''` for JSON written on one line. */
  readonly indent: string;
  readonly eol: '\n' | '\r\n';
  readonly finalNewline: boolean;
}

/**
 * How the Flow Language content sat inside the file, so a re-targeted flow can be written back
 * in the same shape (a DescribeContactFlow response stays one, with `Content` replaced).
 * `style` is the file's layout; without it flowgate writes two-space indented JSON.
 */
export type FlowContainer =
  | { readonly kind: 'bare'; readonly style?: TextStyle }
  | { readonly kind: 'legacy'; readonly style?: TextStyle }
  /**
   * `raw` is the whole file; `path` leads to the `Content` inside it: a string, or (in some CI
   * wrappers) the document itself as an object. `contentStyle` is the layout of the string.
   */
  | {
      readonly kind: 'content-string';
      readonly raw: JsonObject;
      readonly path: readonly string[];
      readonly style?: TextStyle;
      readonly contentStyle?: TextStyle;
    };

/** A flow file read, recognised and (for legacy files) converted to the Flow Language. */
export interface ParsedFlow {
  /** The file name as the user gave it (used in every message). */
  readonly file: string;
  readonly format: FlowFormat;
  /** Best known name: the container's `Name`, `Metadata.name`, else the file name without extension. */
  readonly name: string;
  /** Flow type or module; `null` when the file does not say (bare content without `Metadata.type`). */
  readonly type: FlowKind | null;
  readonly description: string | null;
  /** The flow's ARN and id in the instance it came from, when the file says (Describe responses). */
  readonly sourceArn: string | null;
  readonly sourceId: string | null;
  /** The Flow Language document (converted, for legacy files). */
  readonly content: FlowContent;
  readonly container: FlowContainer;
  /** Findings made while reading and converting: unknown types and fields, limits, conversions. */
  readonly diagnostics: readonly Diagnostic[];
}

/** The outcome of reading one file: a flow, or the reasons it could not be read. */
export type ReadResult =
  | { readonly ok: true; readonly flow: ParsedFlow }
  | {
      readonly ok: false;
      readonly file: string;
      readonly format: FlowFormat | null;
      readonly diagnostics: readonly Diagnostic[];
    };
