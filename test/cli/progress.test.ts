import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import { progressLine } from '../../cli/progress.js';
import { captureIo } from './captureIo.js';

const root = join(import.meta.dirname, '..', '..');
const CLEAR = '\r\u001b[K';

/** A terminal as the progress writer sees stderr: what was written to it, in order. */
function fakeTerminal(isTTY = true, columns = 80) {
  const writes: string[] = [];
  return { stream: { isTTY, columns, write: (text: string) => writes.push(text) }, writes };
}

function clock() {
  let ms = 0;
  return { now: () => ms, advance: (by: number) => (ms += by) };
}

describe('progressLine', () => {
  it('redraws one line with the count and clears it at the end when stderr is a terminal', () => {
    const { stream, writes } = fakeTerminal();
    const time = clock();
    const progress = progressLine(stream, 'Importing', { now: time.now });

    time.advance(300);
    progress.update(120, 300);
    time.advance(100);
    progress.update(121, 300);
    progress.end();

    expect(writes).toEqual([`${CLEAR}Importing 120/300 …`, `${CLEAR}Importing 121/300 …`, CLEAR]);
  });

  it('draws nothing when the work ends before the delay', () => {
    const { stream, writes } = fakeTerminal();
    const time = clock();
    const progress = progressLine(stream, 'Importing', { now: time.now });

    time.advance(50);
    progress.update(4, 4);
    progress.end();

    expect(writes).toEqual([]);
  });

  it('draws nothing when stderr is piped', () => {
    const { stream, writes } = fakeTerminal(false);
    const time = clock();
    const progress = progressLine(stream, 'Importing', { now: time.now });

    time.advance(1000);
    progress.update(1, 300);
    progress.end();

    expect(writes).toEqual([]);
  });

  it('redraws at most once per interval, but always the last count', () => {
    const { stream, writes } = fakeTerminal();
    const time = clock();
    const progress = progressLine(stream, 'Reading', { now: time.now, delayMs: 0, intervalMs: 50 });

    for (let done = 1; done <= 300; done++) progress.update(done, 300);

    expect(writes).toEqual([`${CLEAR}Reading 1/300 …`, `${CLEAR}Reading 300/300 …`]);
  });

  it('cuts the line to the terminal width so it never wraps', () => {
    const { stream, writes } = fakeTerminal(true, 12);
    const progress = progressLine(stream, 'Importing', { delayMs: 0 });

    progress.update(120, 300);

    expect(writes).toEqual([`${CLEAR}Importing 1`]);
  });
});

describe('flowgate import on a terminal', () => {
  /** A folder of `count` flow files (the example Main IVR, each under its own name) with the flows it uses. */
  function manyFlows(count: number): { cwd: string; flows: string } {
    const dir = mkdtempSync(join(tmpdir(), 'flowgate-progress-'));
    cpSync(join(root, 'examples', 'flows'), join(dir, 'flows'), { recursive: true });
    const main = JSON.parse(readFileSync(join(root, 'examples', 'flows', 'main-ivr.json'), 'utf8'));
    for (let i = 4; i < count; i++) {
      const flow = { ...main, Metadata: { ...main.Metadata, name: `Main IVR ${i}` } };
      writeFileSync(join(dir, 'flows', `main-ivr-${i}.json`), JSON.stringify(flow));
    }
    return { cwd: dir, flows: join(dir, 'flows') };
  }

  it('shows "Importing n/total" while it stores, then clears it before the report', async () => {
    const { cwd, flows } = manyFlows(40);
    const { stream, writes } = fakeTerminal();
    const captured = captureIo(cwd);
    const io = { ...captured.io, terminal: stream };

    const code = await main(['import', flows, '--env', 'prod', '--as', 'alice'], io);

    expect([code, captured.err()]).toEqual([0, '']);
    expect(writes.at(-2)).toBe(`${CLEAR}Importing 40/40 …`);
    expect(writes.at(-1)).toBe(CLEAR);
    expect(writes.join('')).not.toContain('\n');
    expect(captured.out()).toContain('Main IVR 39');
  }, 120_000);

  it('shows no progress with --json', async () => {
    const { cwd, flows } = manyFlows(40);
    const { stream, writes } = fakeTerminal();
    const captured = captureIo(cwd);

    const code = await main(['import', flows, '--env', 'prod', '--as', 'alice', '--json'], {
      ...captured.io,
      terminal: stream,
    });

    expect([code, captured.err()]).toEqual([0, '']);
    expect(writes).toEqual([]);
    expect(JSON.parse(captured.out()).flows).toHaveLength(40);
  }, 120_000);
});
