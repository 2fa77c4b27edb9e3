import { describe, expect, it } from 'vitest';
import { detectTextStyle, stringifyWithStyle } from '../../../core/formats/textStyle.js';

describe('detectTextStyle', () => {
  it.each([
    ['{"a":1}', { indent: '', eol: '\n', finalNewline: false }],
    ['{"a":1}\n', { indent: '', eol: '\n', finalNewline: true }],
    ['{\n  "a": 1\n}', { indent: '  ', eol: '\n', finalNewline: false }],
    ['{\n    "a": 1\n}\n', { indent: '    ', eol: '\n', finalNewline: true }],
    ['{\n\t"a": 1\n}\n', { indent: '\t', eol: '\n', finalNewline: true }],
    ['{\r\n  "a": 1\r\n}\r\n', { indent: '  ', eol: '\r\n', finalNewline: true }],
    ['\n  {"a": 1,\n"b": 2}', { indent: '  ', eol: '\n', finalNewline: false }],
  ])('reads the layout of %j', (text, style) => {
    expect(detectTextStyle(text)).toEqual(style);
  });
});

describe('stringifyWithStyle', () => {
  it.each([['{\n  "a": [\n    1\n  ]\n}\n'], ['{"a":[1]}'], ['{\r\n\t"a": [\r\n\t\t1\r\n\t]\r\n}']])(
    'writes JSON back in the layout it was read from: %j',
    (text) => {
      expect(stringifyWithStyle(JSON.parse(text), detectTextStyle(text))).toBe(text);
    },
  );

  it('keeps line breaks inside strings escaped under Windows line endings', () => {
    const text = stringifyWithStyle({ a: 'x\ny' }, { indent: ' ', eol: '\r\n', finalNewline: false });

    expect(text).toBe('{\r\n "a": "x\\ny"\r\n}');
  });
});
