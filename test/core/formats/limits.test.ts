import { describe, expect, it } from 'vitest';
import type { FlowContent } from '../../../core/flow.js';
import { checkLimits, MAX_CONTENT_CHARS } from '../../../core/formats/limits.js';
import { generateFlow } from './generatedFlow.js';

function flow(actions: number, textLength = 10): FlowContent {
  return generateFlow({ actions, textLength }) as unknown as FlowContent;
}

describe('checkLimits', () => {
  it('finds nothing for a small flow', () => {
    expect(checkLimits(flow(20))).toEqual([]);
  });

  it('reports too-many-actions without the designer warning over 250 actions', () => {
    expect(checkLimits(flow(300)).map((d) => [d.severity, d.code])).toEqual([['error', 'too-many-actions']]);
  });

  it('warns designer-block-limit from 100 actions', () => {
    expect(checkLimits(flow(100)).map((d) => [d.severity, d.code])).toEqual([
      ['warning', 'designer-block-limit'],
    ]);
  });

  it('reports the exact size when a flow near the limit is measured', () => {
    const content = flow(2);
    const [first] = content.Actions;
    const big = {
      ...content,
      Actions: [
        { ...first, Identifier: 'x', Type: 'Wait', Parameters: { Text: '\n'.repeat(MAX_CONTENT_CHARS / 2) } },
      ],
    };
    const chars = JSON.stringify(big).length;

    const [diagnostic] = checkLimits(big as FlowContent);

    expect(diagnostic?.code).toBe('content-too-large');
    expect(diagnostic?.message).toContain(`is ${chars.toLocaleString('en-US')} characters`);
  });

  it('trusts a short source text without measuring the content', () => {
    const big = flow(50, 6000);

    expect(checkLimits(big, 1000)).toEqual([]);
    expect(checkLimits(big).map((d) => d.code)).toEqual(['content-too-large']);
  });
});
