import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FlowKind } from '../../../core/flowTypes.js';
import { isFlowType } from '../../../core/flowTypes.js';
import { validateFlow } from '../../../core/validate/validateFlow.js';
import { corpusDir, corpusFiles } from '../../fixtures.js';
import { actionOf, asContent, type FixtureName, flowFixture, found } from './flowFixtures.js';

describe('validateFlow', () => {
  it.each<[FixtureName, FlowKind]>([
    ['inbound', 'CONTACT_FLOW'],
    ['customer-queue', 'CUSTOMER_QUEUE'],
    ['outbound-whisper', 'OUTBOUND_WHISPER'],
    ['module', 'MODULE'],
  ])('returns no findings when the %s fixture is validated as %s', (name, type) => {
    const flow = flowFixture(name);

    const diagnostics = validateFlow(asContent(flow), type);

    expect(diagnostics).toEqual([]);
  });

  it('adds one flow-type-unknown warning and skips typed rules when the type is null', () => {
    const flow = flowFixture('outbound-whisper');

    const diagnostics = validateFlow(asContent(flow), null);

    expect(diagnostics).toEqual([
      expect.objectContaining({ severity: 'warning', code: 'flow-type-unknown', action: null, block: null }),
    ]);
  });

  it('runs the flow-type rules when a type is given', () => {
    const flow = flowFixture('outbound-whisper');

    const diagnostics = validateFlow(asContent(flow), 'CONTACT_FLOW');

    expect(found(diagnostics)).toEqual(['action-not-allowed@dial', 'action-not-allowed@done']);
  });

  it('puts errors before warnings when a later rule finds the error', () => {
    const flow = flowFixture('inbound');
    flow.Actions.push({ Identifier: 'orphan', Type: 'DisconnectParticipant', Transitions: {} });
    actionOf(flow, 'greeting').Parameters = { Text: 'a'.repeat(1025) };

    const diagnostics = validateFlow(asContent(flow), 'CONTACT_FLOW');

    expect(found(diagnostics)).toEqual(['prompt-too-long@greeting', 'unreachable-block@orphan']);
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['a string', 'not a flow'],
    ['an empty object', {}],
    ['Actions not an array', { StartAction: 'a', Actions: { a: 1 } }],
    ['actions that are not objects', { StartAction: 'a', Actions: [1, null, 'x', []] }],
    [
      'odd transitions',
      {
        StartAction: 'a',
        Actions: [
          {
            Identifier: 'a',
            Type: 'Compare',
            Transitions: { NextAction: 5, Conditions: 'x', Errors: [null, {}] },
          },
          { Identifier: 'b', Type: 'constructor', Parameters: 'x', Transitions: null },
          { Identifier: 7, Type: 'TransferParticipantToThirdParty', Parameters: { CallerId: 'x' } },
        ],
      },
    ],
  ])('does not throw when the content is %s', (_label, content) => {
    const run = () => validateFlow(asContent(content), 'CONTACT_FLOW');

    expect(run).not.toThrow();
  });

  it('reports the missing start when the content is an empty object', () => {
    const diagnostics = validateFlow(asContent({}), 'CONTACT_FLOW');

    expect(found(diagnostics)).toEqual(['missing-start-action@-']);
  });

  it('reports nothing for a clean 250-action chain (speed is measured in bench/, not here)', () => {
    const actions = Array.from({ length: 250 }, (_, i) => ({
      Identifier: `step-${i}`,
      Type: i === 249 ? 'DisconnectParticipant' : 'UpdateContactAttributes',
      Parameters: { Attributes: { step: String(i) } },
      Transitions:
        i === 249
          ? {}
          : {
              NextAction: `step-${i + 1}`,
              Errors: [{ NextAction: 'step-249', ErrorType: 'NoMatchingError' }],
            },
    }));
    const flow = asContent({ Version: '2019-10-30', StartAction: 'step-0', Actions: actions });
    expect(validateFlow(flow, 'CONTACT_FLOW')).toEqual([]);
  });
});

/** Flow Language content of a corpus file, or null for legacy exports (converted elsewhere). */
function corpusContent(file: string): unknown {
  if (corpusDir === null) return null;
  const json: unknown = JSON.parse(readFileSync(join(corpusDir, file), 'utf8'));
  if (typeof json !== 'object' || json === null || 'modules' in json) return null;
  const wrapped = 'ContactFlow' in json ? json.ContactFlow : json;
  if (
    typeof wrapped === 'object' &&
    wrapped !== null &&
    'Content' in wrapped &&
    typeof wrapped.Content === 'string'
  ) {
    return JSON.parse(wrapped.Content);
  }
  return json;
}

/** MANIFEST.tsv's flow_type column by file name. */
function manifestTypes(): Map<string, FlowKind> {
  const types = new Map<string, FlowKind>();
  const path = corpusDir === null ? null : join(corpusDir, '..', 'MANIFEST.tsv');
  if (path === null || !existsSync(path)) return types;
  const manifest = readFileSync(path, 'utf8');
  for (const line of manifest.split('\n').slice(1)) {
    const [file, , , , , , type] = line.split('\t');
    if (file !== undefined && (type === 'MODULE' || isFlowType(type))) types.set(file, type);
  }
  return types;
}

describe('validateFlow on the corpus', () => {
  const types = manifestTypes();
  const files = corpusFiles().filter((f) => corpusContent(f) !== null);

  it.each(files.length > 0 ? files : ['(corpus absent)'])('finds no error in %s', (file) => {
    const content = corpusContent(file);
    if (content === null) return;

    const errors = validateFlow(asContent(content), types.get(file) ?? null).filter(
      (d) => d.severity === 'error',
    );

    expect(errors).toEqual([]);
  });
});
