import { describe, expect, it } from 'vitest';
import { mapBranches } from '../../../../core/formats/legacy/branchMapping.js';
import { type BranchTable, SUCCESS_ERROR } from '../../../../core/formats/legacy/converterTypes.js';
import type { LegacyBranch, LegacyModule } from '../../../../core/formats/legacy/legacySchema.js';

const IDS = new Set(['check', 'yes', 'no']);
const EVALUATE: BranchTable = {
  Evaluate: { slot: 'evaluate' },
  NoMatch: { slot: 'error', errorType: 'NoMatchingCondition' },
};

function moduleWith(branches: LegacyBranch[]): LegacyModule {
  return { id: 'check', type: 'CheckAttribute', branches, parameters: [], metadata: null };
}

describe('mapBranches', () => {
  it.each([
    ['Equals', 'Equals'],
    ['GreaterThan', 'NumberGreaterThan'],
    ['GreaterThanOrEqualTo', 'NumberGreaterOrEqualTo'],
    ['LessThan', 'NumberLessThan'],
    ['LessThanOrEqualTo', 'NumberLessOrEqualTo'],
    ['Contains', 'TextContains'],
    ['StartsWith', 'TextStartsWith'],
    ['EndsWith', 'TextEndsWith'],
  ])('maps conditionType %s to operator %s', (conditionType, operator) => {
    const module = moduleWith([
      { condition: 'Evaluate', conditionType, conditionValue: '5', transition: 'yes' },
    ]);

    const { transitions } = mapBranches(module, EVALUATE, IDS);

    expect(transitions.Conditions).toEqual([
      { NextAction: 'yes', Condition: { Operator: operator, Operands: ['5'] } },
    ]);
  });

  it('writes a numeric conditionValue as text', () => {
    const module = moduleWith([
      { condition: 'Evaluate', conditionType: 'Equals', conditionValue: 3, transition: 'yes' },
    ]);

    expect(mapBranches(module, EVALUATE, IDS).transitions.Conditions?.[0]?.Condition.Operands).toEqual(['3']);
  });

  it('reads an Evaluate branch without conditionType as Equals', () => {
    const module = moduleWith([{ condition: 'Evaluate', conditionValue: 'gold', transition: 'yes' }]);

    expect(mapBranches(module, EVALUATE, IDS).transitions.Conditions?.[0]?.Condition.Operator).toBe('Equals');
  });

  it('reports legacy-unknown-condition as an error when the conditionType is not known', () => {
    const module = moduleWith([
      { condition: 'Evaluate', conditionType: 'Between', conditionValue: 1, transition: 'yes' },
    ]);

    expect(mapBranches(module, EVALUATE, IDS).notes).toEqual([
      expect.objectContaining({ severity: 'error', code: 'legacy-unknown-condition' }),
    ]);
  });

  it('leaves a branch without transition unconnected and reports nothing', () => {
    const module = moduleWith([{ condition: 'NoMatch' }, { condition: 'NoMatch', transition: null }]);

    expect(mapBranches(module, EVALUATE, IDS)).toEqual({ transitions: {}, notes: [] });
  });

  it('reports legacy-unknown-branch as an error naming the branch when it leads somewhere', () => {
    const module = moduleWith([{ condition: 'Maybe', transition: 'no' }]);

    const { notes } = mapBranches(module, EVALUATE, IDS);

    expect(notes).toEqual([expect.objectContaining({ severity: 'error', code: 'legacy-unknown-branch' })]);
    expect(notes[0]?.message).toContain('"Maybe"');
  });

  it('reports an unknown branch as an error even when it is not connected', () => {
    const module = moduleWith([{ condition: 'Maybe' }]);

    expect(mapBranches(module, EVALUATE, IDS).notes[0]?.severity).toBe('error');
  });

  it('drops a branch pointing at no module with a legacy-dangling-transition warning', () => {
    const module = moduleWith([{ condition: 'NoMatch', transition: 'deleted-block' }]);

    const result = mapBranches(module, EVALUATE, IDS);

    expect(result.transitions).toEqual({});
    expect(result.notes).toEqual([
      expect.objectContaining({ severity: 'warning', code: 'legacy-dangling-transition' }),
    ]);
  });

  it('keeps the first of two Success branches and warns legacy-duplicate-branch', () => {
    const module = moduleWith([
      { condition: 'Success', transition: 'yes' },
      { condition: 'Success', transition: 'no' },
    ]);

    const result = mapBranches(module, SUCCESS_ERROR, IDS);

    expect(result.transitions).toEqual({ NextAction: 'yes' });
    expect(result.notes.map((n) => n.code)).toEqual(['legacy-duplicate-branch']);
  });

  it('does not take an Object prototype key for a known branch', () => {
    const module = moduleWith([{ condition: 'constructor', transition: 'yes' }]);

    expect(mapBranches(module, SUCCESS_ERROR, IDS).notes[0]?.code).toBe('legacy-unknown-branch');
  });

  it('repeats the Error target as NextAction when the block has no Success branch', () => {
    const module = moduleWith([{ condition: 'Error', transition: 'no' }]);

    expect(mapBranches(module, SUCCESS_ERROR, IDS).transitions).toEqual({
      NextAction: 'no',
      Errors: [{ NextAction: 'no', ErrorType: 'NoMatchingError' }],
    });
  });

  it('keeps the Success target as NextAction over the fallback', () => {
    const module = moduleWith([
      { condition: 'Error', transition: 'no' },
      { condition: 'Success', transition: 'yes' },
    ]);

    expect(mapBranches(module, SUCCESS_ERROR, IDS).transitions.NextAction).toBe('yes');
  });

  it('uses the first connected fallback branch in the given order', () => {
    const module = moduleWith([
      { condition: 'Evaluate', conditionValue: 'a', transition: 'yes' },
      { condition: 'NoMatch', transition: 'no' },
    ]);

    expect(mapBranches(module, EVALUATE, IDS, ['Missing', 'NoMatch']).transitions.NextAction).toBe('no');
  });

  it('writes no NextAction when no fallback branch is connected', () => {
    const module = moduleWith([
      { condition: 'Evaluate', conditionValue: 'a', transition: 'yes' },
      { condition: 'NoMatch' },
    ]);

    expect(mapBranches(module, EVALUATE, IDS, ['NoMatch']).transitions.NextAction).toBeUndefined();
  });
});
