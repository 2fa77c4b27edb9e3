import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FlowContent, ParsedFlow } from '../../../core/flow.js';
import { replaceAt, serializeFlow } from '../../../core/formats/serializeFlow.js';
import { corpusDir, corpusFiles } from '../../fixtures.js';
import { describeResponse, fixtureText, flowFixture } from './flowDocs.js';
import { readOk } from './readResults.js';

/** Content with the first action's prompt text changed (a copy; the original is untouched). */
function withText(content: FlowContent, text: string): FlowContent {
  const [first, ...rest] = content.Actions;
  if (first === undefined) throw new Error('no actions');
  return { ...content, Actions: [{ ...first, Parameters: { ...first.Parameters, Text: text } }, ...rest] };
}

function roundTrip(file: string, text: string): string {
  const flow = readOk(file, text);
  return serializeFlow(flow, flow.content);
}

describe('serializeFlow', () => {
  it.each([
    ['a bare two-space indented document', 'flow-language.json'],
    ['a four-space indented DescribeContactFlow response', 'describe-contact-flow.json'],
    ['a DescribeContactFlowModule response without a final newline', 'describe-contact-flow-module.json'],
    ['a tab-indented wrapper', 'wrapper.json'],
  ])('writes %s back byte for byte when the content is unchanged', (_label, name) => {
    const text = fixtureText(name);

    expect(roundTrip(name, text)).toBe(text);
  });

  it('keeps a one-line file on one line', () => {
    const text = JSON.stringify(flowFixture());

    expect(roundTrip('one-line.json', text)).toBe(text);
  });

  it('keeps Windows line endings', () => {
    const text = JSON.stringify(flowFixture(), null, 2).replaceAll('\n', '\r\n');

    expect(roundTrip('crlf.json', text)).toBe(text);
  });

  it('keeps a Content string written with escapes JSON.stringify would not use', () => {
    const content = JSON.stringify(flowFixture()).replace('Support inbound', 'Support \\u00e9 \\/ inbound');
    const text = JSON.stringify(describeResponse(content), null, 2);

    expect(JSON.parse(roundTrip('escapes.json', text))).toStrictEqual(JSON.parse(text));
  });

  it('keeps an indented Content string indented', () => {
    const text = JSON.stringify(describeResponse(JSON.stringify(flowFixture(), null, 2)), null, 2);

    expect(JSON.parse(roundTrip('pretty-content.json', text))).toStrictEqual(JSON.parse(text));
  });

  it('replaces only Content in a DescribeContactFlow response, keeping other keys and their order', () => {
    const flow = readOk('describe.json', fixtureText('describe-contact-flow.json'));

    const written = JSON.parse(serializeFlow(flow, withText(flow.content, 'Changed'))) as {
      ContactFlow: { Content: string };
    };

    const original = JSON.parse(fixtureText('describe-contact-flow.json')) as { ContactFlow: object };
    expect(Object.keys(written)).toEqual(['ResponseMetadata', 'ContactFlow']);
    expect(Object.keys(written.ContactFlow)).toEqual(Object.keys(original.ContactFlow));
    expect(JSON.parse(written.ContactFlow.Content)).toStrictEqual(withText(flow.content, 'Changed'));
    expect({ ...written.ContactFlow, Content: null }).toStrictEqual({
      ...original.ContactFlow,
      Content: null,
    });
  });

  it('writes an object back into a wrapper whose Content was an object', () => {
    const flow = readOk('wrapped.json', { Name: 'Wrapped', Content: flowFixture() });

    const written = JSON.parse(serializeFlow(flow, withText(flow.content, 'New'))) as { Content: unknown };

    expect(written.Content).toStrictEqual(withText(flow.content, 'New'));
  });

  it("writes repaired Content without the \\' escapes", () => {
    const text = fixtureText('describe-contact-flow.json').replace("You're", "You\\\\'re");
    const flow = readOk('describe.json', text);

    const written = serializeFlow(flow, flow.content);

    expect(written).not.toContain("\\\\'");
    expect(written).toBe(fixtureText('describe-contact-flow.json'));
  });

  it('writes a legacy file as Flow Language in the legacy file layout', () => {
    const content = flowFixture() as unknown as FlowContent;
    const flow = {
      container: { kind: 'legacy', style: { indent: '', eol: '\n', finalNewline: false } },
    } as ParsedFlow;

    expect(serializeFlow(flow, content)).toBe(JSON.stringify(content));
  });

  it('writes two-space indented JSON for a container without a style', () => {
    const content = flowFixture() as unknown as FlowContent;
    const flow = { container: { kind: 'bare' } } as ParsedFlow;

    expect(serializeFlow(flow, content)).toBe(`${JSON.stringify(content, null, 2)}\n`);
  });

  // The corpus is optional (these tables are empty without it); the suite has other tests either way.
  it.each(corpusFiles())(
    'writes corpus file %s back as equal JSON (legacy files as their conversion)',
    (file) => {
      const text = readFileSync(join(corpusDir ?? '', file), 'utf8');
      const flow = readOk(file, text);

      const written: unknown = JSON.parse(serializeFlow(flow, flow.content));

      expect(written).toStrictEqual(flow.format === 'legacy' ? flow.content : JSON.parse(text));
    },
  );
});

describe('replaceAt', () => {
  it('replaces the value at a path and shares the untouched branches', () => {
    const root = { a: { b: 1, c: { d: 2 } }, e: { f: 3 } };

    const replaced = replaceAt(root, ['a', 'b'], 9);

    expect(replaced).toStrictEqual({ a: { b: 9, c: { d: 2 } }, e: { f: 3 } });
    expect(replaced.e).toBe(root.e);
    expect(root.a.b).toBe(1);
  });
});
