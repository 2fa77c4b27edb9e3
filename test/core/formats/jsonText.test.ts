import { describe, expect, it } from 'vitest';
import {
  decodeText,
  findJsonErrorOffset,
  locateSyntaxProblem,
  parseJsonText,
  positionAt,
  repairQuoteEscapes,
  sizeOverLimit,
  utf8ByteLength,
} from '../../../core/formats/jsonText.js';

function parseError(text: string): unknown {
  try {
    JSON.parse(text);
  } catch (error) {
    return error;
  }
  throw new Error('text parsed');
}

describe('positionAt', () => {
  it.each([
    [0, { line: 1, column: 1 }],
    [3, { line: 2, column: 1 }],
    [5, { line: 2, column: 3 }],
    [9, { line: 3, column: 2 }],
  ])('gives the 1-based line and column of offset %i', (offset, position) => {
    expect(positionAt('ab\ncdef\nghi', offset)).toEqual(position);
  });
});

describe('findJsonErrorOffset', () => {
  it.each([
    ['{"a":}', 5],
    ['{"a":tru}', 8],
    ["{'a':1}", 1],
    ['[1,2', 4],
    ['', 0],
    ['{"a":"\\x"}', 7],
    ['{"a":"\\u12g4"}', 10],
    ['{"a":-}', 6],
    ['{"a":1.}', 7],
    ['{"a":1} x', 8],
    ['{"a":"line\nbreak"}', 10],
  ])('finds the first error in %j at %i', (text, offset) => {
    expect(findJsonErrorOffset(text)).toBe(offset);
  });

  it.each(['{"a":[1,-2.5e+3,true,false,null,"\\u00e9\\n"],"b":{}}', ' [] ', '"x"'])(
    'returns null for valid JSON %j',
    (text) => {
      expect(findJsonErrorOffset(text)).toBeNull();
    },
  );
});

describe('locateSyntaxProblem', () => {
  it('uses the position in the parser message when there is one', () => {
    const text = '{\n  "a": 1,\n}';

    expect(locateSyntaxProblem(text, parseError(text))).toEqual({
      position: { line: 3, column: 1 },
      found: 'unexpected "}"',
    });
  });

  it('scans for the position when the parser message has none', () => {
    const text = '{\n  "a": }';

    expect(locateSyntaxProblem(text, parseError(text))).toEqual({
      position: { line: 2, column: 8 },
      found: 'unexpected "}"',
    });
  });

  it('says the text ends too early when the error is at the end', () => {
    expect(locateSyntaxProblem('{"a":', parseError('{"a":')).found).toBe('the text ends too early');
  });
});

describe('repairQuoteEscapes', () => {
  it.each([
    ["it\\'s", "it's"],
    ["it\\\\'s", "it\\\\'s"],
    ["it\\\\\\'s", "it\\\\'s"],
    ['plain', 'plain'],
  ])('turns %j into %j', (text, repaired) => {
    expect(repairQuoteEscapes(text)).toBe(repaired);
  });
});

describe('parseJsonText', () => {
  it('parses valid JSON without repair', () => {
    expect(parseJsonText('{"a":"it\'s"}')).toEqual({ ok: true, value: { a: "it's" }, repaired: false });
  });

  it("repairs \\' escapes when asked", () => {
    expect(parseJsonText('{"a":"it\\\'s"}', { repairEscapes: true })).toEqual({
      ok: true,
      value: { a: "it's" },
      repaired: true,
    });
  });

  it("fails on \\' escapes when repair is not asked for", () => {
    expect(parseJsonText('{"a":"it\\\'s"}').ok).toBe(false);
  });

  it('reports the original text position when the repair does not help', () => {
    const result = parseJsonText('{"a":"it\\\'s",}', { repairEscapes: true });

    expect(result).toEqual({
      ok: false,
      problem: { position: { line: 1, column: 10 }, found: 'unexpected "\'"' },
    });
  });
});

describe('decodeText', () => {
  it('strips a UTF-8 byte-order mark', () => {
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x7d]))).toBe('{}');
  });

  it('decodes UTF-16BE with a byte-order mark', () => {
    expect(decodeText(new Uint8Array([0xfe, 0xff, 0x00, 0x7b, 0x00, 0x7d]))).toBe('{}');
  });

  it('returns null for bytes that are not UTF-8', () => {
    expect(decodeText(new Uint8Array([0x7b, 0xff, 0x7d]))).toBeNull();
  });

  it('strips a byte-order mark from a string', () => {
    expect(decodeText('\uFEFF{}')).toBe('{}');
  });
});

describe('sizeOverLimit', () => {
  it.each([
    [new Uint8Array(11), 10, 11],
    [new Uint8Array(10), 10, null],
    ['abc', 2, 3],
    ['é'.repeat(6), 11, 12],
    ['é'.repeat(6), 12, null],
    ['😀😀😀', 11, 12],
  ])('measures %j against %i as %j', (input, limit, size) => {
    expect(sizeOverLimit(input, limit)).toBe(size);
  });
});

describe('utf8ByteLength', () => {
  it('counts like TextEncoder', () => {
    const text = 'aé€😀\u0000';

    expect(utf8ByteLength(text)).toBe(new TextEncoder().encode(text).byteLength);
  });
});
