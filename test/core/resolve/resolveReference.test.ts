import { describe, expect, it } from 'vitest';
import type { FlowContent } from '../../../core/flow.js';
import { extractReferences } from '../../../core/references/extractReferences.js';
import type { Reference } from '../../../core/references/types.js';
import { BundleIndex, type BundleMember } from '../../../core/resolve/bundleIndex.js';
import type { RenameRule } from '../../../core/resolve/renameRules.js';
import { resolveReference, resolveReferenceDetail } from '../../../core/resolve/resolveReference.js';
import { loadFixture } from '../../fixtures.js';
import { arnOf, catalog, flowRef, ref, resource, SOURCE_INSTANCE } from './builders.js';

const SOURCE_QUEUE = arnOf('queue', 'q-src', SOURCE_INSTANCE);
const SOURCE_FLOW = arnOf('flow', 'f-src', SOURCE_INSTANCE);

function member(overrides: Partial<BundleMember> = {}): BundleMember {
  return {
    file: 'billing.json',
    name: 'Billing',
    type: 'CONTACT_FLOW',
    sourceArn: SOURCE_FLOW,
    sourceId: 'f-src',
    ...overrides,
  };
}

describe('resolveReference', () => {
  describe('dynamic', () => {
    it.each(['dynamic', 'placeholder'] as const)('leaves the value as is when it is %s', (valueKind) => {
      const target = catalog([resource('queue', 'q-1', 'Sales')]);

      const resolution = resolveReference(ref({ value: '$.Attributes.queue', valueKind }), target, null);

      expect(resolution).toEqual({ by: 'dynamic', target: null, inherited: false });
    });
  });

  describe('arn', () => {
    it('resolves by ARN when the exact ARN is in the target', () => {
      const sales = resource('queue', 'q-1', 'Sales');

      const resolution = resolveReference(ref({ value: sales.arn }), catalog([sales]), null);

      expect(resolution).toEqual({
        by: 'arn',
        target: { arn: sales.arn, id: 'q-1', name: 'Sales' },
        inherited: false,
      });
    });

    it('wins over a mapping when both would hit', () => {
      const sales = resource('queue', 'q-1', 'Sales');
      const other = resource('queue', 'q-2', 'Other');
      const target = catalog([sales, other], {
        mappings: [{ kind: 'queue', source: sales.arn, target: 'q-2' }],
      });

      expect(resolveReference(ref({ value: sales.arn }), target, null).by).toBe('arn');
    });

    it('falls through when the ARN is not in the target', () => {
      const sales = resource('queue', 'q-1', 'Sales');

      expect(resolveReference(ref({ value: SOURCE_QUEUE }), catalog([sales]), null).by).toBe('name');
    });
  });

  describe('mapping', () => {
    it('resolves by mapping when the source ARN was mapped', () => {
      const mapped = resource('queue', 'q-mapped', 'Sales EU');
      const target = catalog([mapped], {
        mappings: [{ kind: 'queue', source: SOURCE_QUEUE, target: mapped.arn }],
      });

      const resolution = resolveReference(ref({ value: SOURCE_QUEUE }), target, null);

      expect(resolution).toEqual({
        by: 'mapping',
        target: { arn: mapped.arn, id: 'q-mapped', name: 'Sales EU' },
        inherited: false,
      });
    });

    it('resolves by mapping when only the display name was mapped', () => {
      const mapped = resource('queue', 'q-mapped', 'Sales EU');
      const target = catalog([mapped], {
        mappings: [{ kind: 'queue', source: 'Sales', target: 'q-mapped' }],
      });

      expect(resolveReference(ref({ value: SOURCE_QUEUE }), target, null).by).toBe('mapping');
    });

    it('wins over an id match', () => {
      const sameId = resource('queue', 'q-src', 'Sales');
      const mapped = resource('queue', 'q-mapped', 'Sales EU');
      const target = catalog([sameId, mapped], {
        mappings: [{ kind: 'queue', source: 'q-src', target: 'q-mapped' }],
      });

      expect(resolveReference(ref({ value: SOURCE_QUEUE }), target, null).target?.id).toBe('q-mapped');
    });

    it('falls through when the mapping target is gone', () => {
      const sameId = resource('queue', 'q-src', 'Sales');
      const target = catalog([sameId], { mappings: [{ kind: 'queue', source: 'q-src', target: 'q-gone' }] });

      expect(resolveReference(ref({ value: SOURCE_QUEUE }), target, null).by).toBe('id');
    });
  });

  describe('id', () => {
    it('resolves by id when the id inside a foreign ARN exists in the target', () => {
      const sameId = resource('queue', 'q-src', 'Renamed');

      expect(resolveReference(ref({ value: SOURCE_QUEUE }), catalog([sameId]), null).by).toBe('id');
    });

    it('resolves by id when the value is a bare id', () => {
      const module = resource('module', 'm-1', 'Authenticate');
      const moduleRef = ref({
        kind: 'module',
        actionType: 'InvokeFlowModule',
        value: 'm-1',
        valueKind: 'id',
        name: null,
      });

      expect(resolveReference(moduleRef, catalog([module]), null).by).toBe('id');
    });

    it('marks the resolution inherited when the id is in the parent', () => {
      const shared = resource('queue', 'q-src', 'Shared sales');
      const child = catalog([], { parent: catalog([shared]) });

      expect(resolveReference(ref({ value: SOURCE_QUEUE }), child, null)).toMatchObject({
        by: 'id',
        inherited: true,
      });
    });

    it('wins over a name match', () => {
      const sameId = resource('queue', 'q-src', 'Renamed');
      const sameName = resource('queue', 'q-2', 'Sales');

      expect(
        resolveReference(ref({ value: SOURCE_QUEUE }), catalog([sameId, sameName]), null).target?.id,
      ).toBe('q-src');
    });

    it('wins over the batch when the flow id exists in the target', () => {
      const existing = resource('flow', 'f-src', 'Billing', { flowType: 'CONTACT_FLOW' });
      const bundle = new BundleIndex([member()]);

      expect(resolveReference(flowRef(SOURCE_FLOW, 'Billing'), catalog([existing]), bundle).by).toBe('id');
    });

    it('does not compare Lex alias ids alone, since every bot has TSTALIASID', () => {
      const otherBot = resource('lex-bot', 'TSTALIASID', 'OtherBot', {
        arn: 'arn:aws:lex:eu-west-2:111122223333:bot-alias/OTHERBOT01/TSTALIASID',
      });
      const lexRef = ref({
        kind: 'lex-bot',
        actionType: 'ConnectParticipantWithLexBot',
        value: 'arn:aws:lex:us-east-1:444455556666:bot-alias/ORDERBOT01/TSTALIASID',
        name: 'OrderBot',
      });

      expect(resolveReference(lexRef, catalog([otherBot]), null).by).toBe('unresolved');
    });
  });

  describe('bundle', () => {
    it('resolves to the batch flow with no ARN when the batch will create it', () => {
      const resolution = resolveReference(
        flowRef(SOURCE_FLOW, 'Billing'),
        catalog([]),
        new BundleIndex([member()]),
      );

      expect(resolution).toEqual({
        by: 'bundle',
        target: { arn: null, id: null, name: 'Billing' },
        inherited: false,
      });
    });

    it('carries the ARN the batch flow will update', () => {
      const existing = { arn: arnOf('flow', 'f-existing'), id: 'f-existing' };
      const bundle = new BundleIndex([member({ target: existing })]);

      expect(resolveReference(flowRef(SOURCE_FLOW, 'Billing'), catalog([]), bundle).target).toEqual({
        ...existing,
        name: 'Billing',
      });
    });

    it('wins over a target flow of the same name', () => {
      const sameName = resource('flow', 'f-other', 'Billing', { flowType: 'CONTACT_FLOW' });

      const detail = resolveReferenceDetail(
        flowRef(SOURCE_FLOW, 'Billing'),
        catalog([sameName]),
        new BundleIndex([member()]),
      );

      expect(detail.resolution.by).toBe('bundle');
      expect(detail.member?.file).toBe('billing.json');
    });

    it('falls through to the name when the batch flow has another type than the reference needs', () => {
      const sameName = resource('flow', 'f-other', 'Billing', { flowType: 'CUSTOMER_QUEUE' });
      const hookRef = flowRef(SOURCE_FLOW, 'Billing', { flowType: 'CUSTOMER_QUEUE' });

      expect(resolveReference(hookRef, catalog([sameName]), new BundleIndex([member()])).by).toBe('name');
    });
  });

  describe('name', () => {
    it('resolves by name when nothing else matched', () => {
      const sales = resource('queue', 'q-2', 'Sales');

      expect(resolveReference(ref({ value: SOURCE_QUEUE }), catalog([sales]), null)).toEqual({
        by: 'name',
        target: { arn: sales.arn, id: 'q-2', name: 'Sales' },
        inherited: false,
      });
    });

    it('resolves a legacy reference known only by name', () => {
      const sales = resource('queue', 'q-2', 'Sales');

      expect(resolveReference(ref({ value: '', valueKind: 'name' }), catalog([sales]), null).by).toBe('name');
    });

    it('matches a Lambda by the function name in a foreign ARN when there is no display name', () => {
      const fn = resource('lambda', 'lookup', 'lookup', {
        arn: 'arn:aws:lambda:eu-west-2:111122223333:function:lookup',
      });
      const lambdaRef = ref({
        kind: 'lambda',
        actionType: 'InvokeLambdaFunction',
        value: 'arn:aws:lambda:us-east-1:444455556666:function:lookup',
        name: null,
      });

      expect(resolveReference(lambdaRef, catalog([fn]), null).by).toBe('name');
    });

    it('only matches a flow of the type the reference needs', () => {
      const inbound = resource('flow', 'f-1', 'Queue music', { flowType: 'CONTACT_FLOW' });
      const hookRef = flowRef(SOURCE_FLOW, 'Queue music', { flowType: 'CUSTOMER_QUEUE' });

      expect(resolveReference(hookRef, catalog([inbound]), null).by).toBe('unresolved');
    });

    it('matches an untyped catalog flow for any type', () => {
      const untyped = resource('flow', 'f-1', 'Queue music');
      const hookRef = flowRef(SOURCE_FLOW, 'Queue music', { flowType: 'CUSTOMER_QUEUE' });

      expect(resolveReference(hookRef, catalog([untyped]), null).by).toBe('name');
    });

    it('leaves an ambiguous name unresolved', () => {
      const target = catalog([resource('queue', 'q-1', 'Sales'), resource('queue', 'q-2', 'Sales')]);

      expect(resolveReference(ref({ value: SOURCE_QUEUE }), target, null).by).toBe('unresolved');
    });
  });

  describe('rule', () => {
    const DEV_TO_PROD: RenameRule[] = [{ kind: 'lambda', from: 'dev-*', to: 'prod-*' }];
    const devLookup = ref({
      kind: 'lambda',
      actionType: 'InvokeLambdaFunction',
      path: ['Parameters', 'LambdaFunctionARN'],
      value: 'arn:aws:lambda:us-east-1:444455556666:function:dev-lookup',
      name: null,
    });
    const prodLookup = resource('lambda', 'prod-lookup', 'prod-lookup', {
      arn: 'arn:aws:lambda:eu-west-2:111122223333:function:prod-lookup',
    });

    it('resolves by rule when the renamed name is in the target', () => {
      const resolution = resolveReference(devLookup, catalog([prodLookup]), null, DEV_TO_PROD);

      expect(resolution).toEqual({
        by: 'rule',
        target: { arn: prodLookup.arn, id: 'prod-lookup', name: 'prod-lookup' },
        inherited: false,
        rule: { from: 'dev-*', to: 'prod-*' },
      });
    });

    it('leaves the exact name first when the target has both names', () => {
      const devInTarget = resource('lambda', 'dev-lookup', 'dev-lookup', {
        arn: 'arn:aws:lambda:eu-west-2:111122223333:function:dev-lookup',
      });

      const resolution = resolveReference(devLookup, catalog([prodLookup, devInTarget]), null, DEV_TO_PROD);

      expect(resolution.by).toBe('name');
      expect(resolution.target?.name).toBe('dev-lookup');
    });

    it('is unresolved without rules (a file whose source environment is not known)', () => {
      expect(resolveReference(devLookup, catalog([prodLookup]), null).by).toBe('unresolved');
    });

    it('tries the next rule when the first renaming is not in the target', () => {
      const rules: RenameRule[] = [
        { kind: 'queue', from: '*', to: '* (staging)' },
        { kind: 'queue', from: '*', to: '* (prod)' },
      ];
      const salesProd = resource('queue', 'q-9', 'Sales (prod)');

      const resolution = resolveReference(ref({ value: SOURCE_QUEUE }), catalog([salesProd]), null, rules);

      expect(resolution.by).toBe('rule');
      expect(resolution.rule).toEqual({ from: '*', to: '* (prod)' });
    });
  });

  describe('unresolved', () => {
    it('returns unresolved with no target when nothing matches', () => {
      const resolution = resolveReference(ref({ value: SOURCE_QUEUE }), catalog([]), null);

      expect(resolution).toEqual({ by: 'unresolved', target: null, inherited: false });
    });
  });
});

describe('resolveReference on a guide flow as AWS samples write it', () => {
  // Shaped like the AgentWorkspace guide of AWS's step-by-step guides: the Lambda's label is the
  // designer's placeholder text, the views are AWS-managed, the Lex V2 alias is named `prod`.
  const references = extractReferences(loadFixture<FlowContent>('references/agent-workspace-guide.json'));

  function referenceOf(kind: Reference['kind'], value: string): Reference {
    const found = references.find((r) => r.kind === kind && r.value === value);
    if (found === undefined) throw new Error(`no ${kind} reference ${value}`);
    return found;
  }

  it('finds the Lambda function named in the ARN when its label is "SELECT LAMBDA FUNCTION HERE"', () => {
    const fn = resource('lambda', 'AgentWorkspaceExampleLambda', 'AgentWorkspaceExampleLambda', {
      arn: 'arn:aws:lambda:eu-west-2:111122223333:function:AgentWorkspaceExampleLambda',
    });
    const lambdaRef = referenceOf(
      'lambda',
      'arn:aws:lambda:us-west-2:123456789012:function:AgentWorkspaceExampleLambda',
    );

    const resolution = resolveReference(lambdaRef, catalog([fn]), null);

    expect(resolution).toEqual({
      by: 'name',
      target: { arn: fn.arn, id: fn.id, name: 'AgentWorkspaceExampleLambda' },
      inherited: false,
    });
  });

  it('leaves the Lambda unresolved when only a function named like the label exists', () => {
    const labelled = resource('lambda', 'select', 'SELECT LAMBDA FUNCTION HERE', {
      arn: 'arn:aws:lambda:eu-west-2:111122223333:function:select',
    });
    const lambdaRef = referenceOf(
      'lambda',
      'arn:aws:lambda:us-west-2:123456789012:function:AgentWorkspaceExampleLambda',
    );

    expect(resolveReference(lambdaRef, catalog([labelled]), null).by).toBe('unresolved');
  });
});

describe('resolveReference of a Lex V2 alias', () => {
  const references = extractReferences(loadFixture<FlowContent>('references/agent-workspace-guide.json'));
  const lexRef = references.find((r) => r.kind === 'lex-bot');
  const alias = (botId: string, aliasId: string, name: string) =>
    resource('lex-bot', `${botId}/${aliasId}`, name, {
      arn: `arn:aws:lex:eu-west-2:111122223333:bot-alias/${botId}/${aliasId}`,
    });

  it('finds the alias of the same bot when several bots have an alias of that name', () => {
    if (lexRef === undefined) throw new Error('no Lex V2 reference in the fixture');
    const claims = alias('CLAIMSBOT1', 'PRODALIAS1', 'ClaimsBot/prod');
    const target = catalog([alias('OTHERBOT01', 'PRODALIAS2', 'OtherBot/prod'), claims]);

    const resolution = resolveReference(lexRef, target, null);

    expect(resolution).toEqual({
      by: 'name',
      target: { arn: claims.arn, id: claims.id, name: 'ClaimsBot/prod' },
      inherited: false,
    });
  });

  it('leaves the alias unresolved when only another bot has an alias of that name', () => {
    if (lexRef === undefined) throw new Error('no Lex V2 reference in the fixture');
    const target = catalog([alias('OTHERBOT01', 'PRODALIAS2', 'OtherBot/prod')]);

    expect(resolveReference(lexRef, target, null).by).toBe('unresolved');
  });

  it('does not match by the alias name alone when the flow does not name the bot', () => {
    const aliasOnly = ref({
      kind: 'lex-bot',
      actionType: 'ConnectParticipantWithLexBot',
      path: ['Parameters', 'LexV2Bot', 'AliasArn'],
      value: 'arn:aws:lex:us-west-2:123456789012:bot-alias/SRCBOT0001/SRCALIAS01',
      name: 'prod',
    });
    const target = catalog([alias('OTHERBOT01', 'PRODALIAS2', 'prod')]);

    expect(resolveReference(aliasOnly, target, null).by).toBe('unresolved');
  });
});
