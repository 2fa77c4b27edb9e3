import { describe, expect, it } from 'vitest';
import { analyzeFlow, planFlows } from '../../../core/pipeline.js';
import { Catalog } from '../../../core/resolve/catalog.js';
import { draftOf } from '../../../core/versions/draft.js';
import { sha256 } from '../../../core/versions/hash.js';
import { loadFixtureText } from '../../fixtures.js';

const EMPTY = new Catalog({
  name: 'test',
  instanceArn: 'arn:aws:connect:us-east-1:1:instance/x',
  resources: [],
  mappings: [],
});
const CONTEXT = {
  env: 'test',
  flowKey: 'flow:Support line',
  author: 'alice',
  createdAt: '2026-11-21T10:00:00.000Z',
  source: { channel: 'cli', ref: 'support-line.json' },
  original: 'as delivered',
  sourceHash: 'abc',
} as const;

function planned(text: string) {
  const [flow] = planFlows([analyzeFlow('support-line.json', text)], EMPTY).flows;
  if (flow === undefined) throw new Error('nothing planned');
  return flow;
}

describe('draftOf', () => {
  it('serializes the content compactly and hashes it when the flow is readable', () => {
    const draft = draftOf(planned(loadFixtureText('versions/support-line.json')), CONTEXT);
    expect(draft?.content.includes('\n')).toBe(false);
    expect(draft?.contentHash).toBe(sha256(draft?.content ?? ''));
    expect([draft?.name, draft?.type, draft?.format, draft?.restores]).toEqual([
      'Support line',
      'CONTACT_FLOW',
      'flow-language',
      null,
    ]);
  });

  it('returns null when the flow could not be read', () => {
    expect(draftOf(planned('not json'), CONTEXT)).toBeNull();
  });
});
