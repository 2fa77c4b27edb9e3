import type { FlowContainer, FlowContent, ParsedFlow, TextStyle } from '../flow.js';
import { getAt, isJsonObject, type Json, type JsonObject } from '../json.js';
import { COMPACT_TEXT_STYLE, DEFAULT_TEXT_STYLE, stringifyWithStyle } from './textStyle.js';

/**
 * Writes `content` back in the container `flow` came in (legacy files come out as Flow
 * Language), laid out like the original file. Reading a file and writing it back unchanged
 * gives JSON equal to the original, including a `Content` string that is kept as it was when
 * the document in it has not changed.
 */
export function serializeFlow(flow: ParsedFlow, content: FlowContent): string {
  const container: FlowContainer = flow.container;
  const style = container.style ?? DEFAULT_TEXT_STYLE;
  if (container.kind !== 'content-string') return stringifyWithStyle(content, style);
  const original = getAt(container.raw, container.path);
  const embedded = isJsonObject(original)
    ? (content as unknown as JsonObject)
    : contentText(original, content, container.contentStyle ?? COMPACT_TEXT_STYLE);
  return stringifyWithStyle(replaceAt(container.raw, container.path, embedded), style);
}

/**
 * The `Content` string for `content`: laid out like the original string, or the original
 * string itself when it holds the same document written differently (escaped `\/`, `\u00e9`,
 * `1.0`), so an unchanged flow round-trips exactly.
 */
function contentText(original: Json | undefined, content: FlowContent, style: TextStyle): string {
  const text = stringifyWithStyle(content, style);
  if (typeof original !== 'string' || original === text) return text;
  return sameDocument(original, content) ? original : text;
}

function sameDocument(text: string, content: FlowContent): boolean {
  try {
    return JSON.stringify(JSON.parse(text)) === JSON.stringify(content);
  } catch {
    // A Content string that needed repair is written back repaired.
    return false;
  }
}

/** A copy of `root` with the value at `path` replaced; objects off the path are shared, not copied. */
export function replaceAt(root: JsonObject, path: readonly string[], value: Json): JsonObject {
  const [head, ...rest] = path;
  if (head === undefined) return root;
  const child = root[head];
  const next = rest.length === 0 ? value : replaceAt(isJsonObject(child) ? child : {}, rest, value);
  return { ...root, [head]: next };
}
