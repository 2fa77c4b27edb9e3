import type { JsonPath } from '../json.js';

/**
 * How deeply a flow file may nest objects and arrays. Real exports nest at most 12 levels (the
 * public corpus), so 64 leaves room for hand-written files while keeping every walk of the
 * document (and `JSON.stringify` when it is stored) far from the engine's stack limit.
 */
export const MAX_JSON_DEPTH = 64;

/** A number whose value JavaScript cannot hold as written (`1e999`, a 20-digit integer). */
export interface LossyNumber {
  readonly path: JsonPath;
  /** The number as the file writes it. */
  readonly text: string;
  /** What flowgate would write back: `null` for overflow, else the nearest double. */
  readonly becomes: string;
}

/** A key an object holds more than once (JSON.parse keeps only the last). */
export interface DuplicateKey {
  /** The object holding the key. */
  readonly path: JsonPath;
  readonly key: string;
}

/** What checking parsed JSON against its text found. */
export interface JsonTextFindings {
  /** Where nesting first goes past {@link MAX_JSON_DEPTH}, or `null`; nothing else is checked then. */
  readonly tooDeep: JsonPath | null;
  readonly lossyNumbers: readonly LossyNumber[];
  readonly duplicateKeys: readonly DuplicateKey[];
}

const NOTHING: JsonTextFindings = { tooDeep: null, lossyNumbers: [], duplicateKeys: [] };

/**
 * Checks what `JSON.parse` silently accepts: nesting past {@link MAX_JSON_DEPTH}, numbers a
 * double cannot hold, and keys given twice. One walk of the parsed `value` (bounded by the depth
 * limit, so it cannot overflow the stack) counts keys and spots suspicious numbers; the text is
 * tokenised only when that walk, or a count of the keys in the text, says something is there to
 * find, so ordinary files pay for one walk and a substring count.
 */
export function checkJsonText(text: string, value: unknown): JsonTextFindings {
  const walk: Walk = { keys: 0, suspicious: false, tooDeep: null };
  walkValue(value, 1, walk);
  if (walk.tooDeep !== null) return { ...NOTHING, tooDeep: walk.tooDeep };
  if (!walk.suspicious && keysInText(text) === walk.keys) return NOTHING;
  return { tooDeep: null, ...scanJsonText(text) };
}

interface Walk {
  keys: number;
  suspicious: boolean;
  tooDeep: JsonPath | null;
}

/**
 * Walks the objects and arrays under `value` (primitives are looked at in their parent's loop,
 * which keeps the walk to one call per container). Returns false once nesting is too deep;
 * `walk.tooDeep` then holds the path, built on the way out.
 */
function walkValue(value: unknown, depth: number, walk: Walk): boolean {
  if (typeof value === 'number') {
    if (isSuspiciousNumber(value)) walk.suspicious = true;
    return true;
  }
  return typeof value !== 'object' || value === null || walkContainer(value, depth, walk);
}

function walkContainer(value: object, depth: number, walk: Walk): boolean {
  if (depth > MAX_JSON_DEPTH) {
    walk.tooDeep = [];
    return false;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (typeof item === 'object') {
        if (item !== null && !walkContainer(item, depth + 1, walk)) {
          walk.tooDeep = [i, ...(walk.tooDeep ?? [])];
          return false;
        }
      } else if (typeof item === 'number' && isSuspiciousNumber(item)) walk.suspicious = true;
    }
    return true;
  }
  const record = value as Record<string, unknown>;
  for (const key in record) {
    walk.keys++;
    const item = record[key];
    if (typeof item === 'object') {
      if (item !== null && !walkContainer(item, depth + 1, walk)) {
        walk.tooDeep = [key, ...(walk.tooDeep ?? [])];
        return false;
      }
    } else if (typeof item === 'number' && isSuspiciousNumber(item)) walk.suspicious = true;
  }
  return true;
}

/**
 * A double that may not be what the text said: overflow (`Infinity`), an integer past 2^53
 * (digits beyond the 16th are lost) or a value near the bottom of the range. Numbers of at most
 * 15 significant digits within ±1e±300 always come back exactly, so they are never suspicious.
 */
function isSuspiciousNumber(n: number): boolean {
  if (!Number.isFinite(n)) return true;
  const size = Math.abs(n);
  return size > Number.MAX_SAFE_INTEGER || (size !== 0 && size < 1e-300);
}

/**
 * The number of object keys in valid JSON text as written: closing quotes followed by `:`. Inside
 * a string a quote is escaped (`\"`, an odd run of backslashes before it), so those are not
 * counted, which also covers a `Content` string holding a whole flow. One substring search, no
 * tokenising. A key written with whitespace before its colon is not counted: the count then
 * comes out low, the counts differ and the exact scan runs (unless the file also repeats keys
 * exactly as often, which only a file written to fool the check does).
 */
function keysInText(text: string): number {
  let count = 0;
  for (let i = text.indexOf('":'); i !== -1; i = text.indexOf('":', i + 2)) {
    if (text.charCodeAt(i - 1) !== 0x5c || backslashesBefore(text, i) % 2 === 0) count++;
  }
  return count;
}

function backslashesBefore(text: string, at: number): number {
  let count = 0;
  for (let j = at - 1; text.charCodeAt(j) === 0x5c; j--) count++;
  return count;
}

interface Frame {
  readonly isObject: boolean;
  readonly keys: Set<string> | null;
  index: number;
  key: string | null;
}

/**
 * Tokenises valid JSON text (it has already parsed) with an explicit stack, noting duplicate
 * keys and numbers whose double differs from the written value. Only run when
 * {@link checkJsonText} has reason to, and only on text within the depth limit.
 */
export function scanJsonText(text: string): Omit<JsonTextFindings, 'tooDeep'> {
  const lossyNumbers: LossyNumber[] = [];
  const duplicateKeys: DuplicateKey[] = [];
  const stack: Frame[] = [];
  const pathHere = (): JsonPath => stack.map((f) => (f.isObject ? (f.key ?? '') : f.index));
  let i = 0;
  let expectKey = false;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      const isObject = c === 0x7b;
      stack.push({ isObject, keys: isObject ? new Set() : null, index: 0, key: null });
      expectKey = isObject;
      i++;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      stack.pop();
      i++;
    } else if (c === 0x2c /* , */) {
      const top = stack[stack.length - 1];
      if (top !== undefined) {
        if (top.isObject) expectKey = true;
        else top.index++;
      }
      i++;
    } else if (c === 0x22 /* " */) {
      const end = stringEnd(text, i);
      const top = stack[stack.length - 1];
      if (expectKey && top?.isObject === true) {
        const raw = text.slice(i + 1, end);
        const key = raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
        if (top.keys?.has(key) === true) duplicateKeys.push({ path: parentPath(stack), key });
        top.keys?.add(key);
        top.key = key;
        expectKey = false;
      }
      i = end + 1;
    } else if (c === 0x2d /* - */ || (c >= 0x30 && c <= 0x39)) {
      let end = i + 1;
      while (end < text.length && isNumberChar(text.charCodeAt(end))) end++;
      const written = text.slice(i, end);
      const lossy = lossyNumber(written);
      if (lossy !== null) lossyNumbers.push({ path: pathHere(), text: written, becomes: lossy });
      i = end;
    } else i++;
  }
  return { lossyNumbers, duplicateKeys };
}

function parentPath(stack: readonly Frame[]): JsonPath {
  return stack.slice(0, -1).map((f) => (f.isObject ? (f.key ?? '') : f.index));
}

/** The index of the quote that closes the string opening at `start`. */
function stringEnd(text: string, start: number): number {
  let i = text.indexOf('"', start + 1);
  while (i !== -1) {
    if (backslashesBefore(text, i) % 2 === 0) return i;
    i = text.indexOf('"', i + 1);
  }
  return text.length;
}

function isNumberChar(c: number): boolean {
  // digits . + - e E
  return (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x2b || c === 0x2d || c === 0x65 || c === 0x45;
}

/**
 * What a written number becomes when flowgate writes it back, when that is a different value:
 * `null` for overflow, else the double's shortest form. `1.50` and `1e2` come back as `1.5` and
 * `100`, the same values, and are not lossy.
 */
export function lossyNumber(written: string): string | null {
  const value = Number(written);
  if (!Number.isFinite(value)) return 'null';
  return decimalValue(written) === decimalValue(String(value)) ? null : String(value);
}

/** A number's value as sign, significant digits and exponent, comparable as a string. */
function decimalValue(text: string): string {
  const match = /^(-?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (match === null) return text;
  const [, sign = '', whole = '', fraction = '', exponent = '0'] = match;
  const digits = `${whole}${fraction}`;
  const lead = digits.search(/[1-9]/);
  if (lead === -1) return '0';
  const significant = digits.slice(lead).replace(/0+$/, '');
  // The exponent of the first significant digit, so 0.05 and 5e-2 compare equal.
  const power = BigInt(exponent) + BigInt(whole.length - lead - 1);
  return `${sign}${significant}e${power}`;
}
