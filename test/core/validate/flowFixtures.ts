import type { Diagnostic } from '../../../core/diagnostics.js';
import type { FlowContent } from '../../../core/flow.js';
import type { Json } from '../../../core/json.js';
import { buildFlowModel, type FlowModel } from '../../../core/validate/flowModel.js';
import { loadFixture } from '../../fixtures.js';

/** A fixture flow a negative test may break. */
export interface EditableAction {
  Identifier: string;
  Type: string;
  Parameters?: { [key: string]: Json };
  Transitions?: {
    NextAction?: string;
    Conditions?: { NextAction: string; Condition: { Operator: string; Operands: Json[] } }[];
    Errors?: { NextAction: string; ErrorType: string }[];
  };
}

/** A whole editable fixture flow. */
export interface EditableFlow {
  Version: string;
  StartAction: string;
  Actions: EditableAction[];
}

/** Fixtures of this area: `inbound`, `customer-queue`, `outbound-whisper`, `module`. */
export type FixtureName = 'inbound' | 'customer-queue' | 'outbound-whisper' | 'module';

/** A fresh copy of a validate fixture. */
export function flowFixture(name: FixtureName): EditableFlow {
  return loadFixture<EditableFlow>(`validate/${name}.json`);
}

/** The action with `id`; throws so a test with a wrong id fails loudly. */
export function actionOf(flow: EditableFlow, id: string): EditableAction {
  const action = flow.Actions.find((a) => a.Identifier === id);
  if (action === undefined) throw new Error(`fixture has no action ${id}`);
  return action;
}

/** The model the rules run on. */
export function modelOf(flow: EditableFlow | unknown): FlowModel {
  return buildFlowModel(flow);
}

/** Treats arbitrary test input as flow content (for malformed-input tests). */
export function asContent(value: unknown): FlowContent {
  return value as FlowContent;
}

/** `code@action` pairs, the shape most assertions compare. */
export function found(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.code}@${d.action ?? '-'}`);
}
