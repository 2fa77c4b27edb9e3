/**
 * Checks a function's zip can draw a picture from its own files: resvg's native binding and the
 * DejaVu fonts load from the zip's `node_modules/` alone, as they must in Lambda (which has no
 * fonts and none of this repository). Run by `npm run package` for every function that ships
 * them, so a file missing from the shipped list fails CI instead of a Slack report.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { unzipSync } from 'fflate';

/** Draws a word with the zip's resvg and fonts; prints the PNG's size. */
const PROBE = `
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const { Resvg } = require('@resvg/resvg-js');
const fontFiles = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((f) => require.resolve('dejavu-fonts-ttf/ttf/' + f));
const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><text x="4" y="28" font-size="20">Menú</text></svg>';
const resvg = new Resvg(svg, { font: { loadSystemFonts: false, fontFiles, defaultFontFamily: 'DejaVu Sans' } });
const image = resvg.render();
const pixels = image.pixels;
let inked = 0;
for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) inked++;
if (inked === 0) throw new Error('the text drew no pixels: the fonts did not load');
process.stdout.write(String(image.asPng().length));
`;

/** Null when the zip draws; otherwise what went wrong. */
export function shippedProblem(zipPath: string): string | null {
  const dir = mkdtempSync(join(tmpdir(), 'flowgate-shipped-'));
  try {
    for (const [path, bytes] of Object.entries(unzipSync(readFileSync(zipPath)))) {
      if (path.endsWith('/')) continue;
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), bytes);
    }
    writeFileSync(join(dir, 'probe.mjs'), PROBE);
    const run = spawnSync(process.execPath, ['probe.mjs'], { cwd: dir, encoding: 'utf8' });
    if (run.status === 0) return null;
    const error = run.stderr.split('\n').find((line) => /^\w*Error\b/.test(line)) ?? run.stderr.trim();
    return `${zipPath} cannot draw a picture from its own files: ${error}`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
