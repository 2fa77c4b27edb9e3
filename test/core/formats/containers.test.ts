import { describe, expect, it } from 'vitest';
import { unknownFlowTypeFindings, unwrapContainer } from '../../../core/formats/containers.js';
import { NO_CONTAINER_FACTS } from '../../../core/formats/flowFacts.js';
import { COMPACT_TEXT_STYLE, DEFAULT_TEXT_STYLE } from '../../../core/formats/textStyle.js';
import { fixtureText } from './flowDocs.js';

describe('unwrapContainer', () => {
  it('opens a module response: the document, its facts and the way back', () => {
    const doc = JSON.parse(fixtureText('describe-contact-flow-module.json'));

    const opened = unwrapContainer(doc, 'describe-contact-flow-module', 'm.json', DEFAULT_TEXT_STYLE);

    expect(opened).toMatchObject({
      ok: true,
      doc: { Version: '2019-10-30', Settings: { InputParameters: [] } },
      facts: {
        name: 'Error handler',
        module: true,
        description: null,
        id: '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
      },
      container: {
        kind: 'content-string',
        raw: doc,
        path: ['ContactFlowModule', 'Content'],
        contentStyle: COMPACT_TEXT_STYLE,
      },
      diagnostics: [],
    });
  });

  it('reports every container field that has the wrong type', () => {
    const doc = { Name: 1, Type: false, Content: 2 };

    const opened = unwrapContainer(doc, 'wrapper', 'w.json', DEFAULT_TEXT_STYLE);

    expect(opened.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ['invalid-container', 'w.json: Name: expected a string, found 1.'],
      ['invalid-container', 'w.json: Type: expected a string, found false.'],
      ['invalid-container', 'w.json: Content: expected the flow as a JSON string (or an object), found 2.'],
    ]);
  });
});

describe('unknownFlowTypeFindings', () => {
  it.each([
    [null, 0],
    ['CONTACT_FLOW', 0],
    ['MODULE', 0],
    ['Inbound', 1],
  ])('reports the container type %j with %i warnings', (type, count) => {
    expect(unknownFlowTypeFindings({ ...NO_CONTAINER_FACTS, type })).toHaveLength(count);
  });
});
