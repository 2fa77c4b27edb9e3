import { describe, expect, it } from 'vitest';
import { exportFileName, fileStamp, safeFileStem } from '../../../core/versions/exportName.js';

const AT = new Date('2026-11-21T10:04:05.678Z');

describe('exportFileName', () => {
  it('joins the flow name and a UTC stamp when the name is plain', () => {
    expect(exportFileName('Main IVR', AT)).toBe('Main IVR_2026-11-21T10-04-05Z.json');
  });

  it('stays under 255 UTF-8 bytes when the name is very long', () => {
    const name = exportFileName('é'.repeat(300), AT);
    expect(new TextEncoder().encode(name).length).toBeLessThanOrEqual(255);
  });
});

describe('fileStamp', () => {
  it('has no colons when formatting a time', () => {
    expect(fileStamp(AT)).toBe('2026-11-21T10-04-05Z');
  });
});

describe('safeFileStem', () => {
  it.each([
    ['Sales: after hours / EMEA', 'Sales_ after hours _ EMEA'],
    ['What? <now> "quoted" a|b*c\\d', 'What_ _now_ _quoted_ a_b_c_d'],
    ['tab\there\nnewline', 'tab here newline'],
    ['...hidden', 'hidden'],
    ['trailing dots. . ', 'trailing dots'],
    ['CON', '_CON'],
    ['lpt1.flow', '_lpt1.flow'],
    ['Console', 'Console'],
    ['', 'flow'],
    ['///', '___'],
    ['Café', 'Café'],
  ])('makes %j safe as %j', (name, stem) => {
    expect(safeFileStem(name)).toBe(stem);
  });

  it('never splits a character when truncating', () => {
    const stem = safeFileStem('😀'.repeat(100));
    expect(stem).toBe('😀'.repeat(50));
  });
});
