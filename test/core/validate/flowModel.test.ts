import { describe, expect, it } from 'vitest';
import { buildFlowModel } from '../../../core/validate/flowModel.js';
import { actionOf, flowFixture } from './flowFixtures.js';

describe('buildFlowModel', () => {
  it('lists edges of every kind in order: NextAction, Conditions, Errors', () => {
    const flow = flowFixture('inbound');

    const node = buildFlowModel(flow).byId.get('check-vip');

    expect(node?.edges.map((e) => [e.kind, e.target, e.where])).toEqual([
      ['next', 'main-menu', 'NextAction'],
      ['condition', 'set-support-queue', 'Conditions[0]'],
      ['error', 'main-menu', 'Errors[NoMatchingCondition]'],
    ]);
  });

  it('indexes the first action when two share an identifier', () => {
    const flow = flowFixture('inbound');
    actionOf(flow, 'operator').Identifier = 'greeting';

    const node = buildFlowModel(flow).byId.get('greeting');

    expect(node?.type).toBe('MessageParticipant');
  });

  it('treats missing Parameters and Transitions as empty', () => {
    const model = buildFlowModel({
      StartAction: 'a',
      Actions: [{ Identifier: 'a', Type: 'DisconnectParticipant' }],
    });

    expect(model.nodes[0]).toMatchObject({ parameters: {}, edges: [], hasNext: false, conditionCount: 0 });
  });

  it('returns an empty model when the content is not an object', () => {
    expect(buildFlowModel(null)).toMatchObject({ start: null, nodes: [] });
  });
});
