import type { FlowFormat } from '../flow.js';
import { isJsonObject } from '../json.js';
import { isLegacyDocument } from './legacy/convertLegacy.js';

/**
 * Which container a parsed JSON file is, from its top-level keys only (the schemas check the
 * rest), or `null` when it is none of them. A Flow Language document is recognised by `Actions`
 * or `StartAction`, so one with a broken `Version` still reaches validation and gets a precise
 * message.
 */
export function detectFormat(doc: unknown): FlowFormat | null {
  if (!isJsonObject(doc)) return null;
  // isLegacyDocument narrows to JsonObject, so its false branch would narrow `doc` to never.
  const legacy: boolean = isLegacyDocument(doc);
  if (legacy) return 'legacy';
  if (Object.hasOwn(doc, 'Actions') || Object.hasOwn(doc, 'StartAction')) return 'flow-language';
  if (isJsonObject(doc.ContactFlow)) return 'describe-contact-flow';
  if (isJsonObject(doc.ContactFlowModule)) return 'describe-contact-flow-module';
  if (Object.hasOwn(doc, 'Content')) return 'wrapper';
  return null;
}
