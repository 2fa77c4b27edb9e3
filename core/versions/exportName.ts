/**
 * File names for exported flows: the flow's name and the export's date and time (UTC), the way
 * the Amazon Connect designer's "Export flow" names a download after the flow, so a folder of
 * exports sorts by flow and then by time. The stamp has no colons, and the name is made safe
 * for Windows, macOS and Linux alike.
 */

/** Characters Windows refuses in file names (and `/`, which no OS accepts), plus control characters. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what must go.
const UNSAFE = /[<>:"/\\|?*\u0000-\u001f\u007f]/g;

/** Device names Windows reserves, whatever follows the first dot (`CON.json` cannot be created). */
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;

/** Room for the stamp and extension inside the 255-byte name limit of common file systems. */
const MAX_NAME_BYTES = 200;

const encoder = new TextEncoder();

/** `<flow name>_<YYYY-MM-DD>T<HH-MM-SS>Z.json` for a flow exported at `at`. */
export function exportFileName(flowName: string, at: Date): string {
  return `${safeFileStem(flowName)}_${fileStamp(at)}.json`;
}

/** The date and time in UTC as `2026-11-21T10-00-00Z`: ISO order, no colons (Windows forbids them). */
export function fileStamp(at: Date): string {
  return `${at.toISOString().slice(0, 19).replaceAll(':', '-')}Z`;
}

/**
 * `name` as a file name stem every OS accepts: unsafe characters become `_`, runs of white space
 * one space, no leading dots (hidden files) or trailing dots and spaces (Windows drops them), no
 * reserved device name, at most {@link MAX_NAME_BYTES} UTF-8 bytes; `flow` when nothing is left.
 */
export function safeFileStem(name: string): string {
  const cleaned = name
    .normalize('NFC')
    .replace(/\s+/g, ' ')
    .replace(UNSAFE, '_')
    .replace(/^[\s.]+/, '');
  const stem = truncateBytes(cleaned, MAX_NAME_BYTES).replace(/[\s.]+$/, '');
  if (stem === '') return 'flow';
  return RESERVED.test(stem.split('.')[0] ?? '') ? `_${stem}` : stem;
}

/** The longest prefix of `text` that fits `max` UTF-8 bytes, never splitting a character. */
function truncateBytes(text: string, max: number): string {
  if (encoder.encode(text).length <= max) return text;
  let out = '';
  let bytes = 0;
  for (const char of text) {
    const size = encoder.encode(char).length;
    if (bytes + size > max) break;
    out += char;
    bytes += size;
  }
  return out;
}
