import { describe, expect, it } from 'vitest';
import { decideTargetAction } from '../../../core/bundle/targetAction.js';
import { catalog, resource } from '../resolve/builders.js';

const main = { name: 'Main', type: 'CONTACT_FLOW', sourceArn: null, sourceId: 'src-main' } as const;

describe('decideTargetAction', () => {
  it('reports type-mismatch when the remembered mapping points at a flow of another type', () => {
    const whisper = resource('flow', 'f-w', 'Whisper', { flowType: 'AGENT_WHISPER' });
    const target = catalog([whisper], { mappings: [{ kind: 'flow', source: 'src-main', target: 'f-w' }] });

    const decision = decideTargetAction(main, target);

    expect(decision.action).toEqual({ kind: 'create' });
    expect(decision.diagnostics.map((d) => d.code)).toEqual(['type-mismatch']);
  });

  it('updates a same-named flow of any type when the batch flow type is unknown', () => {
    const existing = resource('flow', 'f-main', 'Main', { flowType: 'CUSTOMER_QUEUE' });

    const decision = decideTargetAction({ ...main, type: null }, catalog([existing]));

    expect(decision.action).toEqual({ kind: 'update', arn: existing.arn, id: 'f-main' });
  });

  it('updates a flow inherited from a parent that shares the target instance', () => {
    const shared = resource('flow', 'f-main', 'Main', { flowType: 'CONTACT_FLOW' });

    const decision = decideTargetAction(main, catalog([], { parent: catalog([shared]) }));

    expect(decision.action).toEqual({ kind: 'update', arn: shared.arn, id: 'f-main' });
  });

  it('updates the same-named flow, not the module of that name, when the target has both', () => {
    const module = resource('module', 'm-greet', 'Greeting');
    const flow = resource('flow', 'f-greet', 'Greeting', { flowType: 'CONTACT_FLOW' });

    const decision = decideTargetAction({ ...main, name: 'Greeting' }, catalog([module, flow]));

    expect(decision).toEqual({ action: { kind: 'update', arn: flow.arn, id: 'f-greet' }, diagnostics: [] });
  });

  it('creates a module when the target has only a flow of its name', () => {
    const flow = resource('flow', 'f-greet', 'Greeting', { flowType: 'CONTACT_FLOW' });
    const module = { name: 'Greeting', type: 'MODULE', sourceArn: null, sourceId: null } as const;

    const decision = decideTargetAction(module, catalog([flow]));

    expect(decision).toEqual({ action: { kind: 'create' }, diagnostics: [] });
  });

  it('ignores a module mapping when deciding for a flow', () => {
    const module = resource('module', 'm-greet', 'Greeting');
    const target = catalog([module], {
      mappings: [{ kind: 'module', source: 'src-main', target: 'm-greet' }],
    });

    const decision = decideTargetAction(main, target);

    expect(decision).toEqual({ action: { kind: 'create' }, diagnostics: [] });
  });
});
