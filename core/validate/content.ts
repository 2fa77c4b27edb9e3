import type { Diagnostic } from '../diagnostics.js';
import { formatPath, getAt, isJsonObject, type Json, type JsonPath } from '../json.js';
import { blockDiagnostic, describeBlock } from './diagnostic.js';
import type { FlowModel, FlowNode } from './flowModel.js';

/** Longest prompt text or SSML a block accepts. */
export const MAX_PROMPT_CHARS = 1024;

const PROMPT_TYPES = new Set([
  'MessageParticipant',
  'GetParticipantInput',
  'ConnectParticipantWithLexBot',
  'MessageParticipantIteratively',
]);

/** `Parameters` paths holding prompt text in a block, including each `Messages[i]`. */
function promptPaths(node: FlowNode): JsonPath[] {
  const paths: JsonPath[] = [['Text'], ['SSML']];
  const messages = node.parameters.Messages;
  if (Array.isArray(messages)) {
    (messages as readonly Json[]).forEach((m, i) => {
      if (isJsonObject(m)) paths.push(['Messages', i, 'Text'], ['Messages', i, 'SSML']);
    });
  }
  return paths;
}

/** `prompt-too-long`: prompt text or SSML over 1,024 characters. */
export function checkPromptLength(model: FlowModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const node of model.nodes) {
    if (!PROMPT_TYPES.has(node.type)) continue;
    for (const path of promptPaths(node)) {
      const text = getAt(node.parameters, path);
      if (typeof text !== 'string' || text.length <= MAX_PROMPT_CHARS) continue;
      out.push(
        blockDiagnostic(
          node,
          'error',
          'prompt-too-long',
          `Parameters.${formatPath(path)} of ${describeBlock(node)} is ${text.length} characters; the limit is ${MAX_PROMPT_CHARS}.`,
          'Shorten the text, or split it across several Play prompt blocks.',
        ),
      );
    }
  }
  return out;
}

const E164 = /^\+[1-9]\d{1,14}$/;

/** JSONPath values and deploy-time placeholders are only known at run time. */
function isDynamic(value: string): boolean {
  return value.startsWith('$.') || /\{\{.*\}\}|\$\{.*\}|%%.*%%/.test(value);
}

const PHONE_PATHS: Readonly<Record<string, readonly JsonPath[]>> = {
  TransferParticipantToThirdParty: [['ThirdPartyPhoneNumber'], ['CallerId', 'Number']],
  CompleteOutboundCall: [['CallerId', 'Number']],
};

/** `invalid-phone-number`: a static phone number that is not in E.164 (`+` and up to 15 digits). */
export function checkPhoneNumbers(model: FlowModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const node of model.nodes) {
    const paths = Object.hasOwn(PHONE_PATHS, node.type) ? PHONE_PATHS[node.type] : undefined;
    for (const path of paths ?? []) {
      const value = getAt(node.parameters, path);
      if (typeof value !== 'string' || value === '' || isDynamic(value) || E164.test(value)) continue;
      out.push(
        blockDiagnostic(
          node,
          'error',
          'invalid-phone-number',
          `Parameters.${formatPath(path)} of ${describeBlock(node)} is "${value}", not an E.164 phone number.`,
          'Write the number as + country code and number, digits only (e.g. +14155550100), or use a contact attribute ($.Attributes.x).',
        ),
      );
    }
  }
  return out;
}
