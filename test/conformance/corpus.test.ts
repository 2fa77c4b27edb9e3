/**
 * Conformance over the real flows in ../shared/corpus/public (when that folder exists): every
 * file gives a result without a crash, every legacy file converts into Flow Language that our own
 * reader and validator accept, and a re-target changes a document only at reference sites.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFlow } from '../../core/formats/readFlow.js';
import { analyzeFlow, planFlows } from '../../core/pipeline.js';
import type { Reference } from '../../core/references/types.js';
import { Catalog } from '../../core/resolve/catalog.js';
import type { CatalogMapping, CatalogResource } from '../../core/resolve/types.js';
import { corpusDir, corpusFiles } from '../fixtures.js';
import { differingLeaves, referenceSites } from './retargetSites.js';

const files = corpusFiles();
const read = (file: string) => readFileSync(join(corpusDir ?? '', file));

const TARGET = 'arn:aws:connect:eu-central-1:999988887777:instance/11111111-2222-4333-8444-555555555555';
const STRUCTURAL = new Set([
  'missing-start-action',
  'duplicate-identifier',
  'dangling-transition',
  'invalid-flow',
]);

/** A target that has a counterpart for every static reference of the flow, by remembered mapping. */
function mirrorCatalog(references: readonly Reference[]): Catalog {
  const resources: CatalogResource[] = [];
  const mappings: CatalogMapping[] = [];
  references.forEach((ref, n) => {
    if (ref.valueKind === 'dynamic' || ref.valueKind === 'placeholder') return;
    const id = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
    const arn = `${TARGET}/${ref.kind}/${id}`;
    const resource: CatalogResource = { kind: ref.kind, id, arn, name: `target ${ref.kind} ${n}` };
    resources.push(ref.flowType === null ? resource : { ...resource, flowType: ref.flowType });
    mappings.push({ kind: ref.kind, source: ref.value === '' ? (ref.name ?? '') : ref.value, target: arn });
  });
  return new Catalog({ name: 'mirror', instanceArn: TARGET, resources, mappings });
}

describe.runIf(files.length > 0)('corpus conformance', () => {
  it.each(files)('%s gives a result without a crash', (file) => {
    const analyzed = analyzeFlow(file, read(file));
    expect(analyzed.file).toBe(file);
    expect(analyzed.flow !== null || analyzed.diagnostics.some((d) => d.severity === 'error')).toBe(true);
  });

  it.each(files)('%s re-targets only at reference sites', (file) => {
    const analyzed = analyzeFlow(file, read(file));
    if (analyzed.flow === null) return;
    const batch = planFlows([analyzed], mirrorCatalog(analyzed.references));
    const [planned] = batch.flows;
    const sites = referenceSites(analyzed.flow.content, analyzed.references);
    const changed = differingLeaves(analyzed.flow.content, planned?.retargeted);
    expect(changed.filter((path) => !sites.has(path))).toEqual([]);
    // And the static references really moved: each resolved parameter now holds a target value.
    const resolved = planned?.resolutions.filter((r) => r.by === 'mapping').length ?? 0;
    const static_ = analyzed.references.filter(
      (r) => r.valueKind !== 'dynamic' && r.valueKind !== 'placeholder',
    ).length;
    expect(resolved).toBe(static_);
  });

  const legacy = files.filter((file) => {
    const text = read(file).toString('utf8');
    return (
      /^\s*\{\s*"modules"\s*:/.test(text) || text.includes('"modules": [') || text.includes('"modules":[')
    );
  });

  it.each(legacy)('%s converts to Flow Language our reader and validator accept', (file) => {
    const analyzed = analyzeFlow(file, read(file));
    expect(analyzed.format).toBe('legacy');
    expect(analyzed.flow).not.toBeNull();
    const content = analyzed.flow?.content;
    const reread = readFlow(`${file} (converted)`, JSON.stringify(content));
    expect(reread.ok).toBe(true);
    const structural = analyzeFlow(`${file} (converted)`, JSON.stringify(content)).diagnostics.filter((d) =>
      STRUCTURAL.has(d.code),
    );
    expect(structural).toEqual([]);
  });
});
