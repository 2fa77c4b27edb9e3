import { describe, expect, it } from 'vitest';
import { flowContentSchema } from '../../../core/formats/schemas.js';
import { describeIssue, describeValue, flowIssueDiagnostic } from '../../../core/formats/zodIssues.js';

function firstIssue(doc: unknown) {
  const result = flowContentSchema.safeParse(doc);
  const issue = result.error?.issues[0];
  if (issue === undefined) throw new Error('expected an issue');
  return issue;
}

describe('describeValue', () => {
  it.each([
    [null, 'null'],
    [[1], 'an array'],
    [{}, 'an object'],
    [7, '7'],
    [false, 'false'],
    ['x'.repeat(50), `"${'x'.repeat(40)}…"`],
  ])('describes %j as %s', (value, text) => {
    expect(describeValue(value)).toBe(text);
  });
});

describe('describeIssue', () => {
  it('says a missing field is missing', () => {
    const doc = { Version: '2019-10-30', Actions: [] };

    expect(describeIssue(firstIssue(doc), doc)).toBe('StartAction: missing (expected a string)');
  });

  it('says what was found instead', () => {
    const doc = { Version: '2019-10-30', StartAction: ['a'], Actions: [] };

    expect(describeIssue(firstIssue(doc), doc)).toBe('StartAction: expected a string, found an array');
  });
});

describe('flowIssueDiagnostic', () => {
  it('names the action and block of an issue inside Actions[i]', () => {
    const doc = {
      Version: '2019-10-30',
      StartAction: 'p',
      Actions: [{ Identifier: 'p', Type: 'MessageParticipant', Transitions: { NextAction: 5 } }],
    };

    expect(flowIssueDiagnostic(firstIssue(doc), doc)).toMatchObject({
      action: 'p',
      block: 'Play prompt',
      message: 'Actions[0].Transitions.NextAction: expected a string, found 5 (in the Play prompt block "p")',
    });
  });

  it('leaves action and block null when the action has neither', () => {
    const doc = { Version: '2019-10-30', StartAction: 'p', Actions: [7] };

    expect(flowIssueDiagnostic(firstIssue(doc), doc)).toMatchObject({ action: null, block: null });
  });
});
