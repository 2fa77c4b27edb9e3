/**
 * `npm run bench [-- --json]`: speed of the import pipeline, as ratios against JSON.parse of the
 * same bytes measured in the same run (so a slow machine does not move the verdict), and the
 * time to plan a 500-flow batch against a 10,000-resource catalog. Never run by `npm test`.
 *
 * The script is bundled with esbuild first, as a Lambda would be: measuring through tsx would
 * also measure its on-the-fly transform (which wraps every closure to keep its name).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeFlow, planFlows } from '../core/pipeline.js';
import { Catalog } from '../core/resolve/catalog.js';
import { measureCli } from './cli.js';
import { generateCatalog, generateFlow } from './generate.js';
import { measureImportStore } from './importStore.js';
import { measurePromote } from './promote.js';
import { measurePublishCalls } from './publishCalls.js';
import { measureRenderPng } from './renderPng.js';
import { measureS3Import } from './s3Import.js';
import { measureSlackAck, measureSlackBundle } from './slack.js';

interface Input {
  readonly file: string;
  readonly text: string;
}

const json = process.argv.includes('--json');
const log = (line: string) => {
  if (!json) process.stdout.write(`${line}\n`);
};

/** Median wall time in ms of `fn` over `runs` runs, after `warmup` unmeasured runs. */
function measure(fn: () => void, runs: number, warmup = 20): number {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(timed(fn));
  return median(times);
}

/**
 * Medians of `a` and `b` timed in alternation, so a GC pause or a busy neighbour lands on both
 * sides of a ratio rather than on one.
 */
function measurePair(a: () => void, b: () => void, runs: number, warmup = 20): [number, number] {
  for (let i = 0; i < warmup; i++) {
    a();
    b();
  }
  const as: number[] = [];
  const bs: number[] = [];
  for (let i = 0; i < runs; i++) {
    as.push(timed(a));
    bs.push(timed(b));
  }
  return [median(as), median(bs)];
}

function timed(fn: () => void): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function megabytes(inputs: readonly Input[]): number {
  return inputs.reduce((n, i) => n + Buffer.byteLength(i.text), 0) / (1024 * 1024);
}

/** The whole pipeline on each input: parse, convert, validate, trace, resolve, re-target. */
function pipeline(inputs: readonly Input[], catalog: Catalog): void {
  for (const input of inputs) planFlows([analyzeFlow(input.file, input.text)], catalog);
}

function baseline(inputs: readonly Input[]): void {
  for (const input of inputs) JSON.parse(input.text);
}

function corpusInputs(): Input[] {
  // npm runs scripts from the package root (the bundle itself is in .bench/out/).
  const dir = join(process.cwd(), '..', 'shared', 'corpus', 'public');
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => ({ file: f, text: readFileSync(join(dir, f), 'utf8') }));
  } catch {
    return [];
  }
}

function pipelineFigures(label: string, inputs: readonly Input[], catalog: Catalog, runs: number) {
  const mb = megabytes(inputs);
  const [pipeMs, parseMs] = measurePair(
    () => pipeline(inputs, catalog),
    () => baseline(inputs),
    runs,
  );
  const figures = { msPerMb: pipeMs / mb, ratio: pipeMs / parseMs };
  log(
    `${label.padEnd(28)} ${mb.toFixed(2)} MB  pipeline ${figures.msPerMb.toFixed(1)} ms/MB  JSON.parse ${(parseMs / mb).toFixed(1)} ms/MB  ratio ${figures.ratio.toFixed(2)}x`,
  );
  return figures;
}

const catalog = new Catalog(generateCatalog(10_000));
const big: Input = { file: 'generated-250.json', text: generateFlow(250, 1_000_000) };
log(`generated flow: 250 actions, ${(Buffer.byteLength(big.text) / 1e6).toFixed(2)} MB`);

const corpus = corpusInputs();
const corpusFigures =
  corpus.length > 0 ? pipelineFigures(`corpus (${corpus.length} files)`, corpus, catalog, 30) : null;
if (corpus.length === 0) log('corpus: ../shared/corpus/public not found, skipped');
// Where the corpus time goes: containers cost a second parse of their Content string (which the
// JSON.parse baseline reads as one string), and legacy files a conversion.
const byFormat = new Map<string, Input[]>();
for (const input of corpus) {
  const format = analyzeFlow(input.file, input.text).format ?? 'unreadable';
  byFormat.set(format, [...(byFormat.get(format) ?? []), input]);
}
for (const [format, inputs] of byFormat)
  pipelineFigures(`  ${format} (${inputs.length})`, inputs, catalog, 30);
const bigFigures = pipelineFigures('generated 250-action flow', [big], catalog, 60);

const batchTexts = Array.from({ length: 500 }, (_, i) => ({
  file: `flow-${i}.json`,
  text: generateFlow(30, 20_000, i + 2),
}));
const analyzed = batchTexts.map((t) => analyzeFlow(t.file, t.text));
const batchMs = measure(() => planFlows(analyzed, catalog), 5, 1);
const analyzeMs = measure(
  () => {
    for (const t of batchTexts) analyzeFlow(t.file, t.text);
  },
  5,
  1,
);
log(
  `500-flow batch vs 10,000 resources: plan ${batchMs.toFixed(0)} ms (target < 1000), reading+validating ${analyzeMs.toFixed(0)} ms`,
);

const importStore = await measureImportStore(join(process.cwd(), 'examples'));
log(
  `import into the local stack (dynalite): p50 ${importStore.p50.toFixed(1)} ms, p99 ${importStore.p99.toFixed(1)} ms`,
);

const publishCalls = await measurePublishCalls();
log(
  `Connect calls per flow on a 100-flow publish (mocked Connect): new ${publishCalls.connect_calls_per_new_flow}, updated ${publishCalls.connect_calls_per_updated_flow}, unchanged ${publishCalls.connect_calls_per_unchanged_flow} (targets ≤ 1.1 changed, 0 unchanged)`,
);

const promote = await measurePromote();
log(
  `promote 300 flows at Connect's rate (fake Connect, 2/s burst 5, simulated clock): ${promote.promote_simulated_seconds} s for ${promote.promote_calls} calls = ${promote.promote_300_vs_rate_bound}x the rate bound (target ≤ 1.10), ${promote.promote_calls_per_flow} calls per flow, ${promote.promote_throttled} throttled, ${promote.promote_failed} failed (targets 0)`,
);

const ack = await measureSlackAck();
const bundle = await measureSlackBundle(process.cwd());
log(
  `Slack: ack p50 ${ack.p50.toFixed(1)} ms, p99 ${ack.p99.toFixed(1)} ms (target < 100); handler cold init ${bundle.coldInitMs.toFixed(0)} ms (target < 200); bundle ${(bundle.bytes / 1024 / 1024).toFixed(2)} MB (target < 2)`,
);

const s3ImportMs = await measureS3Import(join(process.cwd(), 'examples'));
log(`S3 drop into the local stack (put → event → import stored): p50 ${s3ImportMs.toFixed(1)} ms`);

const corpusDirectory = join(process.cwd(), '..', 'shared', 'corpus', 'public');
const renderPngMs = measureRenderPng(corpus.length > 0 ? corpusDirectory : null);
log(`picture of the largest flow (SVG + PNG): ${renderPngMs.toFixed(0)} ms`);

const cli = await measureCli(process.cwd());
log(
  `flowgate command (whole processes, built): --help ${cli.helpVsNode.toFixed(2)}x and validate ${cli.validateVsNode.toFixed(2)}x node -e 0 (${cli.nodeMs.toFixed(0)} ms; targets ≤ 2x); versions ${cli.versionsMs.toFixed(0)} ms, beside npm start ${cli.versionsAttachedMs.toFixed(0)} ms (target ≤ 1000)`,
);

// The headline figures: the worse of the two inputs, so neither can hide behind the other.
const worst = corpusFigures !== null && corpusFigures.ratio > bigFigures.ratio ? corpusFigures : bigFigures;
const result = {
  pipeline_ms_per_mb: Number(worst.msPerMb.toFixed(2)),
  pipeline_vs_json_parse: Number(worst.ratio.toFixed(2)),
  batch500_plan_ms: Number(batchMs.toFixed(1)),
  import_store_p50_ms: Number(importStore.p50.toFixed(1)),
  import_store_p99_ms: Number(importStore.p99.toFixed(1)),
  connect_calls_per_changed_flow: publishCalls.connect_calls_per_changed_flow,
  connect_calls_per_unchanged_flow: publishCalls.connect_calls_per_unchanged_flow,
  promote_300_vs_rate_bound: promote.promote_300_vs_rate_bound,
  promote_calls_per_flow: promote.promote_calls_per_flow,
  promote_throttled: promote.promote_throttled,
  promote_failed: promote.promote_failed,
  slack_ack_p50_ms: Number(ack.p50.toFixed(2)),
  slack_ack_p99_ms: Number(ack.p99.toFixed(2)),
  slack_handler_cold_init_ms: Number(bundle.coldInitMs.toFixed(1)),
  slack_bundle_bytes: bundle.bytes,
  render_png_ms: Number(renderPngMs.toFixed(1)),
  s3_import_p50_ms: Number(s3ImportMs.toFixed(1)),
  cli_help_vs_node_startup: Number(cli.helpVsNode.toFixed(2)),
  cli_validate_vs_node_startup: Number(cli.validateVsNode.toFixed(2)),
  cli_versions_ms: Number(cli.versionsMs.toFixed(1)),
  cli_versions_with_npm_start_ms: Number(cli.versionsAttachedMs.toFixed(1)),
  generated_ms_per_mb: Number(bigFigures.msPerMb.toFixed(2)),
  generated_vs_json_parse: Number(bigFigures.ratio.toFixed(2)),
  ...(corpusFigures === null
    ? {}
    : {
        corpus_ms_per_mb: Number(corpusFigures.msPerMb.toFixed(2)),
        corpus_vs_json_parse: Number(corpusFigures.ratio.toFixed(2)),
      }),
};
if (json) process.stdout.write(`${JSON.stringify(result)}\n`);
else
  log(
    `\ntargets: pipeline within 3x of JSON.parse (${result.pipeline_vs_json_parse}x), 500-flow batch under 1 s (${result.batch500_plan_ms} ms)`,
  );
