import { describe, expect, it } from 'vitest';
import { parseFlowContent } from '../../../core/formats/parseFlowContent.js';
import { flowContentSchema } from '../../../core/formats/schemas.js';
import { actionAt, type EditableFlow, flowFixture } from './flowDocs.js';

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

describe('parseFlowContent shape check', () => {
  // The shape is decided without zod when nothing is wrong: each break below must still be refused.
  const breaks: Record<string, (doc: EditableFlow) => void> = {
    'Version a number': (doc) => Object.assign(doc, { Version: 1 }),
    'StartAction missing': (doc) => Reflect.deleteProperty(doc, 'StartAction'),
    'Metadata an array': (doc) => Object.assign(doc, { Metadata: [] }),
    'Settings a string': (doc) => Object.assign(doc, { Settings: 'x' }),
    'Actions an object': (doc) => Object.assign(doc, { Actions: {} }),
    'an action null': (doc) => Object.assign(doc.Actions, { 0: null }),
    'Parameters an array': (doc) => Object.assign(actionAt(doc, 0), { Parameters: [] }),
    'Transitions null': (doc) => Object.assign(actionAt(doc, 0), { Transitions: null }),
    'NextAction a number': (doc) => Object.assign(actionAt(doc, 0), { Transitions: { NextAction: 1 } }),
    'Conditions an object': (doc) => Object.assign(actionAt(doc, 0), { Transitions: { Conditions: {} } }),
    'a condition without Operands': (doc) =>
      Object.assign(actionAt(doc, 0), {
        Transitions: { Conditions: [{ NextAction: 'a', Condition: { Operator: 'Equals' } }] },
      }),
    'an error without ErrorType': (doc) =>
      Object.assign(actionAt(doc, 0), { Transitions: { Errors: [{ NextAction: 'a' }] } }),
  };

  it.each(Object.keys(breaks))('refuses a flow with %s, as the schema does', (name) => {
    const doc = flowFixture();
    breaks[name]?.(doc);

    const result = parseFlowContent(doc);

    expect(flowContentSchema.safeParse(doc).success).toBe(false);
    expect(result.ok).toBe(false);
  });
});
