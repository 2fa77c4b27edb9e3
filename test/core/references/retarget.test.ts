import { describe, expect, it } from 'vitest';
import { FlowgateError } from '../../../core/errors.js';
import type { FlowContent } from '../../../core/flow.js';
import { getAt } from '../../../core/json.js';
import { extractReferences } from '../../../core/references/extractReferences.js';
import { referenceSites } from '../../../core/references/referenceSites.js';
import { type Rewrite, retarget } from '../../../core/references/retarget.js';
import type { Reference } from '../../../core/references/types.js';
import { loadFixture } from '../../fixtures.js';
import { deepFreeze, diffPaths } from './structuralDiff.js';

const TARGET_INSTANCE =
  'arn:aws:connect:us-west-2:444455556666:instance/5e2d7c1b-9a4f-4f3e-8b6d-2c1a0f9e8d77';
const META = ['Metadata', 'ActionMetadata'];

function load(fixture: string): FlowContent {
  return loadFixture<FlowContent>(`references/${fixture}`);
}

function referenceOf(content: FlowContent, action: string): Reference {
  const found = extractReferences(content).find((r) => r.action === action);
  if (found === undefined) throw new Error(`no reference in ${action}`);
  return found;
}

/** A made-up target for any reference: a Connect ARN in the target instance, or a Lambda/Lex ARN. */
function fakeTarget(reference: Reference, n: number): Rewrite['target'] {
  const id = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  return { arn: `${TARGET_INSTANCE}/${reference.kind}/${id}`, id, name: `target ${n}` };
}

function retargetAll(content: FlowContent): FlowContent {
  return retarget(
    content,
    extractReferences(content).map((reference, n) => ({ reference, target: fakeTarget(reference, n) })),
  );
}

describe('retarget', () => {
  it('rewrites the parameter, its id copies and its name copies when a queue is re-targeted', () => {
    const content = load('classic-metadata.json');
    const target = {
      arn: `${TARGET_INSTANCE}/queue/58303e88-4f23-42e2-beca-76d5291bb34d`,
      id: '58303e88',
      name: 'Sales EU',
    };

    const out = retarget(content, [{ reference: referenceOf(content, 'set-queue'), target }]);

    expect([
      getAt(out, ['Actions', 0, 'Parameters', 'QueueId']),
      getAt(out, [...META, 'set-queue', 'queue', 'id']),
      getAt(out, [...META, 'set-queue', 'queue', 'text']),
    ]).toEqual([target.arn, target.arn, 'Sales EU']);
  });

  it('changes nothing outside the reference sites when every reference is re-targeted', () => {
    const content = load('designer-metadata.json');

    const changed = diffPaths(content, retargetAll(content)).map((p) => JSON.stringify(p));

    const sites = new Set(referenceSites(content).map((p) => JSON.stringify(p)));
    expect(changed.filter((p) => !sites.has(p))).toEqual([]);
    expect(changed.length).toBeGreaterThan(0);
  });

  it.each([
    ['classic-metadata.json'],
    ['designer-metadata.json'],
    ['every-kind.json'],
    ['attribute-arns.json'],
    ['odd-metadata.json'],
    ['legacy-converted.json'],
  ])('leaves the input untouched when %s is deep-frozen', (fixture) => {
    const content = deepFreeze(load(fixture));

    const out = retargetAll(content);

    expect(content).toEqual(load(fixture));
    expect(out).not.toBe(content);
  });

  it('keeps a bare module id as an id when the source was an id', () => {
    const content = load('classic-metadata.json');
    const target = { arn: `${TARGET_INSTANCE}/flow-module/7a1f`, id: '7a1f', name: 'Authenticate caller' };

    const out = retarget(content, [{ reference: referenceOf(content, 'auth'), target }]);

    expect(getAt(out, ['Actions', 6, 'Parameters', 'FlowModuleId'])).toBe('7a1f');
  });

  it('writes the ARN when the source was an ARN', () => {
    const content = load('designer-metadata.json');
    const target = { arn: `${TARGET_INSTANCE}/flow-module/7a1f`, id: '7a1f', name: 'Authenticate caller' };

    const out = retarget(content, [{ reference: referenceOf(content, 'module'), target }]);

    expect(getAt(out, ['Actions', 7, 'Parameters', 'FlowModuleId'])).toBe(target.arn);
  });

  it('writes the ARN into the value and its empty copy when the source was only a name', () => {
    const content = load('legacy-converted.json');
    const target = { arn: `${TARGET_INSTANCE}/queue/1b2c`, id: '1b2c', name: 'BasicQueue' };

    const out = retarget(content, [{ reference: referenceOf(content, 'set-queue'), target }]);

    expect([
      getAt(out, ['Actions', 0, 'Parameters', 'QueueId']),
      getAt(out, [...META, 'set-queue', 'queue', 'id']),
    ]).toEqual([target.arn, target.arn]);
  });

  it('falls back to the id when the target has no ARN', () => {
    const content = load('classic-metadata.json');
    const target = { arn: null, id: 'lookup-account-eu', name: 'lookup-account-eu' };

    const out = retarget(content, [{ reference: referenceOf(content, 'lookup'), target }]);

    expect(getAt(out, ['Actions', 5, 'Parameters', 'LambdaFunctionARN'])).toBe('lookup-account-eu');
  });

  it('falls back to the ARN when the source was an id and the target has no id', () => {
    const content = load('classic-metadata.json');
    const target = { arn: `${TARGET_INSTANCE}/flow-module/7a1f`, id: null, name: 'Authenticate caller' };

    const out = retarget(content, [{ reference: referenceOf(content, 'auth'), target }]);

    expect(getAt(out, ['Actions', 6, 'Parameters', 'FlowModuleId'])).toBe(target.arn);
  });

  it('rewrites a loop prompt and its audio copy at the same index', () => {
    const content = load('classic-metadata.json');
    const target = { arn: `${TARGET_INSTANCE}/prompt/9c9c`, id: '9c9c', name: 'Hold music EU.wav' };

    const out = retarget(content, [{ reference: referenceOf(content, 'loop-hold'), target }]);

    expect(getAt(out, [...META, 'loop-hold', 'audio', 1, 'prompt'])).toEqual({
      id: target.arn,
      text: target.name,
    });
  });

  describe('Lex V1 bots', () => {
    const content = load('legacy-converted.json');
    const reference = referenceOf(content, 'lex');

    it('rewrites the name and keeps region and alias when the target has no Lex V1 ARN', () => {
      const out = retarget(content, [{ reference, target: { arn: null, id: null, name: 'OrderBotEU' } }]);

      expect(getAt(out, ['Actions', 3, 'Parameters', 'LexBot'])).toEqual({
        Name: 'OrderBotEU',
        Region: 'us-east-1',
        Alias: 'prod',
      });
    });

    it('takes region and alias from the target ARN when it names them', () => {
      const target = {
        arn: 'arn:aws:lex:eu-west-2:444455556666:bot:OrderBotEU:live',
        id: null,
        name: 'OrderBotEU',
      };

      const out = retarget(content, [{ reference, target }]);

      expect(getAt(out, ['Actions', 3, 'Parameters', 'LexBot'])).toEqual({
        Name: 'OrderBotEU',
        Region: 'eu-west-2',
        Alias: 'live',
      });
    });
  });

  it('shares untouched actions and metadata with the input', () => {
    const content = load('classic-metadata.json');
    const target = { arn: `${TARGET_INSTANCE}/queue/1b2c`, id: '1b2c', name: 'Sales EU' };

    const out = retarget(content, [{ reference: referenceOf(content, 'set-queue'), target }]);

    expect([
      out.Actions[1] === content.Actions[1],
      getAt(out, [...META, 'bye']) === getAt(content, [...META, 'bye']),
    ]).toEqual([true, true]);
  });

  it('returns an equal new document when there is nothing to rewrite', () => {
    const content = load('classic-metadata.json');

    const out = retarget(content, []);

    expect([out === content, out]).toEqual([false, content]);
  });

  it('throws retarget-stale-reference when the reference came from another flow', () => {
    const other = load('designer-metadata.json');
    const reference = referenceOf(other, 'lambda');

    const attempt = () =>
      retarget(load('classic-metadata.json'), [{ reference, target: { arn: 'x', id: 'x', name: 'x' } }]);

    expect(attempt).toThrow(expect.objectContaining({ code: 'retarget-stale-reference' }));
  });

  it('throws retarget-missing-target when the target has neither ARN nor id', () => {
    const content = load('classic-metadata.json');
    const reference = referenceOf(content, 'set-queue');

    const attempt = () => retarget(content, [{ reference, target: { arn: null, id: null, name: 'Sales' } }]);

    expect(attempt).toThrow(FlowgateError);
  });
});
