import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_INPUT_BYTES, readFlow } from '../../../core/formats/readFlow.js';
import { corpusDir, corpusFiles } from '../../fixtures.js';
import { actionAt, describeResponse, type EditableFlow, fixtureText, flowFixture } from './flowDocs.js';
import { generateFlow } from './generatedFlow.js';
import { readFailed, readOk, withCode } from './readResults.js';

const GOOD_ID = '3b0c6f1e-8d2a-4c55-9f0e-1a2b3c4d5e6f';
// biome-ignore lint/suspicious/noTemplateCurlyInString: a Terraform placeholder as real flows carry it, not a JS template.
const TERRAFORM_PLACEHOLDER = '${var.start_action}';

function errorsOf(flow: { diagnostics: readonly { severity: string }[] }) {
  return flow.diagnostics.filter((d) => d.severity === 'error');
}

describe('readFlow', () => {
  describe('containers', () => {
    it('reads a bare Flow Language document with name, type and description from Metadata', () => {
      const flow = readOk('flows/support.json', fixtureText('flow-language.json'));

      expect(flow).toMatchObject({
        format: 'flow-language',
        name: 'Support inbound',
        type: 'CONTACT_FLOW',
        description: 'Greets callers and queues them for support',
        sourceArn: null,
        sourceId: null,
        container: { kind: 'bare' },
      });
      expect(flow.content.Actions).toHaveLength(5);
      expect(flow.diagnostics).toEqual([]);
    });

    it('reads a saved DescribeContactFlow response with its name, type, ARN and id', () => {
      const flow = readOk('whisper.json', fixtureText('describe-contact-flow.json'));

      expect(flow).toMatchObject({
        format: 'describe-contact-flow',
        name: 'Agent whisper',
        type: 'AGENT_WHISPER',
        description: 'Tells the agent about the caller',
        sourceArn:
          'arn:aws:connect:us-east-1:111122223333:instance/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d/contact-flow/7f6e5d4c-3b2a-4190-8877-665544332211',
        sourceId: '7f6e5d4c-3b2a-4190-8877-665544332211',
        container: { kind: 'content-string', path: ['ContactFlow', 'Content'] },
      });
      expect(flow.content.StartAction).toBe('5e1f0c2a-3333-4aaa-8bbb-000000000001');
    });

    it('reads a DescribeContactFlow response without ResponseMetadata, Arn or Id', () => {
      const flow = readOk('inbound.json', describeResponse(JSON.stringify(flowFixture())));

      expect(flow).toMatchObject({
        format: 'describe-contact-flow',
        name: 'Inbound',
        sourceArn: null,
        sourceId: null,
      });
    });

    it('derives the source id from the ARN when the response has no Id', () => {
      const arn =
        'arn:aws:connect:eu-west-2:111122223333:instance/abc/contact-flow/0f0e0d0c-1111-4222-8333-444455556666';

      const flow = readOk('inbound.json', describeResponse(JSON.stringify(flowFixture()), { Arn: arn }));

      expect(flow.sourceId).toBe('0f0e0d0c-1111-4222-8333-444455556666');
    });

    it('reads a saved DescribeContactFlowModule response as a module', () => {
      const flow = readOk('error-handler.json', fixtureText('describe-contact-flow-module.json'));

      expect(flow).toMatchObject({
        format: 'describe-contact-flow-module',
        name: 'Error handler',
        type: 'MODULE',
        description: null,
        sourceId: '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
        container: { kind: 'content-string', path: ['ContactFlowModule', 'Content'] },
      });
    });

    it('reads a CI wrapper with its name and ContactFlowType', () => {
      const flow = readOk('ci/queue-transfer.json', fixtureText('wrapper.json'));

      expect(flow).toMatchObject({
        format: 'wrapper',
        name: 'Queue transfer',
        type: 'QUEUE_TRANSFER',
        container: { kind: 'content-string', path: ['Content'] },
      });
    });

    it.each(['Type', 'type', 'ContactFlowType'])('takes the wrapper type from the %s key', (key) => {
      const wrapper = { Name: 'Hold', [key]: 'CUSTOMER_HOLD', Content: JSON.stringify(flowFixture()) };

      expect(readOk('hold.json', wrapper).type).toBe('CUSTOMER_HOLD');
    });

    it('reads a wrapper whose Content is already an object', () => {
      const flow = readOk('wrapped.json', { Name: 'Wrapped', Content: flowFixture() });

      expect(flow).toMatchObject({ format: 'wrapper', name: 'Wrapped', type: 'CONTACT_FLOW' });
      expect(flow.content.Actions).toHaveLength(5);
    });

    // Uses the real legacy converter: this passes once core/formats/legacy/convertLegacy.ts lands.
    it('reads a legacy export as format legacy converted to the Flow Language', () => {
      const flow = readOk('hello.json', fixtureText('legacy.json'));

      expect(flow.format).toBe('legacy');
      expect(flow.container.kind).toBe('legacy');
      expect(flow.content.Version).toBe('2019-10-30');
      expect(flow.name).toBe('Hello legacy');
    });

    it('keeps the parsed document itself, unknown keys and key order included', () => {
      const doc = flowFixture();
      const first = actionAt(doc, 0);
      doc.Actions[0] = { Zeta: 1, ...first, Alpha: { nested: [1, 'two'] } };

      const flow = readOk('order.json', doc);

      expect(flow.content).toStrictEqual(JSON.parse(JSON.stringify(doc)));
      expect(Object.keys(flow.content.Actions[0] ?? {})).toEqual(Object.keys(doc.Actions[0] ?? {}));
    });
  });

  describe('tolerance', () => {
    const variants: [string, (doc: EditableFlow) => void][] = [
      [
        'capitalised EntryPointPosition and Position',
        (doc) => {
          doc.Metadata = {
            EntryPointPosition: { x: 1, y: 2 },
            ActionMetadata: { [GOOD_ID]: { Position: { x: 3, y: 4 } } },
          };
        },
      ],
      ['an action without Parameters', (doc) => delete actionAt(doc, 0).Parameters],
      [
        'an action with Transitions: {}',
        (doc) => {
          actionAt(doc, 1).Transitions = {};
        },
      ],
      ['an action without Transitions', (doc) => delete actionAt(doc, 4).Transitions],
      [
        'an empty Errors list',
        (doc) => {
          actionAt(doc, 1).Transitions = { NextAction: GOOD_ID, Errors: [] };
        },
      ],
      [
        'numbers, booleans, null and objects as parameter values',
        (doc) => {
          actionAt(doc, 0).Parameters = { A: 5, B: true, C: null, D: { E: [1, '2'] } };
        },
      ],
      [
        'friendly identifiers with spaces and punctuation',
        (doc) => {
          actionAt(doc, 4).Identifier = '***End Call*** #1. Was it set?';
          actionAt(doc, 3).Transitions = { NextAction: '***End Call*** #1. Was it set?' };
        },
      ],
      [
        'template placeholders in ids and values',
        (doc) => {
          doc.StartAction = TERRAFORM_PLACEHOLDER;
          actionAt(doc, 0).Identifier = TERRAFORM_PLACEHOLDER;
          actionAt(doc, 1).Parameters = { QueueId: '%%QUEUE_ARN%%' };
        },
      ],
      ['a document without Metadata', (doc) => delete doc.Metadata],
      [
        'nested conditions as operands',
        (doc) => {
          actionAt(doc, 2).Transitions = {
            Conditions: [
              {
                NextAction: GOOD_ID,
                Condition: { Operator: 'Equals', Operands: [{ Operator: 'Equals', Operands: ['1'] }] },
              },
            ],
          };
        },
      ],
    ];

    it.each(variants)('reads a flow with %s without findings', (_label, edit) => {
      const doc = flowFixture();
      edit(doc);

      const flow = readOk('tolerant.json', doc);

      expect(flow.diagnostics).toEqual([]);
    });

    it('reads UTF-8 bytes with a byte-order mark', () => {
      const bytes = new TextEncoder().encode(`\uFEFF${fixtureText('flow-language.json')}`);

      expect(readOk('bom.json', bytes).name).toBe('Support inbound');
    });

    it('reads a string with a byte-order mark', () => {
      expect(readOk('bom.json', `\uFEFF${fixtureText('flow-language.json')}`).name).toBe('Support inbound');
    });

    it('reads UTF-16LE bytes with a byte-order mark (Windows PowerShell output)', () => {
      const text = fixtureText('flow-language.json');
      const bytes = new Uint8Array(2 + text.length * 2);
      bytes.set([0xff, 0xfe]);
      for (let i = 0; i < text.length; i++) {
        const code = text.charCodeAt(i);
        bytes[2 + i * 2] = code & 0xff;
        bytes[3 + i * 2] = code >> 8;
      }

      expect(readOk('utf16.json', bytes).name).toBe('Support inbound');
    });
  });

  describe('unreadable input', () => {
    it('refuses bytes over MAX_INPUT_BYTES before parsing, naming the size', () => {
      const bytes = new Uint8Array(MAX_INPUT_BYTES + 1).fill(0x7b);

      const result = readFailed('huge.json', bytes);

      expect(result.diagnostics).toEqual([
        expect.objectContaining({
          code: 'file-too-large',
          severity: 'error',
          message: expect.stringContaining('5,242,881 bytes'),
        }),
      ]);
      expect(result.diagnostics[0]?.hint).toContain('1 MB');
    });

    it('refuses a string whose UTF-8 size is over MAX_INPUT_BYTES', () => {
      const text = 'é'.repeat(MAX_INPUT_BYTES / 2 + 1);

      expect(withCode(readFailed('huge.json', text).diagnostics, 'file-too-large')).toHaveLength(1);
    });

    it('reports invalid-json with the file name, line and column from the parser position', () => {
      const text = '{\n  "Version": "2019-10-30",\n  "StartAction": "a",,\n  "Actions": []\n}';

      const [diagnostic] = readFailed('flows/broken.json', text).diagnostics;

      expect(diagnostic).toMatchObject({ code: 'invalid-json', severity: 'error' });
      expect(diagnostic?.message).toContain('flows/broken.json');
      expect(diagnostic?.message).toContain('line 3, column 22');
    });

    it('reports invalid-json with line and column when the parser message has no position', () => {
      const text = '{\n  "Version": \'2019-10-30\'\n}';

      const [diagnostic] = readFailed('quotes.json', text).diagnostics;

      expect(diagnostic?.message).toBe(`quotes.json is not valid JSON: unexpected "'" at line 2, column 14.`);
    });

    it('reports invalid-json at the end when the text stops early', () => {
      const [diagnostic] = readFailed('cut.json', '{\n  "Version": "2019-10-30",\n').diagnostics;

      expect(diagnostic?.message).toContain('the text ends too early at line 3, column 1');
    });

    it('reports invalid-encoding for bytes that are not UTF-8', () => {
      const bytes = new Uint8Array([0x7b, 0x22, 0xff, 0xc0, 0x22, 0x7d]);

      expect(readFailed('latin.json', bytes).diagnostics).toEqual([
        expect.objectContaining({ code: 'invalid-encoding' }),
      ]);
    });

    it.each([
      ['an unrelated object', { hello: 'world' }],
      ['a CloudFormation template', { AWSTemplateFormatVersion: '2010-09-09', Resources: {} }],
      ['an array', [1, 2]],
      ['a string', 'flow'],
    ])('reports unrecognized-format for %s, listing what flowgate reads', (_label, doc) => {
      const result = readFailed('other.json', JSON.stringify(doc));

      expect(result.format).toBeNull();
      expect(result.diagnostics).toEqual([
        expect.objectContaining({ code: 'unrecognized-format', severity: 'error' }),
      ]);
      expect(result.diagnostics[0]?.hint).toContain('DescribeContactFlow');
    });

    it('reports invalid-content-json with the line and column inside the Content string', () => {
      const content = '{\n  "Version": "2019-10-30",\n  "StartAction": oops\n}';

      const result = readFailed('describe.json', describeResponse(content));

      expect(result.format).toBe('describe-contact-flow');
      expect(result.diagnostics).toEqual([
        expect.objectContaining({ code: 'invalid-content-json', severity: 'error' }),
      ]);
      expect(result.diagnostics[0]?.message).toBe(
        'ContactFlow.Content in describe.json is not valid JSON: unexpected "o" at line 3, column 18 of the ContactFlow.Content string.',
      );
    });

    it("reports invalid-content-json when undoing \\' escapes does not make Content parse", () => {
      const content = `{"Version":"2019-10-30","StartAction":"a","Actions":[{"Identifier":"a","Type":"x","Parameters":{"Text":"it\\'s"}},]}`;

      const result = readFailed('describe.json', describeResponse(content));

      expect(withCode(result.diagnostics, 'invalid-content-json')).toHaveLength(1);
    });

    it('reports invalid-container when a container field has the wrong type', () => {
      const result = readFailed(
        'describe.json',
        describeResponse(JSON.stringify(flowFixture()), { Name: 42 }),
      );

      expect(result.diagnostics).toEqual([
        expect.objectContaining({
          code: 'invalid-container',
          message: 'describe.json: ContactFlow.Name: expected a string, found 42.',
        }),
      ]);
    });

    it('reports invalid-container when a wrapper has no Content', () => {
      const result = readFailed('describe.json', { ContactFlow: { Name: 'x' } });

      expect(result.diagnostics[0]).toMatchObject({
        code: 'invalid-container',
        message: expect.stringContaining('ContactFlow.Content: missing'),
      });
    });
  });

  describe('invalid flows', () => {
    it('reports invalid-flow with the path, action and block for a bad NextAction', () => {
      const doc = flowFixture();
      actionAt(doc, 1).Transitions = { Errors: [{ NextAction: null, ErrorType: 'NoMatchingError' }] };

      const result = readFailed('bad.json', doc);

      expect(result.format).toBe('flow-language');
      expect(result.diagnostics).toEqual([
        {
          severity: 'error',
          code: 'invalid-flow',
          action: GOOD_ID,
          block: 'Set working queue',
          message: `Actions[1].Transitions.Errors[0].NextAction: expected a string, found null (in the Set working queue block "${GOOD_ID}")`,
          hint: 'Set "NextAction" to the Identifier of the action this branch leads to.',
        },
      ]);
    });

    it.each([
      [
        'a missing StartAction',
        (doc: EditableFlow) => delete doc.StartAction,
        'StartAction: missing (expected a string)',
        null,
      ],
      [
        'Actions that is not an array',
        (doc: EditableFlow) => {
          doc.Actions = {} as never;
        },
        'Actions: expected an array, found an object',
        null,
      ],
      [
        'an action without Identifier',
        (doc: EditableFlow) => delete actionAt(doc, 4).Identifier,
        'Actions[4].Identifier: missing (expected a string)',
        null,
      ],
      [
        'a numeric Type',
        (doc: EditableFlow) => {
          actionAt(doc, 4).Type = 7;
        },
        'Actions[4].Type: expected a string, found 7',
        'd9e8f7a6-1111-4ccc-9ddd-abcdefabcdef',
      ],
      [
        'Parameters that is a list',
        (doc: EditableFlow) => {
          actionAt(doc, 0).Parameters = [];
        },
        'Actions[0].Parameters: expected an object, found an array',
        'Set logging',
      ],
      [
        'a missing Version',
        (doc: EditableFlow) => delete doc.Version,
        'Version: missing (expected a string)',
        null,
      ],
    ])('reports invalid-flow for %s', (_label, edit, message, action) => {
      const doc = flowFixture();
      edit(doc);

      const [diagnostic] = readFailed('bad.json', doc).diagnostics;

      expect(diagnostic).toMatchObject({ code: 'invalid-flow', action });
      expect(diagnostic?.message.startsWith(message)).toBe(true);
    });

    it('reports invalid-flow when Content holds JSON that is not an object', () => {
      const result = readFailed('describe.json', describeResponse('[]'));

      expect(result.diagnostics).toEqual([expect.objectContaining({ code: 'invalid-flow', action: null })]);
    });
  });

  describe('findings', () => {
    it("repairs \\' escapes in Content with a repaired-content-escape warning", () => {
      const text = fixtureText('describe-contact-flow.json').replace("You're", "You\\\\'re");

      const flow = readOk('describe.json', text);

      expect(withCode(flow.diagnostics, 'repaired-content-escape')).toEqual([
        expect.objectContaining({
          severity: 'warning',
          message: expect.stringContaining('ContactFlow.Content in describe.json'),
        }),
      ]);
      expect(actionAt(flow.content as unknown as EditableFlow, 0).Parameters).toEqual({
        Text: "You're speaking with an agent shortly.",
      });
    });

    it('warns unknown-action-type and keeps the action exactly as written', () => {
      const doc = flowFixture();
      const odd = {
        Identifier: 'odd',
        Type: 'TeleportCaller',
        Parameters: { Where: { deep: [1, { two: 2 }] } },
        Transitions: {},
      };
      doc.Actions.push(odd);

      const flow = readOk('odd.json', doc);

      expect(flow.diagnostics).toEqual([
        expect.objectContaining({
          severity: 'warning',
          code: 'unknown-action-type',
          action: 'odd',
          block: 'TeleportCaller',
        }),
      ]);
      expect(flow.content.Actions[5]).toStrictEqual(odd);
    });

    it.each([
      [
        'the document',
        (doc: EditableFlow) => {
          doc.Comment = 'hi';
        },
        null,
        '"Comment"',
      ],
      [
        'an action',
        (doc: EditableFlow) => {
          actionAt(doc, 0).Notes = 'x';
        },
        'Set logging',
        '"Notes"',
      ],
      [
        'Transitions',
        (doc: EditableFlow) => {
          actionAt(doc, 0).Transitions = { NextAction: GOOD_ID, Default: 'x' };
        },
        'Set logging',
        '"Transitions.Default"',
      ],
    ])('warns unknown-field on %s and keeps the field', (_label, edit, action, named) => {
      const doc = flowFixture();
      edit(doc);

      const flow = readOk('fields.json', doc);

      expect(flow.diagnostics).toEqual([
        expect.objectContaining({ severity: 'warning', code: 'unknown-field', action }),
      ]);
      expect(flow.diagnostics[0]?.message).toContain(named);
      expect(flow.content).toStrictEqual(JSON.parse(JSON.stringify(doc)));
    });

    it('warns unknown-version for a Version other than 2019-10-30', () => {
      const doc = flowFixture();
      doc.Version = '2024-01-01';

      expect(readOk('version.json', doc).diagnostics).toEqual([
        expect.objectContaining({ code: 'unknown-version', severity: 'warning' }),
      ]);
    });

    it('warns invalid-metadata for a position that is not numbers, naming the action', () => {
      const doc = flowFixture();
      doc.Metadata = { ActionMetadata: { [GOOD_ID]: { position: { x: '10', y: 4 } } } };

      const flow = readOk('layout.json', doc);

      expect(flow.diagnostics).toEqual([
        expect.objectContaining({
          code: 'invalid-metadata',
          severity: 'warning',
          action: GOOD_ID,
          block: 'Set working queue',
        }),
      ]);
    });

    it('warns unknown-flow-type when a container names no known type', () => {
      const flow = readOk('w.json', { Name: 'W', Type: 'INBOUND', Content: JSON.stringify(flowFixture()) });

      expect(withCode(flow.diagnostics, 'unknown-flow-type')).toHaveLength(1);
      expect(flow.type).toBe('CONTACT_FLOW');
    });
  });

  describe('limits', () => {
    it.each([
      [99, []],
      [100, ['designer-block-limit']],
      [250, ['designer-block-limit']],
      [251, ['too-many-actions']],
    ])('reports %i actions with %j', (actions, codes) => {
      const flow = readOk('big.json', generateFlow({ actions, textLength: 10 }));

      expect(flow.diagnostics.map((d) => d.code)).toEqual(codes);
    });

    it('reports too-many-actions as an error', () => {
      const flow = readOk('big.json', generateFlow({ actions: 251, textLength: 10 }));

      expect(errorsOf(flow)).toEqual([
        expect.objectContaining({ code: 'too-many-actions', message: expect.stringContaining('251') }),
      ]);
    });

    it('reports content-too-large when the compact content is over 256,000 characters', () => {
      const flow = readOk('big.json', generateFlow({ actions: 50, textLength: 6000 }));

      expect(errorsOf(flow)).toEqual([
        expect.objectContaining({ code: 'content-too-large', severity: 'error' }),
      ]);
    });

    it('measures content-too-large on compact JSON, not on the indented file', () => {
      const doc = generateFlow({ actions: 50, textLength: 4900 });
      const compact = JSON.stringify(doc).length;

      const flow = readOk('near.json', JSON.stringify(doc, null, 8));

      expect(compact).toBeLessThanOrEqual(256_000);
      expect(errorsOf(flow)).toEqual([]);
    });

    it('reports content-too-large for a flow just over the limit because of escapes', () => {
      const doc = generateFlow({ actions: 2, textLength: 10 });
      actionAt(doc as unknown as EditableFlow, 0).Parameters = { Text: '"'.repeat(128_000) };

      const flow = readOk('quotes.json', doc);

      expect(errorsOf(flow)).toEqual([expect.objectContaining({ code: 'content-too-large' })]);
    });
  });

  describe('names and types', () => {
    it.each([
      ['flows/team a/Main flow.json', 'Main flow'],
      ['C:\\exports\\Billing.flow.json', 'Billing.flow'],
      ['no-extension', 'no-extension'],
    ])('names a flow without Metadata.name after the file %s', (file, name) => {
      const doc = flowFixture();
      delete doc.Metadata;

      expect(readOk(file, doc).name).toBe(name);
    });

    it('types a document with Settings as a module', () => {
      const doc = flowFixture();
      doc.Settings = { InputParameters: [], OutputParameters: [], Transitions: [] };

      expect(readOk('module.json', doc).type).toBe('MODULE');
    });

    it('types a document with a Return block and no other type as a module', () => {
      const doc = flowFixture();
      delete doc.Metadata;
      actionAt(doc, 4).Type = 'EndFlowModuleExecution';

      expect(readOk('module.json', doc).type).toBe('MODULE');
    });

    it('leaves the type null when nothing says it', () => {
      const doc = flowFixture();
      delete doc.Metadata;

      expect(readOk('plain.json', doc).type).toBeNull();
    });

    it.each(['customerQueue', 'CUSTOMER_QUEUE', 'customer_queue'])('reads Metadata.type %s', (type) => {
      const doc = flowFixture();
      doc.Metadata = { type };

      expect(readOk('queue.json', doc).type).toBe('CUSTOMER_QUEUE');
    });
  });

  describe('what JSON.parse lets through', () => {
    /** The fixture as text with `extra` spliced into the first block's Parameters. */
    function withParameters(extra: string): string {
      const text = JSON.stringify(flowFixture(), null, 2);
      return text.replace('"FlowLoggingBehavior": "Enabled"', `"FlowLoggingBehavior": "Enabled", ${extra}`);
    }

    it('refuses numbers a double cannot hold, naming the block, the field and what they would become', () => {
      const flow = readOk('numbers.json', withParameters(`"Big": 1e999, "Huge": ${'9'.repeat(400)}`));

      const found = withCode(flow.diagnostics, 'unrepresentable-number');
      expect(found.map((d) => [d.severity, d.action, d.block])).toEqual([
        ['error', 'Set logging', 'Set logging behavior'],
        ['error', 'Set logging', 'Set logging behavior'],
      ]);
      expect(found[0]?.message).toContain('has the number 1e999 at Parameters.Big');
      expect(found[0]?.message).toContain('stored and published as null');
      expect(found[1]?.message).toContain('at Parameters.Huge');
    });

    it('refuses an integer that would lose digits, saying what it would become', () => {
      const flow = readOk('long.json', withParameters('"Long": 12345678901234567890'));

      expect(withCode(flow.diagnostics, 'unrepresentable-number')[0]?.message).toContain(
        'it would be stored and published as 12345678901234567000',
      );
    });

    it('finds such a number inside the Content string of a DescribeContactFlow response', () => {
      const doc = flowFixture();
      actionAt(doc, 0).Parameters = { FlowLoggingBehavior: 'Enabled', Big: '@@' };
      const content = JSON.stringify(doc).replace('"@@"', '1e999');

      const flow = readOk('described.json', describeResponse(content));

      expect(withCode(flow.diagnostics, 'unrepresentable-number').map((d) => d.action)).toEqual([
        'Set logging',
      ]);
    });

    it('keeps numbers that come back as the same value without a finding', () => {
      const flow = readOk('fine.json', withParameters('"Ratio": 1.50, "Hundred": 1e2, "Id": 12345678901234'));

      expect(withCode(flow.diagnostics, 'unrepresentable-number')).toEqual([]);
    });

    it('refuses nesting past the stated limit with an error naming the file, not a stack overflow', () => {
      const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;

      const result = readFailed('deep.json', withParameters(`"Deep": ${deep}`));

      expect(result.diagnostics).toHaveLength(1);
      expect(result.diagnostics[0]).toMatchObject({ severity: 'error', code: 'nested-too-deep' });
      expect(result.diagnostics[0]?.message).toMatch(
        /^deep\.json nests objects and arrays more than 64 levels deep \(at Actions\[0\]\.Parameters\.Deep\[0\]/,
      );
      expect(result.diagnostics[0]?.hint).not.toContain('maintainers');
    });

    it('warns about a key given twice, naming the block and the key', () => {
      const flow = readOk('dup.json', withParameters('"FlowLoggingBehavior": "Disabled"'));

      const [found] = withCode(flow.diagnostics, 'duplicate-key');
      expect(found).toMatchObject({
        severity: 'warning',
        action: 'Set logging',
        block: 'Set logging behavior',
      });
      expect(found?.message).toBe(
        'The "Set logging behavior" block "Set logging" gives "FlowLoggingBehavior" more than once in Parameters; only the last value is kept.',
      );
    });

    it('names the block of a duplicate key in its designer metadata', () => {
      const text = JSON.stringify(flowFixture(), null, 2).replace(
        '"isFriendlyName": true',
        '"isFriendlyName": true, "isFriendlyName": false',
      );

      const [found] = withCode(readOk('dup.json', text).diagnostics, 'duplicate-key');

      expect(found).toMatchObject({ action: 'Set logging', block: 'Set logging behavior' });
      expect(found?.message).toContain('in Metadata.ActionMetadata["Set logging"]');
    });
  });

  describe('names that cannot be stored', () => {
    it('refuses a name with an escape sequence, naming the character and where the name comes from', () => {
      const doc = flowFixture();
      doc.Metadata = { ...doc.Metadata, name: 'Support\u001b[2J\nline' };

      const [found] = withCode(readOk('support.json', doc).diagnostics, 'flow-name-control-character');

      expect(found).toMatchObject({ severity: 'error', action: null });
      expect(found?.message).toBe(
        'The flow name "Support\\u001b[2J\\nline" holds the control character U+001B (escape); flowgate does not store names that would rewrite what a terminal or a message shows.',
      );
      expect(found?.hint).toContain('Change Metadata.name in the file');
    });

    it('refuses a container Name over 127 characters, naming the limit and the field', () => {
      const flow = readOk('long.json', {
        ...describeResponse(JSON.stringify(flowFixture())),
        ContactFlow: { Name: 'n'.repeat(1100), Type: 'CONTACT_FLOW', Content: JSON.stringify(flowFixture()) },
      });

      const [found] = withCode(flow.diagnostics, 'flow-name-too-long');

      expect(found?.message).toMatch(
        /^The flow name is 1,100 characters long \("n{40}…"\); Amazon Connect accepts flow and module names of at most 127 characters\.$/,
      );
      expect(found?.hint).toBe('Change ContactFlow.Name in the file: at most 127 characters.');
    });

    it('accepts a name of exactly 127 characters, counted as characters not bytes', () => {
      const doc = flowFixture();
      doc.Metadata = { ...doc.Metadata, name: 'é'.repeat(127) };

      expect(withCode(readOk('accents.json', doc).diagnostics, 'flow-name-too-long')).toEqual([]);
    });

    it('refuses a block identifier with a control character, naming the block', () => {
      const doc = flowFixture();
      actionAt(doc, 0).Identifier = 'Set\rlogging';
      doc.StartAction = 'Set\rlogging';

      const [found] = withCode(readOk('ids.json', doc).diagnostics, 'identifier-control-character');

      expect(found).toMatchObject({
        severity: 'error',
        action: 'Set\rlogging',
        block: 'Set logging behavior',
      });
      expect(found?.message).toContain('U+000D (carriage return)');
    });
  });

  // The corpus is optional (these tables are empty without it); the suite has other tests either way.
  const files = corpusFiles().filter((f) => corpusDir !== null && !isLegacyText(readCorpus(f)));

  it.each(files)('reads corpus file %s without errors', (file) => {
    const result = readFlow(file, readFileSync(join(corpusDir ?? '', file)));

    expect(result.ok ? errorsOf(result.flow) : result.diagnostics).toEqual([]);
    expect(result.ok).toBe(true);
  });
});

function readCorpus(file: string): string {
  return readFileSync(join(corpusDir ?? '', file), 'utf8');
}

function isLegacyText(text: string): boolean {
  const doc: unknown = JSON.parse(text);
  return typeof doc === 'object' && doc !== null && Array.isArray((doc as { modules?: unknown }).modules);
}
