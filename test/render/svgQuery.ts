/**
 * Reads back what renderFlowSvg wrote, through the attributes it promises (`data-action`,
 * `data-status`, `data-from`…), so tests assert on structure rather than on exact markup.
 */

/** One drawn block. */
export interface DrawnBlock {
  readonly action: string;
  readonly status: string;
  readonly title: string;
  readonly label: string | null;
  readonly branches: readonly string[];
  readonly frame: { readonly x: number; readonly y: number; readonly width: number; readonly height: number };
  readonly stroke: string;
}

/** One drawn edge. */
export interface DrawnEdge {
  readonly from: string;
  readonly to: string;
  readonly branch: string;
  readonly missing: boolean;
}

const UNESCAPE: Readonly<Record<string, string>> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&apos;': "'",
};

/** Undoes XML escaping. */
export function unescapeXml(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos);/g, (e) => UNESCAPE[e] ?? e);
}

function attribute(tag: string, name: string): string | null {
  const match = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return match?.[1] === undefined ? null : unescapeXml(match[1]);
}

function texts(markup: string, className: string): string[] {
  const pattern = new RegExp(`<text class="${className}"[^>]*>([^<]*)</text>`, 'g');
  return [...markup.matchAll(pattern)].map((m) => unescapeXml(m[1] ?? ''));
}

/** Every block, in drawing order. */
export function drawnBlocks(svg: string): DrawnBlock[] {
  return [...svg.matchAll(/<g class="block"[^>]*>.*?<\/g>/gs)].map((m) => {
    const markup = m[0];
    const head = /^<g[^>]*>/.exec(markup)?.[0] ?? '';
    const frame = /<rect class="frame"[^>]*>/.exec(markup)?.[0] ?? '';
    const n = (name: string) => Number(attribute(frame, name));
    return {
      action: attribute(head, 'data-action') ?? '',
      status: attribute(head, 'data-status') ?? '',
      title: texts(markup, 'title')[0] ?? '',
      label: texts(markup, 'label')[0] ?? null,
      branches: texts(markup, 'branch'),
      frame: { x: n('x'), y: n('y'), width: n('width'), height: n('height') },
      stroke: attribute(frame, 'stroke') ?? '',
    };
  });
}

/** Every edge, the entry edge first. */
export function drawnEdges(svg: string): DrawnEdge[] {
  return [...svg.matchAll(/<path class="edge"[^>]*>/g)].map((m) => ({
    from: attribute(m[0], 'data-from') ?? '',
    to: attribute(m[0], 'data-to') ?? '',
    branch: attribute(m[0], 'data-branch') ?? '',
    missing: attribute(m[0], 'data-missing') === 'true',
  }));
}

/** Pairs of blocks whose frames overlap. */
export function overlappingPairs(blocks: readonly DrawnBlock[]): [string, string][] {
  const pairs: [string, string][] = [];
  blocks.forEach((p, i) => {
    for (const q of blocks.slice(i + 1)) {
      const a = p.frame;
      const b = q.frame;
      if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height) {
        pairs.push([p.action, q.action]);
      }
    }
  });
  return pairs;
}
