/** A 1-based line and column in a text. */
export interface TextPosition {
  readonly line: number;
  readonly column: number;
}

/** Why a JSON text did not parse: where, and what was found there. */
export interface JsonSyntaxProblem {
  readonly position: TextPosition;
  /** `unexpected "'"`, or `the text ends too early`. */
  readonly found: string;
}

/** The outcome of parsing JSON text. `repaired` is true when `\'` escapes had to be undone. */
export type JsonParseResult =
  | { readonly ok: true; readonly value: unknown; readonly repaired: boolean }
  | { readonly ok: false; readonly problem: JsonSyntaxProblem };

/**
 * The size of `input` in UTF-8 bytes when it is over `limit`, else `null`. Text short enough
 * that it cannot be over the limit is not counted.
 */
export function sizeOverLimit(input: Uint8Array | string, limit: number): number | null {
  if (typeof input !== 'string') return input.byteLength > limit ? input.byteLength : null;
  // A UTF-16 code unit is at most 3 UTF-8 bytes (a surrogate pair, 2 units, is 4).
  if (input.length * 3 <= limit) return null;
  const size = utf8ByteLength(input);
  return size > limit ? size : null;
}

/** The size of text in UTF-8 bytes. */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    bytes += code < 0x80 ? 1 : code < 0x800 || (code >= 0xd800 && code < 0xe000) ? 2 : 3;
  }
  return bytes;
}

/**
 * Decodes file bytes to text: UTF-8 (with or without a byte-order mark), or UTF-16 when a
 * UTF-16 byte-order mark says so (Windows PowerShell writes redirected output that way).
 * Returns `null` when the bytes are not valid in that encoding.
 */
export function decodeText(input: Uint8Array | string): string | null {
  if (typeof input === 'string') return input.startsWith('\uFEFF') ? input.slice(1) : input;
  const encoding =
    input[0] === 0xff && input[1] === 0xfe
      ? 'utf-16le'
      : input[0] === 0xfe && input[1] === 0xff
        ? 'utf-16be'
        : 'utf-8';
  try {
    // TextDecoder drops the byte-order mark of the encoding it decodes by default.
    return new TextDecoder(encoding, { fatal: true }).decode(input);
  } catch {
    return null;
  }
}

/**
 * Parses JSON text, saying where it fails. With `repairEscapes`, text that fails and holds `\'`
 * (an escape JSON does not have, seen in real DescribeContactFlow output) is parsed again with
 * `\'` read as `'`.
 */
export function parseJsonText(text: string, options: { repairEscapes?: boolean } = {}): JsonParseResult {
  try {
    return { ok: true, value: JSON.parse(text), repaired: false };
  } catch (error) {
    if (options.repairEscapes === true && text.includes("\\'")) {
      const repaired = repairQuoteEscapes(text);
      try {
        return { ok: true, value: JSON.parse(repaired), repaired: true };
      } catch {
        // Report the original text's problem: that is the text the person has.
      }
    }
    return { ok: false, problem: locateSyntaxProblem(text, error) };
  }
}

/** Replaces the invalid escape `\'` by `'`, leaving escaped backslashes (`\\'`) alone. */
export function repairQuoteEscapes(text: string): string {
  return text.replace(/(\\+)'/g, (match: string, slashes: string) =>
    slashes.length % 2 === 1 ? `${slashes.slice(1)}'` : match,
  );
}

/** Where `JSON.parse` failed: from the error's `position N` when it has one, else found by scanning. */
export function locateSyntaxProblem(text: string, error: unknown): JsonSyntaxProblem {
  const message = error instanceof Error ? error.message : '';
  const fromMessage = /position (\d+)/.exec(message);
  const offset = fromMessage?.[1] !== undefined ? Number(fromMessage[1]) : findJsonErrorOffset(text);
  const at = offset ?? text.length;
  const char = text[at];
  return {
    position: positionAt(text, at),
    found: char === undefined ? 'the text ends too early' : `unexpected ${JSON.stringify(char)}`,
  };
}

/** The 1-based line and column of a character offset. */
export function positionAt(text: string, offset: number): TextPosition {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

class ScanStop {
  constructor(readonly offset: number) {}
}

/**
 * The offset of the first JSON syntax error in `text`, or `null` when there is none (or the
 * nesting is too deep to scan). Used only after `JSON.parse` failed without saying where.
 */
export function findJsonErrorOffset(text: string): number | null {
  const scanner = new JsonScanner(text);
  try {
    scanner.document();
    return null;
  } catch (stop) {
    if (stop instanceof ScanStop) return stop.offset;
    return null;
  }
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const SIMPLE_ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);

/** A JSON grammar checker that stops at the first character it cannot accept. */
class JsonScanner {
  private i = 0;
  constructor(private readonly text: string) {}

  document(): void {
    this.value();
    this.skipWhitespace();
    if (this.i < this.text.length) this.stop();
  }

  private stop(): never {
    throw new ScanStop(this.i);
  }

  private skipWhitespace(): void {
    while (WHITESPACE.has(this.text[this.i] ?? '')) this.i++;
  }

  private expect(char: string): void {
    if (this.text[this.i] !== char) this.stop();
    this.i++;
  }

  private value(): void {
    this.skipWhitespace();
    const char = this.text[this.i];
    if (char === '{') this.object();
    else if (char === '[') this.array();
    else if (char === '"') this.string();
    else if (char === '-' || isDigit(char)) this.number();
    else this.literal();
  }

  private object(): void {
    this.i++;
    this.skipWhitespace();
    if (this.text[this.i] === '}') {
      this.i++;
      return;
    }
    for (;;) {
      this.skipWhitespace();
      if (this.text[this.i] !== '"') this.stop();
      this.string();
      this.skipWhitespace();
      this.expect(':');
      this.value();
      this.skipWhitespace();
      if (this.text[this.i] === '}') break;
      this.expect(',');
    }
    this.i++;
  }

  private array(): void {
    this.i++;
    this.skipWhitespace();
    if (this.text[this.i] === ']') {
      this.i++;
      return;
    }
    for (;;) {
      this.value();
      this.skipWhitespace();
      if (this.text[this.i] === ']') break;
      this.expect(',');
    }
    this.i++;
  }

  private string(): void {
    this.i++;
    for (;;) {
      const code = this.text.charCodeAt(this.i);
      if (Number.isNaN(code) || code < 0x20) this.stop();
      if (code === 0x22) break;
      if (code === 0x5c) this.escape();
      else this.i++;
    }
    this.i++;
  }

  private escape(): void {
    this.i++;
    const char = this.text[this.i] ?? '';
    if (SIMPLE_ESCAPES.has(char)) {
      this.i++;
      return;
    }
    if (char !== 'u') this.stop();
    this.i++;
    for (let n = 0; n < 4; n++) {
      if (!/[0-9a-fA-F]/.test(this.text[this.i] ?? '')) this.stop();
      this.i++;
    }
  }

  private number(): void {
    if (this.text[this.i] === '-') this.i++;
    if (this.text[this.i] === '0') this.i++;
    else this.digits();
    if (this.text[this.i] === '.') {
      this.i++;
      this.digits();
    }
    if (this.text[this.i] === 'e' || this.text[this.i] === 'E') {
      this.i++;
      if (this.text[this.i] === '+' || this.text[this.i] === '-') this.i++;
      this.digits();
    }
  }

  private digits(): void {
    if (!isDigit(this.text[this.i])) this.stop();
    while (isDigit(this.text[this.i])) this.i++;
  }

  private literal(): void {
    const word = ['true', 'false', 'null'].find((w) => w[0] === this.text[this.i]);
    if (word === undefined) this.stop();
    for (const char of word) this.expect(char);
  }
}

function isDigit(char: string | undefined): boolean {
  return char !== undefined && char >= '0' && char <= '9';
}
