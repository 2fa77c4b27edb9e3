import { describe, expect, it } from 'vitest';
import { analyzeFlow, planFlows } from '../../../core/pipeline.js';
import { Catalog } from '../../../core/resolve/catalog.js';
import { formatCatalogFile, parseCatalogFile } from '../../../core/resolve/catalogFile.js';
import { exportCatalog } from '../../../core/service/exportCatalog.js';
import { loadTarget } from '../../../core/service/loadTarget.js';
import { exampleFlowFiles, makeDeps, users } from '../../fakes/serviceKit.js';

/** The layers written as catalog files and read back as `plan --catalog` reads them. */
function readBack(layers: Awaited<ReturnType<typeof exportCatalog>>): Catalog {
  let parent: Catalog | null = null;
  for (let i = layers.length - 1; i >= 0; i--) {
    const layer = layers[i];
    const next = layers[i + 1];
    if (layer === undefined) continue;
    const file = formatCatalogFile(
      layer.data,
      next === undefined ? null : `${next.env}.json`,
      `${layer.env}.json`,
    );
    parent = new Catalog(
      parseCatalogFile(JSON.parse(JSON.stringify(file)), `${layer.env}.json`).data,
      parent,
    );
  }
  if (parent === null) throw new Error('no layers');
  return parent;
}

describe('exportCatalog', () => {
  it('gives the environment and its parent as layers, each named after its environment', async () => {
    const { deps } = makeDeps();
    const layers = await exportCatalog(deps, { env: 'prod', actor: users.victor });
    expect(layers.map((l) => [l.env, l.parent, l.data.name])).toEqual([
      ['prod', 'shared', 'prod'],
      ['shared', null, 'shared'],
    ]);
  });

  it('resolves offline exactly as planning against the live environment does, remembered mappings included', async () => {
    const { deps, mappings } = makeDeps();
    const live = await loadTarget(deps, 'prod');
    const queue = live.data.resources.find((r) => r.kind === 'queue');
    await mappings.putMapping({
      env: 'prod',
      kind: 'queue',
      source: 'Sales',
      target: queue?.arn ?? '',
      chosenBy: 'alice',
      chosenAt: '2026-01-01T00:00:00.000Z',
    });
    const analyzed = exampleFlowFiles().map((f) => analyzeFlow(f.name, f.bytes));
    const offline = planFlows(
      analyzed,
      readBack(await exportCatalog(deps, { env: 'prod', actor: users.victor })),
    );
    const online = planFlows(analyzed, await loadTarget(deps, 'prod'));
    expect(offline.flows.map((f) => f.resolutions)).toEqual(online.flows.map((f) => f.resolutions));
    expect(offline.flows.flatMap((f) => f.resolutions).some((r) => r.by === 'mapping')).toBe(true);
    expect(offline.flows.flatMap((f) => f.resolutions).some((r) => r.inherited)).toBe(true);
    expect(offline.order).toEqual(online.order);
  });

  it('refuses people without a role', async () => {
    const { deps } = makeDeps();
    await expect(exportCatalog(deps, { env: 'prod', actor: users.mallory })).rejects.toThrow(/viewer role/);
  });
});
