import { describe, expect, it } from 'vitest';
import { parseFlowContent } from '../../../core/formats/parseFlowContent.js';
import { actionAt, flowFixture } from './flowDocs.js';

describe('parseFlowContent', () => {
  it('returns the very object it was given', () => {
    const doc = flowFixture();

    const result = parseFlowContent(doc);

    expect(result.ok && result.content).toBe(doc);
  });

  it('reports every structural problem, not only the first', () => {
    const doc = flowFixture();
    delete actionAt(doc, 0).Identifier;
    actionAt(doc, 1).Type = null;

    const result = parseFlowContent(doc);

    expect(result.diagnostics.map((d) => d.message.split(':')[0])).toEqual([
      'Actions[0].Identifier',
      'Actions[1].Type',
    ]);
  });

  it('accepts capitalised layout keys', () => {
    const doc = flowFixture();
    doc.Metadata = {
      EntryPointPosition: { x: 0, y: 0 },
      ActionMetadata: { a: { Position: { x: 1, y: 2 } } },
    };

    expect(parseFlowContent(doc)).toMatchObject({ ok: true, diagnostics: [] });
  });

  it('warns about a malformed entry point without failing', () => {
    const doc = flowFixture();
    doc.Metadata = { entryPointPosition: { x: 'left', y: 0 } };

    expect(parseFlowContent(doc)).toMatchObject({
      ok: true,
      diagnostics: [
        {
          code: 'invalid-metadata',
          action: null,
          message: expect.stringContaining('Metadata.entryPointPosition.x'),
        },
      ],
    });
  });
});
