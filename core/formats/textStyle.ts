import type { TextStyle } from '../flow.js';

/** The layout used when nothing is known about the original: two-space indent, final newline. */
export const DEFAULT_TEXT_STYLE: TextStyle = { indent: '  ', eol: '\n', finalNewline: true };

/** The layout `JSON.stringify` gives without arguments: one line, no final newline. */
export const COMPACT_TEXT_STYLE: TextStyle = { indent: '', eol: '\n', finalNewline: false };

/**
 * Reads how a JSON text is laid out: the indent unit of its first nested line, its line ending
 * and whether it ends with a newline. Text that breaks lines in some other way (not after the
 * opening bracket) is treated as two-space indented, the commonest style. Looks only at the
 * first line break and the ends of the text, so it costs nothing on a large file.
 */
export function detectTextStyle(text: string): TextStyle {
  const start = text.length - text.trimStart().length;
  const end = text.trimEnd().length;
  const firstBreak = text.indexOf('\n', start);
  const eol = firstBreak > 0 && text[firstBreak - 1] === '\r' ? '\r\n' : '\n';
  const finalNewline = text.slice(end).includes('\n');
  if (firstBreak === -1 || firstBreak >= end) return { indent: '', eol, finalNewline };
  const firstNested = /^[[{][ \t]*\r?\n([ \t]+)\S/.exec(text.slice(start, firstBreak + 200));
  return { indent: firstNested?.[1] ?? DEFAULT_TEXT_STYLE.indent, eol, finalNewline };
}

/** Writes a JSON value in the given layout. */
export function stringifyWithStyle(value: unknown, style: TextStyle): string {
  // JSON.stringify escapes line breaks inside strings, so every raw "\n" it emits is a line end.
  let text = style.indent === '' ? JSON.stringify(value) : JSON.stringify(value, null, style.indent);
  if (style.eol === '\r\n') text = text.replaceAll('\n', '\r\n');
  return style.finalNewline ? text + style.eol : text;
}
