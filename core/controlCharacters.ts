/**
 * Control characters: C0 (U+0000–U+001F, which holds ESC, line feed and carriage return), DEL and
 * C1 (U+0080–U+009F, which some terminals read as escape sequences too). Printed raw, they can
 * rewrite what a terminal shows; stored in a name, they reach every place the name is shown.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;

const NAMES: Readonly<Record<string, string>> = {
  '\u0000': 'null',
  '\t': 'tab',
  '\n': 'line feed',
  '\r': 'carriage return',
  '\u001b': 'escape',
  '\u007f': 'delete',
};

/** True when `text` holds a control character. */
export function hasControlCharacter(text: string): boolean {
  return CONTROL.test(text);
}

/** The first control character of `text` as people read it (`U+001B (escape)`), or `null`. */
export function describeControlCharacter(text: string): string | null {
  const char = CONTROL.exec(text)?.[0];
  if (char === undefined) return null;
  const code = `U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  const name = NAMES[char];
  return name === undefined ? `${code} (a control character)` : `${code} (${name})`;
}

/**
 * `text` with every control character written as a `\u001b` escape (`\n`, `\r`, `\t` as such), so
 * printing it shows the characters instead of obeying them. The escapes are JSON's, so text that
 * is already JSON stays valid JSON with the same value.
 */
export function escapeControlCharacters(text: string): string {
  if (!CONTROL.test(text)) return text;
  return text.replace(CONTROLS, (char) => {
    if (char === '\n') return '\\n';
    if (char === '\r') return '\\r';
    if (char === '\t') return '\\t';
    return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}
