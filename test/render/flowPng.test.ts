import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import type { FlowContent } from '../../core/flow.js';
import { declaredSize, renderFlowPng, scaleFor } from '../../render/flowPng.js';
import { renderFlowSvg } from '../../render/flowSvg.js';
import { loadFixture } from '../fixtures.js';

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function pngSize(png: Uint8Array): { width: number; height: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** Sum of (255 - grey) over the pixels: more ink, larger number. */
function darkness(png: Uint8Array): number {
  const pixels = decode(png);
  let ink = 0;
  for (let i = 0; i < pixels.length; i += 4)
    ink += 255 - ((pixels[i] ?? 0) + (pixels[i + 1] ?? 0) + (pixels[i + 2] ?? 0)) / 3;
  return ink;
}

/** RGBA pixels of a PNG, by drawing it as an image inside an SVG of the same size. */
function decode(png: Uint8Array): Uint8Array {
  const { width, height } = pngSize(png);
  const href = `data:image/png;base64,${Buffer.from(png).toString('base64')}`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><image href="${href}" width="${width}" height="${height}"/></svg>`;
  return new Uint8Array(new Resvg(svg).render().pixels);
}

function textSvg(text: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"><text x="10" y="26" font-size="16">${text}</text></svg>`;
}

describe('renderFlowPng', () => {
  it('writes a PNG of the SVG size when the flow is small', () => {
    const svg = renderFlowSvg(loadFixture<FlowContent>('render/menu.json'), []);

    const png = renderFlowPng(svg);

    expect([...png.subarray(0, 8)]).toEqual(SIGNATURE);
    expect(png.byteLength).toBeGreaterThan(5_000);
    expect(pngSize(png).width).toBe(Number(/width="(\d+)"/.exec(svg)?.[1]));
  });

  it('draws the text with the shipped fonts when the SVG has text', () => {
    const blank = renderFlowPng(textSvg(''));

    const written = renderFlowPng(textSvg('Play prompt'));

    expect(darkness(written) - darkness(blank)).toBeGreaterThan(20_000);
  });

  it('draws text in a font family the machine does not have with the default font', () => {
    const svg = textSvg('Play prompt').replace('<text ', '<text font-family="No Such Font" ');

    expect(darkness(renderFlowPng(svg)) - darkness(renderFlowPng(textSvg('')))).toBeGreaterThan(20_000);
  });

  it('scales down to the width limit when the picture is wider', () => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="4000" height="1000"><rect width="4000" height="1000" fill="#888"/></svg>`;

    const png = renderFlowPng(svg, { maxWidth: 800 });

    expect(pngSize(png)).toEqual({ width: 800, height: 200 });
  });

  it('scales down to the width limit when the root declares only a viewBox', () => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4000 1000"><rect width="4000" height="1000" fill="#888"/></svg>`;

    const png = renderFlowPng(svg, { maxWidth: 800 });

    expect(pngSize(png)).toEqual({ width: 800, height: 200 });
  });

  it('caps the pixel count when the picture is huge', () => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="2000" height="20000"><rect width="2000" height="20000" fill="#888"/></svg>`;

    const { width, height } = pngSize(renderFlowPng(svg, { maxWidth: 2000, maxPixels: 1_000_000 }));

    expect(width * height).toBeLessThanOrEqual(1_000_000);
    expect(width * height).toBeGreaterThan(900_000);
  });

  it('throws when the input is not SVG', () => {
    expect(() => renderFlowPng('not svg')).toThrow();
  });
});

describe('scaleFor', () => {
  it.each([
    [1000, 500, 2000, 1e7, 1],
    [4000, 500, 2000, 1e7, 0.5],
    [2000, 2000, 2000, 1e6, 0.5],
    [100_000, 10, 1000, 1e7, 0.1],
  ])('zooms %i×%i by %d within width %i and %i pixels', (width, height, maxWidth, maxPixels, zoom) => {
    expect(scaleFor(width, height, maxWidth, maxPixels)).toBeCloseTo(zoom, 6);
  });
});

describe('declaredSize', () => {
  it.each([
    ['<svg width="300" height="200.5">', { width: 300, height: 200.5 }],
    ["<svg height='20px' width='10px'>", { width: 10, height: 20 }],
    ['<svg width="100%" height="200">', null],
    ['<svg viewBox="0 0 10 10">', null],
    ['<html></html>', null],
  ])('reads %s as %j', (root, size) => {
    expect(declaredSize(`${root}</svg>`)).toEqual(size);
  });
});
