/**
 * `flowgate catalog` on the embedded local default: the catalog of a live environment (its parent's
 * beside it) lets `flowgate plan --catalog` resolve offline exactly as the environment resolves.
 */
import { cpSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import { openRuntime } from '../../cli/runtime.js';
import { analyzeFlow, planFlows } from '../../core/pipeline.js';
import { planReport } from '../../core/report.js';
import { loadTarget } from '../../core/service/loadTarget.js';
import { exampleFlowFiles } from '../fakes/serviceKit.js';
import { captureIo } from './captureIo.js';

const root = join(import.meta.dirname, '..', '..');

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'flowgate-catalog-'));
  cpSync(join(root, 'examples', 'flows'), join(dir, 'flows'), { recursive: true });
  cpSync(join(root, 'examples', 'instances'), join(dir, 'instances'), { recursive: true });
  writeFileSync(
    join(dir, 'flowgate.yml'),
    [
      'environments:',
      '  shared:',
      '    local: { seed: instances/shared.json }',
      '  prod:',
      '    local: { seed: instances/prod.json }',
      '    parent: shared',
      'roles:',
      '  viewers: [victor]',
      '',
    ].join('\n'),
  );
  return dir;
}

describe('flowgate catalog', () => {
  it('writes the live catalog and its parent so plan --catalog resolves as the environment does', async () => {
    const dir = workspace();
    const written = captureIo(dir);
    expect(await main(['catalog', '--env', 'prod', '--out', 'prod.json', '--as', 'victor'], written.io)).toBe(
      0,
    );
    expect(existsSync(join(dir, 'prod.shared.json'))).toBe(true);

    const planned = captureIo(dir);
    expect(await main(['plan', 'flows', '--catalog', 'prod.json', '--json'], planned.io)).toBe(0);
    const offline = JSON.parse(planned.out()) as ReturnType<typeof planReport>;

    const rt = await openRuntime({ as: 'victor', config: null }, dir, { FLOWGATE_CONFIG: 'flowgate.yml' });
    try {
      const analyzed = exampleFlowFiles().map((f) => analyzeFlow(`flows/${f.name}`, f.bytes));
      const online = planReport(planFlows(analyzed, await loadTarget(rt.deps, 'prod')));
      const resolutions = (report: ReturnType<typeof planReport>) =>
        report.flows.map((f) => f.references.map((r) => r.resolution));
      expect(resolutions(offline)).toEqual(resolutions(online));
    } finally {
      await rt.close();
    }
  }, 60_000);

  it('asks for --out when the environment has a parent to write beside it', async () => {
    const dir = workspace();
    const run = captureIo(dir);
    expect(await main(['catalog', '--env', 'prod', '--as', 'victor'], run.io)).toBe(2);
    expect(run.err()).toContain('prod inherits from shared: give --out <file>');
  }, 60_000);
});
