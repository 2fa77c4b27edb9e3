import type { Diagnostic } from '../diagnostics.js';
import type { FlowContainer, FlowFormat, ParsedFlow, ReadResult, TextStyle } from '../flow.js';
import { formatPath, type JsonObject } from '../json.js';
import { unknownFlowTypeFindings, unwrapContainer } from './containers.js';
import { detectFormat } from './detect.js';
import {
  fileTooLarge,
  invalidEncoding,
  invalidJson,
  legacyConversionFailed,
  repairedContentEscape,
  unreadableFile,
  unrecognizedFormat,
} from './fileDiagnostics.js';
import {
  type ContainerFacts,
  flowDescription,
  flowKind,
  flowName,
  NO_CONTAINER_FACTS,
  presentText,
} from './flowFacts.js';
import { flowNameFindings, identifierFindings, type NameSource } from './flowNames.js';
import { checkJsonText } from './jsonChecks.js';
import { jsonTextDiagnostics, nestedTooDeep } from './jsonFindings.js';
import { decodeText, parseJsonText, repairQuoteEscapes, sizeOverLimit } from './jsonText.js';
import { convertLegacy } from './legacy/convertLegacy.js';
import { checkLimits } from './limits.js';
import { parseFlowContent } from './parseFlowContent.js';
import { detectTextStyle } from './textStyle.js';
import { findUnknowns } from './unknowns.js';

export { serializeFlow } from './serializeFlow.js';

/** Files larger than this are refused before parsing. */
export const MAX_INPUT_BYTES = 5 * 1024 * 1024;

/**
 * Detects the container, parses with zod, converts legacy, and reports format-level findings.
 * Never throws: a file that cannot be read comes back as `{ok: false}` with diagnostics saying why.
 */
export function readFlow(file: string, bytes: Uint8Array | string): ReadResult {
  try {
    return readFlowText(file, bytes);
  } catch (error) {
    // Deep nesting is refused before anything walks the document; this is the net for defects.
    return failed(file, null, [unreadableFile(file, error)]);
  }
}

function readFlowText(file: string, bytes: Uint8Array | string): ReadResult {
  const size = sizeOverLimit(bytes, MAX_INPUT_BYTES);
  if (size !== null) return failed(file, null, [fileTooLarge(file, size, MAX_INPUT_BYTES)]);
  const text = decodeText(bytes);
  if (text === null) return failed(file, null, [invalidEncoding(file)]);
  // Repairing `\'` here too covers a Content string saved to a file on its own.
  const parsed = parseJsonText(text, { repairEscapes: true });
  if (!parsed.ok) return failed(file, null, [invalidJson(file, parsed.problem)]);
  // The repaired text is what parsed, so it is the text the checks compare the value with.
  const checked = checkJsonText(parsed.repaired ? repairQuoteEscapes(text) : text, parsed.value);
  if (checked.tooDeep !== null) return failed(file, null, [nestedTooDeep(file, checked.tooDeep, null)]);
  const repairs = [
    ...(parsed.repaired ? [repairedContentEscape(file, null)] : []),
    ...jsonTextDiagnostics(file, parsed.value, checked, null),
  ];
  const format = detectFormat(parsed.value);
  if (format === null) return failed(file, null, [unrecognizedFormat(file)]);
  const style = detectTextStyle(text);
  // detectFormat only recognises JSON objects.
  const doc = parsed.value as JsonObject;
  if (format === 'legacy') return readLegacy(file, doc, style, repairs);
  if (format === 'flow-language') {
    const bare = {
      doc,
      facts: NO_CONTAINER_FACTS,
      container: { kind: 'bare', style },
      diagnostics: [],
    } as const;
    return finish(file, format, text.length, bare, repairs);
  }
  const opened = unwrapContainer(doc, format, file, style);
  if (!opened.ok) return failed(file, format, [...repairs, ...opened.diagnostics]);
  return finish(file, format, text.length, opened, [...repairs, ...unknownFlowTypeFindings(opened.facts)]);
}

/** A document taken out of its container, not yet checked. */
interface Opened {
  readonly doc: unknown;
  readonly facts: ContainerFacts;
  readonly container: FlowContainer;
  readonly diagnostics: readonly Diagnostic[];
}

/** Checks the document and collects findings; `sourceChars` is the length of the file's text. */
function finish(
  file: string,
  format: FlowFormat,
  sourceChars: number,
  opened: Opened,
  earlier: readonly Diagnostic[],
): ReadResult {
  const { facts } = opened;
  const found = [...earlier, ...opened.diagnostics];
  const checked = parseFlowContent(opened.doc);
  if (!checked.ok) return failed(file, format, [...found, ...checked.diagnostics]);
  const { content } = checked;
  const name = flowName(file, facts, content);
  const flow: ParsedFlow = {
    file,
    format,
    name,
    type: flowKind(facts, content),
    description: flowDescription(facts, content),
    sourceArn: facts.arn,
    sourceId: facts.id,
    content,
    container: opened.container,
    diagnostics: [
      ...found,
      ...flowNameFindings(name, nameSource(file, opened, content)),
      ...identifierFindings(content),
      ...checked.diagnostics,
      ...findUnknowns(content),
      ...checkLimits(content, sourceChars),
    ],
  };
  return { ok: true, flow };
}

function readLegacy(
  file: string,
  doc: JsonObject,
  style: TextStyle,
  earlier: readonly Diagnostic[],
): ReadResult {
  let converted: ReturnType<typeof convertLegacy>;
  try {
    converted = convertLegacy(doc, file);
  } catch (error) {
    return failed(file, 'legacy', [...earlier, legacyConversionFailed(file, error)]);
  }
  if (!converted.ok) return failed(file, 'legacy', [...earlier, ...converted.diagnostics]);
  const { content } = converted;
  const name = converted.name ?? flowName(file, NO_CONTAINER_FACTS, content);
  const source: NameSource =
    converted.name !== null ? { kind: 'field', field: 'metadata.name' } : { kind: 'file', file };
  const flow: ParsedFlow = {
    file,
    format: 'legacy',
    name,
    type: converted.type ?? flowKind(NO_CONTAINER_FACTS, content),
    description: converted.description ?? flowDescription(NO_CONTAINER_FACTS, content),
    sourceArn: null,
    sourceId: null,
    content,
    container: { kind: 'legacy', style },
    // The converter reports what it could not map; only the size limits are checked again here.
    diagnostics: [
      ...earlier,
      ...flowNameFindings(name, source),
      ...identifierFindings(content),
      ...converted.diagnostics,
      ...checkLimits(content),
    ],
  };
  return { ok: true, flow };
}

/** Where `flowName` found the name: the container's `Name`, `Metadata.name`, or the file name. */
function nameSource(file: string, opened: Opened, content: ParsedFlow['content']): NameSource {
  const { container } = opened;
  if (opened.facts.name !== null && container.kind === 'content-string')
    return { kind: 'field', field: formatPath([...container.path.slice(0, -1), 'Name']) };
  if (presentText(content.Metadata?.name) !== null) return { kind: 'field', field: 'Metadata.name' };
  return { kind: 'file', file };
}

function failed(file: string, format: FlowFormat | null, diagnostics: readonly Diagnostic[]): ReadResult {
  return { ok: false, file, format, diagnostics };
}
