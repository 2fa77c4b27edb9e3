import { describe, expect, it } from 'vitest';
import { type BatchFlow, planBatch } from '../../../core/bundle/planBatch.js';
import type { FlowKind } from '../../../core/flowTypes.js';
import type { Reference } from '../../../core/references/types.js';
import { arnOf, catalog, flowRef, ref, resource, SOURCE_INSTANCE } from '../resolve/builders.js';

/** A batch flow named after its file, exported from the source instance with id `src-<name>`. */
function flow(name: string, type: FlowKind | null, references: readonly Reference[] = []): BatchFlow {
  const kind = type === 'MODULE' ? 'module' : 'flow';
  return {
    file: `${name}.json`,
    name,
    type,
    sourceArn: arnOf(kind, `src-${name}`, SOURCE_INSTANCE),
    sourceId: `src-${name}`,
    references,
  };
}

/** A Transfer to flow reference to the batch flow `name`. */
function transferTo(name: string): Reference {
  return flowRef(arnOf('flow', `src-${name}`, SOURCE_INSTANCE), name);
}

/** An Invoke module reference to the batch module `name`, by bare id as the designer writes it. */
function invoke(name: string): Reference {
  return ref({
    kind: 'module',
    actionType: 'InvokeFlowModule',
    path: ['Parameters', 'FlowModuleId'],
    value: `src-${name}`,
    valueKind: 'id',
    name,
  });
}

/** A Set event flow reference (customer queue hook) to the batch flow `name`. */
function queueHook(name: string): Reference {
  return flowRef(arnOf('flow', `src-${name}`, SOURCE_INSTANCE), name, {
    actionType: 'UpdateContactEventHooks',
    path: ['Parameters', 'EventHooks', 'CustomerQueue'],
    flowType: 'CUSTOMER_QUEUE',
  });
}

function codes(plan: ReturnType<typeof planBatch>, index: number): string[] {
  return (plan.flows[index]?.diagnostics ?? []).map((d) => `${d.severity}:${d.code}`);
}

describe('planBatch', () => {
  describe('order', () => {
    it('keeps input order when no flow references another', () => {
      const plan = planBatch(
        [flow('c', 'CONTACT_FLOW'), flow('b', 'CONTACT_FLOW'), flow('a', 'CONTACT_FLOW')],
        catalog([]),
      );

      expect(plan.order).toEqual(['c.json', 'b.json', 'a.json']);
    });

    it('puts modules first when they are listed after flows', () => {
      const plan = planBatch([flow('main', 'CONTACT_FLOW'), flow('auth', 'MODULE')], catalog([]));

      expect(plan.order).toEqual(['auth.json', 'main.json']);
    });

    it('puts an invoked module before the flow that invokes it', () => {
      const plan = planBatch(
        [
          flow('main', 'CONTACT_FLOW', [invoke('auth')]),
          flow('standalone', 'CONTACT_FLOW'),
          flow('auth', 'MODULE'),
        ],
        catalog([]),
      );

      expect(plan.order).toEqual(['auth.json', 'main.json', 'standalone.json']);
      expect(plan.flows[0]?.resolutions[0]?.by).toBe('bundle');
    });

    it('puts a transfer target before the flow that transfers', () => {
      const plan = planBatch(
        [flow('main', 'CONTACT_FLOW', [transferTo('billing')]), flow('billing', 'CONTACT_FLOW')],
        catalog([]),
      );

      expect(plan.order).toEqual(['billing.json', 'main.json']);
      expect(plan.flows[0]?.dependsOn).toEqual(['billing.json']);
    });

    it('makes a flow depend on the batch module it invokes, not on the batch flow of that name', () => {
      const greetingFlow = { ...flow('greeting', 'CONTACT_FLOW'), file: 'greeting-flow.json' };
      const plan = planBatch(
        [flow('main', 'CONTACT_FLOW', [invoke('greeting')]), greetingFlow, flow('greeting', 'MODULE')],
        catalog([]),
      );

      expect(plan.flows[0]?.dependsOn).toEqual(['greeting.json']);
      expect(plan.flows.flatMap((f) => f.diagnostics)).toEqual([]);
    });

    it('makes a flow depend on the batch flow it transfers to, not on the batch module of that name', () => {
      const greetingModule = { ...flow('greeting', 'MODULE'), file: 'greeting-module.json' };
      const plan = planBatch(
        [
          flow('main', 'CONTACT_FLOW', [transferTo('greeting')]),
          greetingModule,
          flow('greeting', 'CONTACT_FLOW'),
        ],
        catalog([]),
      );

      expect(plan.flows[0]?.dependsOn).toEqual(['greeting.json']);
      expect(plan.flows.flatMap((f) => f.diagnostics)).toEqual([]);
    });

    it('puts an event hook flow before the flow that sets it', () => {
      const plan = planBatch(
        [flow('main', 'CONTACT_FLOW', [queueHook('music')]), flow('music', 'CUSTOMER_QUEUE')],
        catalog([]),
      );

      expect(plan.order).toEqual(['music.json', 'main.json']);
    });

    it('orders a chain dependencies first when listed the other way round', () => {
      const plan = planBatch(
        [
          flow('a', 'CONTACT_FLOW', [transferTo('b')]),
          flow('b', 'CONTACT_FLOW', [transferTo('c')]),
          flow('c', 'CONTACT_FLOW'),
        ],
        catalog([]),
      );

      expect(plan.order).toEqual(['c.json', 'b.json', 'a.json']);
      expect(plan.cycles).toEqual([]);
    });

    it('depends on the batch flow that will update the target flow a reference found', () => {
      const existing = resource('flow', 'f-billing', 'billing', { flowType: 'CONTACT_FLOW' });
      const byTargetArn = flowRef(existing.arn, 'billing');

      const plan = planBatch(
        [flow('main', 'CONTACT_FLOW', [byTargetArn]), flow('billing', 'CONTACT_FLOW')],
        catalog([existing]),
      );

      expect(plan.flows[0]?.resolutions[0]?.by).toBe('arn');
      expect(plan.order).toEqual(['billing.json', 'main.json']);
    });
  });

  describe('cycles', () => {
    it('reports two flows that transfer to each other as one cycle', () => {
      const plan = planBatch(
        [flow('a', 'CONTACT_FLOW', [transferTo('b')]), flow('b', 'CONTACT_FLOW', [transferTo('a')])],
        catalog([]),
      );

      expect(plan.cycles).toEqual([['a.json', 'b.json']]);
      expect(plan.order).toEqual(['a.json', 'b.json']);
    });

    it('reports a three-flow loop as one cycle and keeps its dependants after it', () => {
      const plan = planBatch(
        [
          flow('entry', 'CONTACT_FLOW', [transferTo('b')]),
          flow('a', 'CONTACT_FLOW', [transferTo('b')]),
          flow('b', 'CONTACT_FLOW', [transferTo('c')]),
          flow('c', 'CONTACT_FLOW', [transferTo('a')]),
        ],
        catalog([]),
      );

      expect(plan.cycles).toEqual([['a.json', 'b.json', 'c.json']]);
      expect(plan.order).toEqual(['a.json', 'b.json', 'c.json', 'entry.json']);
    });

    it('reports a flow that transfers to itself as a cycle of one', () => {
      const plan = planBatch(
        [flow('retry', 'CONTACT_FLOW', [transferTo('retry')]), flow('other', 'CONTACT_FLOW')],
        catalog([]),
      );

      expect(plan.cycles).toEqual([['retry.json']]);
      expect(plan.order).toEqual(['retry.json', 'other.json']);
    });
  });

  describe('create vs update', () => {
    it('creates the flow when the target has nothing of that name', () => {
      const plan = planBatch([flow('main', 'CONTACT_FLOW')], catalog([]));

      expect(plan.flows[0]?.action).toEqual({ kind: 'create' });
    });

    it('updates the target flow of the same name and type', () => {
      const existing = resource('flow', 'f-main', 'main', { flowType: 'CONTACT_FLOW' });

      const plan = planBatch([flow('main', 'CONTACT_FLOW')], catalog([existing]));

      expect(plan.flows[0]?.action).toEqual({ kind: 'update', arn: existing.arn, id: 'f-main' });
    });

    it('updates the target module of the same name', () => {
      const existing = resource('module', 'm-auth', 'auth');

      const plan = planBatch([flow('auth', 'MODULE')], catalog([existing]));

      expect(plan.flows[0]?.action).toEqual({ kind: 'update', arn: existing.arn, id: 'm-auth' });
    });

    it('updates the remembered flow when a mapping names one, whatever its name', () => {
      const renamed = resource('flow', 'f-renamed', 'Main (EU)', { flowType: 'CONTACT_FLOW' });
      const target = catalog([renamed], {
        mappings: [{ kind: 'flow', source: 'src-main', target: 'f-renamed' }],
      });

      const plan = planBatch([flow('main', 'CONTACT_FLOW')], target);

      expect(plan.flows[0]?.action).toEqual({ kind: 'update', arn: renamed.arn, id: 'f-renamed' });
    });

    it('creates the flow when the same-named flow is inherited from another instance', () => {
      const otherInstance =
        'arn:aws:connect:eu-west-2:111122223333:instance/7d1e0c52-5b8a-4c61-9d0e-0000000000ff';
      const shared = resource('flow', 'f-main', 'main', { arn: arnOf('flow', 'f-main', otherInstance) });

      const plan = planBatch([flow('main', 'CONTACT_FLOW')], catalog([], { parent: catalog([shared]) }));

      expect(plan.flows[0]?.action).toEqual({ kind: 'create' });
    });

    it('reports type-mismatch when the target flow of that name has another type', () => {
      const existing = resource('flow', 'f-main', 'main', { flowType: 'CUSTOMER_QUEUE' });

      const plan = planBatch([flow('main', 'CONTACT_FLOW')], catalog([existing]));

      expect(codes(plan, 0)).toEqual(['error:type-mismatch']);
      expect(plan.flows[0]?.diagnostics[0]?.message).toContain(
        "flows of different types can't be imported into each other",
      );
    });

    it('creates a module, with no finding, when only a target flow has its name', () => {
      const existing = resource('flow', 'f-auth', 'auth', { flowType: 'CONTACT_FLOW' });

      const plan = planBatch([flow('auth', 'MODULE')], catalog([existing]));

      expect(plan.flows[0]?.action).toEqual({ kind: 'create' });
      expect(codes(plan, 0)).toEqual([]);
    });

    it('creates a flow, with no finding, when only a target module has its name', () => {
      const existing = resource('module', 'm-auth', 'auth');

      const plan = planBatch([flow('auth', 'CONTACT_FLOW')], catalog([existing]));

      expect(plan.flows[0]?.action).toEqual({ kind: 'create' });
      expect(codes(plan, 0)).toEqual([]);
    });

    it('reports ambiguous-target when the target has two flows of that name and type', () => {
      const target = catalog([resource('flow', 'f-1', 'main'), resource('flow', 'f-2', 'main')]);

      const plan = planBatch([flow('main', 'CONTACT_FLOW')], target);

      expect(codes(plan, 0)).toEqual(['error:ambiguous-target']);
    });

    it('reports duplicate-in-batch on both files when two batch flows share a name', () => {
      const twin = { ...flow('main', 'CONTACT_FLOW'), file: 'main-copy.json' };

      const plan = planBatch([flow('main', 'CONTACT_FLOW'), twin], catalog([]));

      expect([codes(plan, 0), codes(plan, 1)]).toEqual([
        ['error:duplicate-in-batch'],
        ['error:duplicate-in-batch'],
      ]);
    });
  });

  describe('diagnostics', () => {
    it('reports an error naming the block, kind, value and name when a required reference is unresolved', () => {
      const sourceQueue = arnOf('queue', 'q-src', SOURCE_INSTANCE);

      const plan = planBatch(
        [flow('main', 'CONTACT_FLOW', [ref({ value: sourceQueue, name: 'Sales' })])],
        catalog([]),
      );

      expect(plan.flows[0]?.diagnostics).toEqual([
        {
          severity: 'error',
          code: 'unresolved-reference',
          action: 'a1b2c3d4-0000-4000-8000-000000000001',
          block: 'Set working queue',
          message: `Set working queue block 'a1b2c3d4-0000-4000-8000-000000000001' uses queue 'Sales' (${sourceQueue}), which is not in prod.`,
          hint: "Pick a replacement or create queue 'Sales' in prod and plan again.",
        },
      ]);
    });

    it('reports a warning when an optional reference is unresolved', () => {
      const plan = planBatch([flow('main', 'CONTACT_FLOW', [ref({ required: false })])], catalog([]));

      expect(codes(plan, 0)).toEqual(['warning:unresolved-reference']);
    });

    it('says to import the flow first when it is neither in the batch nor in the target', () => {
      const plan = planBatch([flow('main', 'CONTACT_FLOW', [transferTo('Billing')])], catalog([]));

      const [diagnostic] = plan.flows[0]?.diagnostics ?? [];
      expect(diagnostic?.code).toBe('missing-dependency');
      expect(diagnostic?.message).toContain('import Billing first');
      expect(diagnostic?.hint).toContain("Import flow 'Billing' first");
    });

    it('names the value in the missing-dependency message when there is no display name', () => {
      const plan = planBatch(
        [
          flow(
            'main',
            'CONTACT_FLOW',
            [invoke('x')].map((r) => ({ ...r, name: null })),
          ),
        ],
        catalog([]),
      );

      expect(plan.flows[0]?.diagnostics[0]?.message).toContain('import src-x first');
    });

    it('reports flow-type-mismatch when a reference found a flow of another type', () => {
      const whisper = resource('flow', 'f-w', 'Whisper', { flowType: 'AGENT_WHISPER' });

      const plan = planBatch(
        [flow('main', 'CONTACT_FLOW', [flowRef(whisper.arn, 'Whisper')])],
        catalog([whisper]),
      );

      expect(codes(plan, 0)).toEqual(['error:flow-type-mismatch']);
    });

    it('reports nothing for a dynamic reference', () => {
      const plan = planBatch(
        [flow('main', 'CONTACT_FLOW', [ref({ value: '$.Attributes.queue', valueKind: 'dynamic' })])],
        catalog([]),
      );

      expect(plan.flows[0]?.diagnostics).toEqual([]);
      expect(plan.flows[0]?.resolutions[0]?.by).toBe('dynamic');
    });
  });
});
