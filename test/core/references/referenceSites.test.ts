import { describe, expect, it } from 'vitest';
import type { FlowContent } from '../../../core/flow.js';
import { extractReferences } from '../../../core/references/extractReferences.js';
import { indexActions, parameterSite, referenceSites } from '../../../core/references/referenceSites.js';
import { loadFixture } from '../../fixtures.js';

const META = ['Metadata', 'ActionMetadata'];

function load(fixture: string): FlowContent {
  return loadFixture<FlowContent>(`references/${fixture}`);
}

describe('referenceSites', () => {
  it('lists the parameter, id copies and name copies from the root when a reference has metadata', () => {
    const content = load('classic-metadata.json');
    const queue = extractReferences(content).filter((r) => r.action === 'set-queue');

    expect(referenceSites(content, queue)).toEqual([
      ['Actions', 0, 'Parameters', 'QueueId'],
      [...META, 'set-queue', 'queue', 'id'],
      [...META, 'set-queue', 'queue', 'text'],
    ]);
  });

  it("includes a Lex V1 bot's region and alias when the triple has them", () => {
    const content = load('legacy-converted.json');
    const lex = extractReferences(content).filter((r) => r.action === 'lex');

    expect(referenceSites(content, lex)).toEqual([
      ['Actions', 3, 'Parameters', 'LexBot', 'Name'],
      ['Actions', 3, 'Parameters', 'LexBot', 'Region'],
      ['Actions', 3, 'Parameters', 'LexBot', 'Alias'],
    ]);
  });

  it('covers every reference of the flow when no list is given', () => {
    const content = load('every-kind.json');

    expect(referenceSites(content)).toHaveLength(extractReferences(content).length + 2);
  });

  it('skips a reference when it does not match the document', () => {
    const [foreign] = extractReferences(load('designer-metadata.json'));
    const content = load('classic-metadata.json');

    expect(referenceSites(content, foreign === undefined ? [] : [foreign])).toEqual([]);
  });
});

describe('parameterSite', () => {
  it('picks the action that holds the value when two actions share an identifier', () => {
    const base = load('classic-metadata.json');
    const [first] = base.Actions;
    if (first === undefined) throw new Error('fixture has no actions');
    const clash = {
      ...first,
      Parameters: { QueueId: 'arn:aws:connect:us-east-1:111122223333:instance/i/queue/other' },
    };
    const content: FlowContent = { ...base, Actions: [clash, ...base.Actions] };
    const reference = extractReferences(content)[1];
    if (reference === undefined) throw new Error('no second reference');

    expect(parameterSite(content, indexActions(content), reference)).toEqual([
      'Actions',
      1,
      'Parameters',
      'QueueId',
    ]);
  });
});
