/**
 * Text for SVG. Flow text is written by people (prompt texts, attribute names, ids with quotes
 * and ampersands) and sometimes holds characters XML 1.0 forbids outright; either would make the
 * picture unreadable to an SVG parser, so every string goes through here before it is written.
 */

// Astral characters come as surrogate pairs, so a cheap test finds text that needs a closer look.
const SUSPECT = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD]/;

/** XML 1.0's `Char`: tab, newline, carriage return, and the rest of Unicode less surrogates and U+FFFE/F. */
function isXmlChar(code: number): boolean {
  if (code < 0x20) return code === 0x9 || code === 0xa || code === 0xd;
  return code <= 0xd7ff || (code >= 0xe000 && code <= 0xfffd) || code >= 0x10000;
}

function dropForbidden(text: string): string {
  if (!SUSPECT.test(text)) return text;
  let kept = '';
  // Iterating a string yields code points, and a lone surrogate as itself.
  for (const char of text) {
    if (isXmlChar(char.codePointAt(0) ?? 0)) kept += char;
  }
  return kept;
}

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** `text` safe inside an XML element or a quoted attribute: markup escaped, forbidden characters dropped. */
export function escapeXml(text: string): string {
  return dropForbidden(text).replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/**
 * `text` on one line (runs of whitespace become one space) and at most `max` characters, ending
 * in `…` when cut. Counts code points, so a cut never splits an emoji or other astral character.
 */
export function clipText(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = Array.from(flat);
  if (chars.length <= max) return flat;
  return `${chars
    .slice(0, Math.max(0, max - 1))
    .join('')
    .trimEnd()}…`;
}
