import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FlowContent } from '../../../core/flow.js';
import { getAt, isJsonObject } from '../../../core/json.js';
import { extractReferences } from '../../../core/references/extractReferences.js';
import { referenceSites } from '../../../core/references/referenceSites.js';
import { retarget } from '../../../core/references/retarget.js';
import { corpusDir, corpusFiles } from '../../fixtures.js';
import { deepFreeze, diffPaths } from './structuralDiff.js';

const TARGET_INSTANCE =
  'arn:aws:connect:eu-west-2:999988887777:instance/0f9e8d7c-6b5a-4c3d-9e2f-1a0b9c8d7e6f';

/**
 * The Flow Language document of a corpus file: bare, or the `Content` string of a wrapper or a
 * DescribeContactFlow response. `null` for legacy files (converted elsewhere).
 */
function flowLanguageOf(file: string): FlowContent | null {
  const json: unknown = JSON.parse(readFileSync(join(corpusDir ?? '', file), 'utf8'));
  if (!isJsonObject(json) || Array.isArray(json.modules)) return null;
  const wrapped = isJsonObject(json.ContactFlow) ? json.ContactFlow.Content : json.Content;
  const content: unknown = typeof wrapped === 'string' ? JSON.parse(wrapped) : json;
  return isJsonObject(content) && Array.isArray(content.Actions) ? (content as unknown as FlowContent) : null;
}

const flows = corpusFiles()
  .map((file) => ({ file, content: flowLanguageOf(file) }))
  .filter((f): f is { file: string; content: FlowContent } => f.content !== null);

describe('extractReferences and retarget over the corpus', () => {
  it.each(flows)(
    'touches only reference sites when every reference of $file is re-targeted',
    ({ content }) => {
      const input = deepFreeze(content);
      const references = extractReferences(input);
      const rewrites = references.map((reference, n) => {
        const id = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
        return {
          reference,
          target: { arn: `${TARGET_INSTANCE}/${reference.kind}/${id}`, id, name: `target ${n}` },
        };
      });

      const changed = diffPaths(input, retarget(input, rewrites)).map((p) => JSON.stringify(p));

      const sites = new Set(referenceSites(input, references).map((p) => JSON.stringify(p)));
      expect(changed.filter((p) => !sites.has(p))).toEqual([]);
    },
  );

  it.each(flows)('rewrites every parameter when every reference of $file is re-targeted', ({ content }) => {
    const references = extractReferences(content);
    const rewrites = references.map((reference) => ({
      reference,
      target: { arn: 'arn:new', id: 'new', name: 'new' },
    }));

    const out = retarget(content, rewrites);

    const unchanged = references.filter((r) => {
      const [parameter] = referenceSites(content, [r]);
      return parameter === undefined || getAt(out, parameter) === r.value;
    });
    expect(unchanged).toEqual([]);
  });

  it('finds references when the corpus is present', () => {
    const total = flows.reduce((sum, { content }) => sum + extractReferences(content).length, 0);

    expect(flows.length === 0 || total > 0).toBe(true);
  });
});
