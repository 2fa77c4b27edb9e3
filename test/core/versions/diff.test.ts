import { describe, expect, it } from 'vitest';
import type { FlowAction, FlowContent } from '../../../core/flow.js';
import type { JsonObject } from '../../../core/json.js';
import { diffFlows, isLayoutOnly } from '../../../core/versions/diff.js';
import { loadFixture } from '../../fixtures.js';

/** A mutable copy of the fixture, for tests that break one thing. */
type Editable = {
  StartAction: string;
  Metadata: { entryPointPosition: { x: number; y: number }; ActionMetadata: Record<string, JsonObject> };
  Actions: (FlowAction & { Parameters?: Record<string, unknown>; Transitions?: Record<string, unknown> })[];
  Settings?: JsonObject;
};

const OTHER_QUEUE =
  'arn:aws:connect:us-west-2:444455556666:instance/5e2d7c1b-0000-4000-8000-00000000bbbb/queue/2b3c4d5e-0000-4000-8000-000000000031';

function base(): Editable {
  return loadFixture<Editable>('versions/support-line.json');
}

function content(flow: Editable): FlowContent {
  return flow as unknown as FlowContent;
}

function action(flow: Editable, id: string): Editable['Actions'][number] {
  const found = flow.Actions.find((a) => a.Identifier === id);
  if (found === undefined) throw new Error(`no action ${id}`);
  return found;
}

function diffAfter(edit: (flow: Editable) => void, includeLayout = false) {
  const after = base();
  edit(after);
  return diffFlows(content(base()), content(after), { includeLayout });
}

describe('diffFlows', () => {
  it('finds nothing when the versions are equal', () => {
    const diff = diffFlows(content(base()), content(base()));
    expect(diff).toEqual({
      added: [],
      removed: [],
      changed: [],
      repointed: [],
      start: null,
      settingsChanged: false,
      layoutMoves: 0,
      moves: [],
    });
  });

  it('lists an added block when the newer version has a new Identifier', () => {
    const diff = diffAfter((flow) => {
      flow.Actions.push({
        Identifier: 'log',
        Type: 'UpdateFlowLoggingBehavior',
        Parameters: {},
        Transitions: {},
      });
    });
    expect(diff.added).toEqual([
      { action: 'log', type: 'UpdateFlowLoggingBehavior', block: 'Set logging behavior' },
    ]);
  });

  it('lists a removed block when the newer version lacks an Identifier', () => {
    const diff = diffAfter((flow) => {
      flow.Actions = flow.Actions.filter((a) => a.Identifier !== 'transfer');
    });
    expect(diff.removed.map((b) => b.action)).toEqual(['transfer']);
  });

  it('reports parameters changed when a message text changes', () => {
    const diff = diffAfter((flow) => {
      action(flow, 'greeting').Parameters = { Text: 'Welcome to Example Support.' };
    });
    expect(diff.changed).toEqual([
      {
        action: 'greeting',
        type: 'MessageParticipant',
        block: 'Play prompt',
        fromType: null,
        fields: ['parameters'],
      },
    ]);
  });

  it('reports transitions changed when a branch goes elsewhere', () => {
    const diff = diffAfter((flow) => {
      action(flow, 'greeting').Transitions = { NextAction: 'transfer' };
    });
    expect(diff.changed.map((c) => [c.action, c.fields])).toEqual([['greeting', ['transitions']]]);
  });

  it('reports the old type when a block changes type', () => {
    const diff = diffAfter((flow) => {
      const goodbye = action(flow, 'goodbye');
      Object.assign(goodbye, { Type: 'EndFlowExecution' });
    });
    expect(diff.changed).toEqual([
      expect.objectContaining({
        action: 'goodbye',
        type: 'EndFlowExecution',
        fromType: 'DisconnectParticipant',
        fields: ['type'],
      }),
    ]);
  });

  it('reports a re-pointed reference and not a parameter change when only the queue changes', () => {
    const diff = diffAfter((flow) => {
      action(flow, 'set-queue').Parameters = { QueueId: OTHER_QUEUE };
      flow.Metadata.ActionMetadata['set-queue'] = {
        position: { x: 400, y: 40 },
        queue: { id: OTHER_QUEUE, text: 'Tier 2 support' },
      };
    });
    expect(diff.changed).toEqual([]);
    expect(diff.repointed).toEqual([
      {
        kind: 'queue',
        action: 'set-queue',
        block: 'Set working queue',
        path: ['Parameters', 'QueueId'],
        from: expect.stringMatching(/queue\/7d1e2f3a-/),
        to: OTHER_QUEUE,
        fromName: 'Support',
        toName: 'Tier 2 support',
      },
    ]);
  });

  it('reports both when a block is re-pointed and also changed', () => {
    const diff = diffAfter((flow) => {
      action(flow, 'set-queue').Parameters = { QueueId: OTHER_QUEUE, Extra: 'x' };
    });
    expect(diff.changed.map((c) => [c.action, c.fields])).toEqual([['set-queue', ['parameters']]]);
    expect(diff.repointed.map((r) => r.action)).toEqual(['set-queue']);
  });

  it('counts layout-only moves without listing them when includeLayout is off', () => {
    const diff = diffAfter((flow) => {
      flow.Metadata.ActionMetadata.greeting = { position: { x: 500, y: 300 } };
      flow.Metadata.entryPointPosition = { x: 0, y: 0 };
    });
    expect([diff.layoutMoves, diff.moves, isLayoutOnly(diff)]).toEqual([2, [], true]);
  });

  it('lists layout-only moves when includeLayout is on', () => {
    const diff = diffAfter((flow) => {
      flow.Metadata.ActionMetadata.greeting = { position: { x: 500, y: 300 } };
    }, true);
    expect(diff.moves).toEqual([{ action: 'greeting', from: { x: 160, y: 40 }, to: { x: 500, y: 300 } }]);
  });

  it('does not count a move when the moved block also changed', () => {
    const diff = diffAfter((flow) => {
      flow.Metadata.ActionMetadata.greeting = { position: { x: 500, y: 300 } };
      action(flow, 'greeting').Parameters = { Text: 'Hello.' };
    });
    expect(diff.layoutMoves).toBe(0);
  });

  it('ignores key order when parameters hold the same values', () => {
    const diff = diffAfter((flow) => {
      const greeting = action(flow, 'greeting');
      greeting.Transitions = {
        Errors: [{ NextAction: 'goodbye', ErrorType: 'NoMatchingError' }],
        NextAction: 'set-queue',
      };
    });
    expect(isLayoutOnly(diff)).toBe(true);
  });

  it('reports the start block when StartAction changes', () => {
    const diff = diffAfter((flow) => {
      flow.StartAction = 'set-queue';
    });
    expect(diff.start).toEqual({ from: 'greeting', to: 'set-queue' });
  });

  it('reports settings changed when a module changes its inputs', () => {
    const diff = diffAfter((flow) => {
      flow.Settings = { InputParameters: [], OutputParameters: [], Transitions: [] };
    });
    expect(diff.settingsChanged).toBe(true);
  });

  it('keeps the newer version order when several blocks are added', () => {
    const diff = diffAfter((flow) => {
      flow.Actions.unshift({
        Identifier: 'b-first',
        Type: 'DisconnectParticipant',
        Parameters: {},
        Transitions: {},
      });
      flow.Actions.push({
        Identifier: 'a-last',
        Type: 'DisconnectParticipant',
        Parameters: {},
        Transitions: {},
      });
    });
    expect(diff.added.map((b) => b.action)).toEqual(['b-first', 'a-last']);
  });
});
