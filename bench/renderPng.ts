/**
 * Time to draw a flow for Slack: the SVG of the corpus flow with the most actions (ties: the
 * larger file), then its PNG, as the worker does after an import.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FlowContent } from '../core/flow.js';
import { type AnalyzedFlow, analyzeFlow } from '../core/pipeline.js';
import { renderFlowPng } from '../render/flowPng.js';
import { renderFlowSvg } from '../render/flowSvg.js';
import { generateFlow } from './generate.js';

/**
 * Median ms of SVG + PNG for the largest corpus flow; without a corpus (`null` or a folder with
 * no readable flow), for the generated 250-action flow instead.
 */
export function measureRenderPng(corpusDir: string | null, runs = 7): number {
  const flow = largestFlow(corpusDir) ?? analyzeFlow('generated-250.json', generateFlow(250, 1_000_000));
  const content: FlowContent | undefined = flow.flow?.content;
  if (content === undefined) return Number.NaN;
  const render = () => renderFlowPng(renderFlowSvg(content, flow.diagnostics, { title: flow.name }));
  render();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    render();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? Number.NaN;
}

function largestFlow(corpusDir: string | null): AnalyzedFlow | null {
  if (corpusDir === null) return null;
  let files: string[];
  try {
    files = readdirSync(corpusDir).filter((f) => f.endsWith('.json'));
  } catch {
    return null;
  }
  let best: { flow: AnalyzedFlow; bytes: number } | null = null;
  for (const file of files) {
    const bytes = readFileSync(join(corpusDir, file));
    const flow = analyzeFlow(file, bytes);
    if (flow.flow === null) continue;
    if (
      best === null ||
      flow.actions > best.flow.actions ||
      (flow.actions === best.flow.actions && bytes.byteLength > best.bytes)
    ) {
      best = { flow, bytes: bytes.byteLength };
    }
  }
  return best?.flow ?? null;
}
