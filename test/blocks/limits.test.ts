import type { KnownBlock, ModalView } from '@slack/types';
import { describe, expect, it } from 'vitest';
import {
  actionsBlocks,
  clip,
  confirmDialog,
  context,
  fitMessage,
  fitModal,
  joinLines,
  option,
  SLACK_LIMITS,
  section,
} from '../../blocks/limits.js';
import { checkMessage, checkModal } from './slackLimits.js';

describe('clip', () => {
  it('keeps text unchanged when it fits', () => {
    expect(clip('Main flow', 75)).toBe('Main flow');
  });

  it('ends in an ellipsis within the limit when the text is too long', () => {
    const clipped = clip('x'.repeat(100), 75);
    expect(clipped).toHaveLength(75);
    expect(clipped.endsWith('…')).toBe(true);
  });

  it('never splits a surrogate pair when the text has emoji', () => {
    const clipped = clip('😀'.repeat(50), 75);
    expect(clipped.length).toBeLessThanOrEqual(75);
    expect(clipped).toBe(`${'😀'.repeat(37)}…`);
  });

  it('drops a half-cut entity when escaped mrkdwn is cut', () => {
    expect(clip(`${'a'.repeat(8)}&amp;bbbb`, 12)).toBe(`${'a'.repeat(8)}…`);
  });

  it('returns a dash when the text is empty', () => {
    expect(clip('', 75)).toBe('-');
  });
});

describe('joinLines', () => {
  it('says how many lines were left out when they do not fit', () => {
    const lines = Array.from({ length: 200 }, (_, i) => `line ${i} ${'x'.repeat(40)}`);
    const joined = joinLines(lines, 3000, 'finding');
    expect(joined.length).toBeLessThanOrEqual(3000);
    expect(joined).toMatch(/… and \d+ more findings$/);
  });

  it('clips a single line too long for the limit', () => {
    expect(joinLines(['y'.repeat(5000)], 3000)).toHaveLength(3000);
  });
});

describe('fitMessage', () => {
  const many = (n: number): KnownBlock[] => Array.from({ length: n }, (_, i) => section(`part ${i}`));

  it('keeps 50 blocks with a note saying how many were left out when there are more', () => {
    const fitted = fitMessage({ text: 'report', blocks: many(80) }, { keepLast: 1 });
    expect(fitted.blocks).toHaveLength(SLACK_LIMITS.messageBlocks);
    expect(JSON.stringify(fitted.blocks.at(-2))).toContain('… and 31 more parts');
  });

  it('keeps the last blocks when asked to', () => {
    const fitted = fitMessage({ text: 'report', blocks: many(80) }, { keepLast: 1 });
    expect(fitted.blocks.at(-1)).toEqual(section('part 79'));
  });

  it('clips the fallback text to 40,000 characters when it is longer', () => {
    expect(fitMessage({ text: 'x'.repeat(50_000), blocks: [] }).text).toHaveLength(SLACK_LIMITS.messageText);
  });
});

describe('fitModal', () => {
  it('keeps 100 blocks and a 24-character title when the modal is oversized', () => {
    const view: ModalView = {
      type: 'modal',
      title: { type: 'plain_text', text: 'A title far longer than twenty-four' },
      blocks: Array.from({ length: 120 }, (_, i) => section(`b${i}`)),
    };
    const fitted = fitModal(view);
    expect(fitted.blocks).toHaveLength(SLACK_LIMITS.modalBlocks);
    expect(fitted.title.text).toHaveLength(SLACK_LIMITS.modalTitle);
    expect(checkModal(fitted)).toEqual([]);
  });
});

describe('actionsBlocks', () => {
  it('puts 25 elements in each block when there are more', () => {
    const buttons = Array.from({ length: 30 }, (_, i) => ({
      type: 'button' as const,
      action_id: `b:${i}`,
      text: { type: 'plain_text' as const, text: `B${i}` },
    }));
    expect(actionsBlocks(buttons).map((b) => b.elements.length)).toEqual([25, 5]);
  });
});

describe('checkMessage', () => {
  const long = (n: number): string => 'x'.repeat(n);
  const button = (over: Record<string, unknown>): KnownBlock =>
    ({
      type: 'actions',
      elements: [{ type: 'button', action_id: 'a', text: { type: 'plain_text', text: 'Go' }, ...over }],
    }) as KnownBlock;
  const select = (options: unknown[]): KnownBlock =>
    ({
      type: 'section',
      text: { type: 'mrkdwn', text: 'Pick' },
      accessory: { type: 'static_select', action_id: 's', options },
    }) as KnownBlock;
  const opt = (text: string, value: string) => ({ text: { type: 'plain_text', text }, value });

  it.each<[string, KnownBlock[], string]>([
    ['messageBlocks', Array.from({ length: 51 }, () => ({ type: 'divider' }) as KnownBlock), 'messageBlocks'],
    ['sectionText', [{ type: 'section', text: { type: 'mrkdwn', text: long(3001) } }], 'sectionText'],
    ['contextText', [{ type: 'context', elements: [{ type: 'mrkdwn', text: long(2001) }] }], 'contextText'],
    ['headerText', [{ type: 'header', text: { type: 'plain_text', text: long(151) } }], 'headerText'],
    ['blockId', [{ type: 'divider', block_id: long(256) }], 'blockId'],
    ['actionId', [button({ action_id: long(256) })], 'actionId'],
    ['buttonText', [button({ text: { type: 'plain_text', text: long(76) } })], 'buttonText'],
    ['buttonValue', [button({ value: long(2001) })], 'buttonValue'],
    ['optionText', [select([opt(long(76), 'v')])], 'optionText'],
    ['optionValue', [select([opt('t', long(151))])], 'optionValue'],
    [
      'staticSelectOptions',
      [select(Array.from({ length: 101 }, (_, i) => opt(`o${i}`, `v${i}`)))],
      'staticSelectOptions',
    ],
    [
      'actionsElements',
      [
        {
          type: 'actions',
          elements: Array.from({ length: 26 }, (_, i) => ({
            type: 'button',
            action_id: `b${i}`,
            text: { type: 'plain_text', text: 'B' },
          })),
        } as KnownBlock,
      ],
      'actionsElements',
    ],
    ['confirmText', [button({ confirm: { text: { type: 'plain_text', text: long(301) } } })], 'confirmText'],
    ['empty-text', [{ type: 'section', text: { type: 'mrkdwn', text: '' } }], 'empty-text'],
    [
      'duplicate-block-id',
      [
        { type: 'divider', block_id: 'x' },
        { type: 'divider', block_id: 'x' },
      ],
      'duplicate-block-id',
    ],
  ])('reports %s when it is exceeded', (_name, blocks, limit) => {
    expect(checkMessage({ text: 'fallback', blocks }).map((v) => v.limit)).toContain(limit);
  });

  it('reports the message text when it is over 40,000 characters', () => {
    expect(checkMessage({ text: long(40_001), blocks: [] }).map((v) => v.limit)).toEqual(['messageText']);
  });

  it('reports nothing when every part is built with the clipping helpers', () => {
    const blocks: KnownBlock[] = [
      section(long(5000)),
      context(long(5000)),
      {
        type: 'section',
        text: { type: 'mrkdwn', text: 'Pick' },
        accessory: { type: 'static_select', action_id: 's', options: [option(long(200), 'v')] },
      },
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            action_id: 'b',
            text: { type: 'plain_text', text: 'Go' },
            confirm: confirmDialog(long(200), long(500), long(50)),
          },
        ],
      },
    ];
    expect(checkMessage({ text: 'ok', blocks })).toEqual([]);
  });
});
