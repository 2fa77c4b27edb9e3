import { describe, expect, it } from 'vitest';
import type { FlowAction, FlowContent } from '../../core/flow.js';
import type { JsonObject } from '../../core/json.js';
import { actionBranches } from '../../render/labels.js';
import { BLOCK_WIDTH, blockHeight, type FlowLayout, layoutFlow } from '../../render/layout.js';

function chain(ids: readonly string[], metadata?: JsonObject): FlowContent {
  const actions: FlowAction[] = ids.map((id, i) => ({
    Identifier: id,
    Type: 'MessageParticipant',
    Parameters: {},
    Transitions: ids[i + 1] === undefined ? {} : { NextAction: ids[i + 1] ?? '' },
  }));
  return {
    Version: '2019-10-30',
    StartAction: ids[0] ?? '',
    Actions: actions,
    ...(metadata === undefined ? {} : { Metadata: metadata }),
  };
}

function layout(content: FlowContent, options: Parameters<typeof layoutFlow>[2] = {}): FlowLayout {
  return layoutFlow(
    content,
    content.Actions.map((a) => actionBranches(a)),
    options,
  );
}

describe('layoutFlow', () => {
  it.each<[string, JsonObject]>([
    [
      'lower-case keys',
      {
        entryPointPosition: { x: 5, y: 6 },
        ActionMetadata: { a: { position: { x: 100, y: 50 } }, b: { position: { x: 400, y: 80 } } },
      },
    ],
    [
      'the documentation casing',
      {
        EntryPointPosition: { X: 5, Y: 6 },
        ActionMetadata: { a: { Position: { X: 100, Y: 50 } }, b: { Position: { X: 400, Y: 80 } } },
      },
    ],
    [
      'numbers written as strings',
      {
        entryPointPosition: { x: '5', y: '6' },
        ActionMetadata: { a: { position: { x: '100', y: '50' } }, b: { position: { x: '400', y: '80' } } },
      },
    ],
  ])('uses the designer positions when they are written with %s', (_, metadata) => {
    const result = layout(chain(['a', 'b'], metadata));

    expect(result.source).toBe('designer');
    expect(result.blocks.map((b) => [b.x, b.y])).toEqual([
      [100, 50],
      [400, 80],
    ]);
    expect([result.entry.x, result.entry.y]).toEqual([5, 6]);
  });

  it('stacks blocks without a position to the right of the others when only some have one', () => {
    const result = layout(
      chain(['a', 'b', 'c'], {
        ActionMetadata: { a: { position: { x: 100, y: 50 } }, c: { position: { x: 300, y: 90 } } },
      }),
    );

    expect(result.blocks[1]).toMatchObject({ x: 300 + BLOCK_WIDTH + 60, y: 50 });
  });

  it('places the entry left of the start block when the file has no entry position', () => {
    const result = layout(
      chain(['a', 'b'], {
        ActionMetadata: { a: { position: { x: 300, y: 70 } }, b: { position: { x: 600, y: 70 } } },
      }),
    );

    expect(result.entry.x + result.entry.width < 300).toBe(true);
    expect(result.entry.y).toBe(70);
  });

  it('ignores the positions when asked for the automatic layout', () => {
    const result = layout(chain(['a', 'b'], { ActionMetadata: { a: { position: { x: 100, y: 50 } } } }), {
      layout: 'auto',
    });

    expect(result.source).toBe('auto');
  });

  it.each([
    ['no metadata', undefined],
    ['positions that are not numbers', { ActionMetadata: { a: { position: { x: 'left', y: null } } } }],
    [
      'every block at one spot',
      { ActionMetadata: { a: { position: { x: 9, y: 9 } }, b: { position: { x: 9, y: 9 } } } },
    ],
  ])('falls back to the automatic layout when the file has %s', (_, metadata) => {
    expect(layout(chain(['a', 'b', 'c'], metadata)).source).toBe('auto');
  });

  it('puts each block one column further than its BFS depth from the start when laying out', () => {
    const content: FlowContent = {
      Version: '2019-10-30',
      StartAction: 's',
      Actions: [
        { Identifier: 'far', Type: 'DisconnectParticipant', Transitions: {} },
        {
          Identifier: 's',
          Type: 'Compare',
          Transitions: { NextAction: 'near', Errors: [{ NextAction: 'far', ErrorType: 'NoMatchingError' }] },
        },
        { Identifier: 'near', Type: 'Wait', Transitions: { NextAction: 'far' } },
        { Identifier: 'orphan', Type: 'Wait', Transitions: {} },
      ],
    };

    const result = layout(content);
    const [far, s, near, orphan] = result.blocks;

    expect(s?.x).toBe(orphan?.x);
    expect(near?.x).toBe(far?.x);
    expect((s?.x ?? 0) < (near?.x ?? 0)).toBe(true);
    expect([s?.y, near?.y, far?.y]).toEqual([0, 0, blockHeight(1) + 30]);
    expect(orphan?.y).toBe(blockHeight(2) + 30);
  });
});
