import { describe, expect, it } from 'vitest';
import { clipText, escapeXml } from '../../render/xml.js';

describe('escapeXml', () => {
  it.each([
    ['a & b', 'a &amp; b'],
    ['<speak>', '&lt;speak&gt;'],
    [`"quoted" and 'single'`, '&quot;quoted&quot; and &apos;single&apos;'],
    ['bell\u0007 and nul\u0000', 'bell and nul'],
    ['lone \uD83D surrogate', 'lone  surrogate'],
    ['emoji 😀 stays', 'emoji 😀 stays'],
  ])('writes %j as %j', (text, escaped) => {
    expect(escapeXml(text)).toBe(escaped);
  });
});

describe('clipText', () => {
  it.each([
    ['short', 5, 'short'],
    ['a longer text', 6, 'a lon…'],
    ['line\n  two', 20, 'line two'],
    ['😀😀😀😀', 3, '😀😀…'],
  ])('clips %j to %i characters as %j', (text, max, clipped) => {
    expect(clipText(text, max)).toBe(clipped);
  });
});
