import { describe, expect, it } from 'vitest';
import {
  applyRenameRule,
  describeRenameRule,
  type RenamePair,
  type RenameRule,
  renameRulesFor,
  renamesOf,
  wildcardCount,
} from '../../../core/resolve/renameRules.js';

const LAMBDA_RULE: RenameRule = { kind: 'lambda', from: 'dev-*', to: 'prod-*' };

describe('applyRenameRule', () => {
  it.each([
    [{ kind: 'lambda', from: 'dev-*', to: 'prod-*' }, 'dev-lookup', 'prod-lookup'],
    [{ kind: 'lambda', from: '*-dev', to: '*-prod' }, 'lookup-dev', 'lookup-prod'],
    [{ kind: 'lambda', from: '*', to: '* (prod)' }, 'Sales', 'Sales (prod)'],
    [{ kind: 'lambda', from: 'dev-*-*', to: 'prod-*-v2-*' }, 'dev-a-b-c', 'prod-a-v2-b-c'],
    [{ kind: 'lambda', from: 'Basic queue', to: 'Main queue' }, 'Basic queue', 'Main queue'],
    [{ kind: 'lambda', from: 'a.b*', to: 'x*' }, 'a.bc', 'xc'],
  ] as const)('renames by %j: %s → %s', (rule, name, expected) => {
    expect(applyRenameRule(rule, 'lambda', name)).toBe(expected);
  });

  it('renames nothing when the glob does not match the whole name', () => {
    expect(applyRenameRule(LAMBDA_RULE, 'lambda', 'my-dev-lookup')).toBeNull();
  });

  it('renames nothing when the rule is for another kind', () => {
    expect(applyRenameRule(LAMBDA_RULE, 'queue', 'dev-lookup')).toBeNull();
  });

  it('takes regular-expression characters in a glob as they are written', () => {
    expect(applyRenameRule({ kind: 'queue', from: 'a.b*', to: 'x*' }, 'queue', 'axbc')).toBeNull();
  });
});

describe('renamesOf', () => {
  it('tries every matching rule in order and skips one that gives the name back', () => {
    const rules: RenameRule[] = [
      { kind: 'queue', from: '*', to: '*' },
      { kind: 'queue', from: 'Sales*', to: 'Sales (prod)*' },
      { kind: 'queue', from: '*', to: '* (prod)' },
    ];

    expect(renamesOf(rules, 'queue', 'Sales').map((r) => r.name)).toEqual(['Sales (prod)', 'Sales (prod)']);
  });
});

describe('renameRulesFor', () => {
  const pairs: RenamePair[] = [{ from: 'test', to: 'prod', rules: [LAMBDA_RULE] }];

  it('gives the rules of the source → target pair', () => {
    expect(renameRulesFor(pairs, 'test', 'prod')).toEqual([LAMBDA_RULE]);
  });

  it('gives none the other way round, or when the source is not known', () => {
    expect(renameRulesFor(pairs, 'prod', 'test')).toEqual([]);
    expect(renameRulesFor(pairs, null, 'prod')).toEqual([]);
  });
});

describe('wildcardCount', () => {
  it('counts the stars of a pattern', () => {
    expect([wildcardCount('prod'), wildcardCount('dev-*'), wildcardCount('*-*')]).toEqual([0, 1, 2]);
  });
});

describe('describeRenameRule', () => {
  it('shows a rule as from → to', () => {
    expect(describeRenameRule(LAMBDA_RULE)).toBe('dev-* → prod-*');
  });
});
