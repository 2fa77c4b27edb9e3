import { createRequire } from 'node:module';
import { Resvg, type ResvgRenderOptions } from '@resvg/resvg-js';

/** Options of {@link renderFlowPng}. */
export interface RenderPngOptions {
  /** Wider pictures are scaled down to this width (Slack shows previews about this size). */
  readonly maxWidth?: number;
  /** Pictures with more pixels than this are scaled down further, so huge flows stay uploadable. */
  readonly maxPixels?: number;
}

const DEFAULT_MAX_WIDTH = 2000;
const DEFAULT_MAX_PIXELS = 12_000_000;

let fontFiles: readonly string[] | null = null;

/**
 * The fonts shipped with flowgate. Resolved on first use, not at import, so a module that only
 * imports this file pays nothing; system fonts are never read, so every machine (a Lambda has
 * none) draws the same letters.
 */
function shippedFonts(): string[] {
  if (fontFiles === null) {
    const require = createRequire(import.meta.url);
    fontFiles = [
      require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
      require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
    ];
  }
  return [...fontFiles];
}

/**
 * An SVG (as {@link renderFlowSvg} draws it) as PNG bytes, without a browser. Drawn at its own
 * size, or scaled down to `maxWidth` and to at most `maxPixels`; on white, with the shipped
 * DejaVu fonts only. Throws when `svg` is not SVG.
 */
export function renderFlowPng(svg: string, options: RenderPngOptions = {}): Uint8Array {
  const maxWidth = options.maxWidth ?? DEFAULT_MAX_WIDTH;
  const maxPixels = options.maxPixels ?? DEFAULT_MAX_PIXELS;
  const base: ResvgRenderOptions = {
    background: '#ffffff',
    font: { loadSystemFonts: false, fontFiles: shippedFonts(), defaultFontFamily: 'DejaVu Sans' },
    logLevel: 'off',
  };
  const size = declaredSize(svg);
  if (size !== null) {
    const zoom = scaleFor(size.width, size.height, maxWidth, maxPixels);
    return draw(
      new Resvg(svg, { ...base, fitTo: zoom === 1 ? { mode: 'original' } : { mode: 'zoom', value: zoom } }),
    );
  }
  // No plain size on the root: only resvg knows it, and learning it costs a second parse (text
  // shaping makes parsing the expensive part: about half a millisecond per text element).
  const original = new Resvg(svg, { ...base, fitTo: { mode: 'original' } });
  const zoom = scaleFor(original.width, original.height, maxWidth, maxPixels);
  return draw(zoom === 1 ? original : new Resvg(svg, { ...base, fitTo: { mode: 'zoom', value: zoom } }));
}

function draw(renderer: Resvg): Uint8Array {
  return new Uint8Array(renderer.render().asPng());
}

/** The root element's `width` and `height` when both are plain numbers (or pixels), else `null`. */
export function declaredSize(svg: string): { width: number; height: number } | null {
  const root = /<svg\b[^>]*>/.exec(svg)?.[0];
  if (root === undefined) return null;
  const width = pixels(root, 'width');
  const height = pixels(root, 'height');
  return width === null || height === null ? null : { width, height };
}

function pixels(tag: string, name: string): number | null {
  const match = new RegExp(`\\s${name}\\s*=\\s*["']\\s*([0-9]*\\.?[0-9]+)\\s*(px)?\\s*["']`).exec(tag);
  const value = Number(match?.[1]);
  return match === null || !Number.isFinite(value) || value <= 0 ? null : value;
}

/** The zoom (at most 1) that keeps a `width`×`height` picture within both limits and at least 1 px. */
export function scaleFor(width: number, height: number, maxWidth: number, maxPixels: number): number {
  if (width <= 0 || height <= 0) return 1;
  const zoom = Math.min(1, maxWidth / width, Math.sqrt(maxPixels / (width * height)));
  return Math.max(zoom, 1 / Math.min(width, height));
}
