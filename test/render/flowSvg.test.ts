import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { blockName } from '../../core/actions.js';
import type { Diagnostic } from '../../core/diagnostics.js';
import type { FlowAction, FlowContent } from '../../core/flow.js';
import { analyzeFlow } from '../../core/pipeline.js';
import { blockStatuses, renderFlowSvg } from '../../render/flowSvg.js';
import { corpusDir, corpusFiles, loadFixture } from '../fixtures.js';
import { drawnBlocks, drawnEdges, overlappingPairs } from './svgQuery.js';

const MENU = 'b0f1c2d3-0000-4000-8000-000000000001';
const QUEUE = 'b0f1c2d3-0000-4000-8000-000000000002';
const TRANSFER = 'b0f1c2d3-0000-4000-8000-000000000003';
const BYE = 'Say goodbye';

function menu(): FlowContent {
  return loadFixture<FlowContent>('render/menu.json');
}

function diagnostic(severity: Diagnostic['severity'], action: string | null): Diagnostic {
  return { severity, code: 'test-finding', action, block: null, message: 'a finding', hint: 'fix it' };
}

/** A flow of `n` actions, each branching to the next two, with no layout metadata. */
function bigFlow(n: number): FlowContent {
  const id = (i: number) => `a${String(i).padStart(7, '0')}-0000-4000-8000-000000000000`;
  const actions: FlowAction[] = Array.from({ length: n }, (_, i) => ({
    Identifier: id(i),
    Type: i === n - 1 ? 'DisconnectParticipant' : 'MessageParticipant',
    Parameters: { Text: `Step ${i}` },
    Transitions:
      i === n - 1
        ? {}
        : {
            NextAction: id(i + 1),
            Errors: [{ NextAction: id(Math.min(n - 1, i + 2)), ErrorType: 'NoMatchingError' }],
          },
  }));
  return { Version: '2019-10-30', StartAction: id(0), Actions: actions };
}

describe('renderFlowSvg', () => {
  it('draws one block per action titled with its block name when the flow has actions', () => {
    const content = menu();

    const blocks = drawnBlocks(renderFlowSvg(content, []));

    expect(blocks.map((b) => [b.action, b.title])).toEqual(
      content.Actions.map((a) => [a.Identifier, blockName(a.Type)]),
    );
  });

  it('labels blocks with the friendly id, the prompt text or the resource name when they have one', () => {
    const blocks = drawnBlocks(renderFlowSvg(menu(), []));

    expect(blocks.map((b) => b.label)).toEqual([
      'Press 1 for "Sales" & <Supp…',
      'Sales',
      null,
      'Say goodbye',
    ]);
  });

  it('outlines red exactly the blocks with errors and yellow those with only warnings', () => {
    const diagnostics = [
      diagnostic('warning', MENU),
      diagnostic('error', QUEUE),
      diagnostic('warning', QUEUE),
      diagnostic('warning', TRANSFER),
      diagnostic('error', null),
    ];

    const blocks = drawnBlocks(renderFlowSvg(menu(), diagnostics));

    expect(blocks.map((b) => [b.action, b.status, b.stroke])).toEqual([
      [MENU, 'warning', '#f2b600'],
      [QUEUE, 'error', '#d13212'],
      [TRANSFER, 'warning', '#f2b600'],
      [BYE, 'ok', '#aab7b8'],
    ]);
  });

  it('draws one labelled edge per transition when actions branch', () => {
    const edges = drawnEdges(renderFlowSvg(menu(), []));

    expect(edges.map((e) => `${e.from || 'entry'} -${e.branch}-> ${e.to}`)).toEqual([
      `entry -Start-> ${MENU}`,
      `${MENU} -= 1-> ${QUEUE}`,
      `${MENU} -= 2-> ${BYE}`,
      `${MENU} -Success-> ${BYE}`,
      `${MENU} -Timeout-> ${MENU}`,
      `${MENU} -Default-> ${BYE}`,
      `${MENU} -Error-> ${BYE}`,
      `${QUEUE} -Success-> ${TRANSFER}`,
      `${QUEUE} -Error-> ${BYE}`,
      `${TRANSFER} -Success-> ${BYE}`,
      `${TRANSFER} -At capacity-> ${BYE}`,
      `${TRANSFER} -Error-> ${BYE}`,
    ]);
  });

  it('lists the branch labels inside each block when actions branch', () => {
    const blocks = drawnBlocks(renderFlowSvg(menu(), []));

    expect(blocks[0]?.branches).toEqual(['= 1', '= 2', 'Success', 'Timeout', 'Default', 'Error']);
  });

  it('marks a branch as missing when its target is not in the flow', () => {
    const content = menu();
    const broken = { ...content, Actions: [...content.Actions.slice(0, 3)] };

    const edges = drawnEdges(renderFlowSvg(broken, []));

    expect(edges.filter((e) => e.missing).map((e) => e.to)).toEqual([BYE, BYE, BYE, BYE, BYE, BYE, BYE, BYE]);
  });

  it('escapes markup and quotes in text and ids when they hold them', () => {
    const content = menu();
    const odd = `Q"1' & <b>`;
    const renamed = JSON.parse(
      JSON.stringify(content).replaceAll(BYE, JSON.stringify(odd).slice(1, -1)),
    ) as FlowContent;

    const svg = renderFlowSvg(renamed, [diagnostic('error', odd)], { title: 'Sales & <Support>' });

    expect(svg).toContain('Press 1 for &quot;Sales&quot; &amp; &lt;Supp…');
    expect(svg).toContain(`data-action="Q&quot;1&apos; &amp; &lt;b&gt;"`);
    expect(svg).toContain('Sales &amp; &lt;Support&gt;');
    expect(svg).not.toContain('<b>');
    expect(drawnBlocks(svg)[3]?.action).toBe(odd);
  });

  it('writes XML an SVG parser accepts when texts hold control characters and lone surrogates', () => {
    const content = menu();
    const text = 'bell\u0007 half\uD800 end';
    const odd = {
      ...content,
      Actions: [{ ...content.Actions[0], Parameters: { Text: text } }],
    } as FlowContent;

    const svg = renderFlowSvg(odd, []);

    expect(() => new Resvg(svg)).not.toThrow();
  });

  it('uses the designer positions when the file has them', () => {
    const svg = renderFlowSvg(menu(), []);

    const [menuBlock, queueBlock] = drawnBlocks(svg);

    expect(svg).toContain('data-layout="designer"');
    expect((queueBlock?.frame.x ?? 0) - (menuBlock?.frame.x ?? 0)).toBe(460 - 180);
    expect((queueBlock?.frame.y ?? 0) - (menuBlock?.frame.y ?? 0)).toBe(20 - 40);
  });

  it.each([
    ['no metadata', (c: FlowContent): FlowContent => ({ ...c, Metadata: {} })],
    [
      'all positions at zero',
      (c: FlowContent): FlowContent =>
        JSON.parse(JSON.stringify(c).replace(/"x": ?\d+, ?"y": ?\d+/g, '"x":0,"y":0')) as FlowContent,
    ],
  ])('lays blocks out without overlaps when the file has %s', (_, strip) => {
    const svg = renderFlowSvg(strip(menu()), []);

    expect(svg).toContain('data-layout="auto"');
    expect(drawnBlocks(svg)).toHaveLength(4);
    expect(overlappingPairs(drawnBlocks(svg))).toEqual([]);
  });

  it('places blocks left to right by depth from the start when laying out', () => {
    const blocks = drawnBlocks(renderFlowSvg(menu(), [], { layout: 'auto' }));

    const x = new Map(blocks.map((b) => [b.action, b.frame.x]));

    expect((x.get(MENU) ?? 0) < (x.get(QUEUE) ?? 0)).toBe(true);
    expect(x.get(QUEUE)).toBe(x.get(BYE));
    expect((x.get(QUEUE) ?? 0) < (x.get(TRANSFER) ?? 0)).toBe(true);
  });

  it('draws every block of a 250-action flow without overlaps', () => {
    const content = bigFlow(250);

    const svg = renderFlowSvg(content, []);

    expect(drawnBlocks(svg)).toHaveLength(250);
    expect(drawnEdges(svg)).toHaveLength(1 + 249 * 2);
    expect(overlappingPairs(drawnBlocks(svg))).toEqual([]);
  });

  it('returns the same text when called twice with the same input', () => {
    expect(renderFlowSvg(menu(), [diagnostic('error', QUEUE)])).toBe(
      renderFlowSvg(menu(), [diagnostic('error', QUEUE)]),
    );
  });

  it('draws only the entry when the flow has no actions', () => {
    const svg = renderFlowSvg({ Version: '2019-10-30', StartAction: 'x', Actions: [] }, []);

    expect(drawnBlocks(svg)).toEqual([]);
    expect(drawnEdges(svg)).toEqual([{ from: '', to: 'x', branch: 'Start', missing: true }]);
  });

  it.each(corpusFiles())('draws %s with one block per action', (file) => {
    const analyzed = analyzeFlow(file, readFileSync(join(corpusDir ?? '', file)));
    const content = analyzed.flow?.content ?? { Version: '2019-10-30', StartAction: '', Actions: [] };

    const svg = renderFlowSvg(content, analyzed.diagnostics, { title: analyzed.name });

    expect(drawnBlocks(svg)).toHaveLength(content.Actions.length);
  });
});

describe('blockStatuses', () => {
  it('keeps error over warning whatever order the diagnostics come in', () => {
    const statuses = blockStatuses([
      diagnostic('error', 'a'),
      diagnostic('warning', 'a'),
      diagnostic('warning', 'b'),
    ]);

    expect([...statuses]).toEqual([
      ['a', 'error'],
      ['b', 'warning'],
    ]);
  });
});
