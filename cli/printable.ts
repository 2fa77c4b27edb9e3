import { escapeControlCharacters } from '../core/controlCharacters.js';
import type { CliIo } from './io.js';

/**
 * Text from files, stores and users as the terminal should show it: control characters (an
 * escape sequence in a flow name, a line break in a block id) written as `\u001b`, `\n`, never
 * obeyed. Renderers pass every such value through this before they colour or join it.
 */
export const printable = escapeControlCharacters;

// The colour sequences styleText writes (SGR: ESC [ params m), the only ones flowgate prints.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const STYLE = /\u001b\[[0-9;]*m/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * The same streams, with control characters escaped in everything written, line breaks and tabs
 * aside, and colour sequences aside when colour is on. The net under every command: renderers
 * escape values themselves (so a value cannot smuggle colour in), and this catches what other
 * output (an error quoting a stored name, a server log) would otherwise print raw. Escapes are
 * JSON's, so `--json` output stays valid JSON with the same values.
 */
export function printableIo(io: CliIo): CliIo {
  const clean = (text: string): string => (io.color ? escapeOutsideStyles(text) : escapeUnsafe(text));
  return {
    ...io,
    stdout: (text) => io.stdout(clean(text)),
    stderr: (text) => io.stderr(clean(text)),
  };
}

function escapeUnsafe(text: string): string {
  return text.replace(UNSAFE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function escapeOutsideStyles(text: string): string {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(STYLE)) {
    out += escapeUnsafe(text.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  return out + escapeUnsafe(text.slice(last));
}
