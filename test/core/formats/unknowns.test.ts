import { describe, expect, it } from 'vitest';
import type { FlowContent } from '../../../core/flow.js';
import { findUnknowns } from '../../../core/formats/unknowns.js';

function doc(extra: object, action: object = {}): FlowContent {
  return {
    Version: '2019-10-30',
    StartAction: 'a',
    Actions: [{ Identifier: 'a', Type: 'MessageParticipant', Parameters: {}, Transitions: {}, ...action }],
    ...extra,
  } as FlowContent;
}

describe('findUnknowns', () => {
  it('finds nothing in a flow of known types and fields', () => {
    expect(findUnknowns(doc({ Metadata: {}, Settings: {} }))).toEqual([]);
  });

  it('names the unknown type and its action', () => {
    expect(findUnknowns(doc({}, { Type: 'FutureBlock' }))).toEqual([
      expect.objectContaining({
        code: 'unknown-action-type',
        action: 'a',
        block: 'FutureBlock',
        severity: 'warning',
      }),
    ]);
  });

  it.each([
    ['document', doc({ Extra: 1 }), null, '"Extra"'],
    ['action', doc({}, { Extra: 1 }), 'a', '"Extra"'],
    ['transitions', doc({}, { Transitions: { Extra: 1 } }), 'a', '"Transitions.Extra"'],
  ])('names an unknown %s field', (_label, content, action, field) => {
    const [diagnostic] = findUnknowns(content);

    expect(diagnostic).toMatchObject({ code: 'unknown-field', action });
    expect(diagnostic?.message).toContain(field);
  });
});
