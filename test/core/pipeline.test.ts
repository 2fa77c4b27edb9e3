import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeFlow, isPublishable } from '../../core/pipeline.js';

const example = readFileSync(
  join(import.meta.dirname, '..', '..', 'examples', 'flows', 'main-ivr.json'),
  'utf8',
);

/** A small deterministic PRNG so a failing mutation can be replayed from its seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const ODD_VALUES: unknown[] = [
  null,
  0,
  1.5,
  true,
  '',
  'x',
  [],
  {},
  [null],
  { a: 1 },
  '$.Attributes.x',
  '{{p}}',
];

/** Replaces one randomly chosen node of the document with an odd value, or deletes it. */
function mutate(doc: unknown, next: () => number): unknown {
  const nodes: { parent: Record<string, unknown> | unknown[]; key: string | number }[] = [];
  const visit = (node: unknown) => {
    if (Array.isArray(node)) {
      node.forEach((child, i) => {
        nodes.push({ parent: node, key: i });
        visit(child);
      });
    } else if (typeof node === 'object' && node !== null) {
      for (const [key, child] of Object.entries(node)) {
        nodes.push({ parent: node as Record<string, unknown>, key });
        visit(child);
      }
    }
  };
  visit(doc);
  const target = nodes[Math.floor(next() * nodes.length)];
  if (target === undefined) return doc;
  const value = ODD_VALUES[Math.floor(next() * ODD_VALUES.length)];
  if (next() < 0.3 && !Array.isArray(target.parent))
    delete (target.parent as Record<string, unknown>)[target.key];
  else (target.parent as Record<string | number, unknown>)[target.key] = value;
  return doc;
}

describe('analyzeFlow', () => {
  it('returns a publishable analysis with references for a good flow', () => {
    const analyzed = analyzeFlow('main-ivr.json', example);
    expect(isPublishable(analyzed)).toBe(true);
    expect(analyzed.references.length).toBeGreaterThan(5);
  });

  it('never throws, whatever single node of a real flow is broken', () => {
    const failures: string[] = [];
    for (let seed = 1; seed <= 400; seed++) {
      const next = random(seed);
      let doc: unknown = JSON.parse(example);
      for (let i = 0; i < 1 + Math.floor(next() * 3); i++) doc = mutate(doc, next);
      try {
        const analyzed = analyzeFlow(`seed-${seed}.json`, JSON.stringify(doc));
        if (analyzed.flow === null && !analyzed.diagnostics.some((d) => d.severity === 'error')) {
          failures.push(`seed ${seed}: unreadable without an error`);
        }
      } catch (error) {
        failures.push(`seed ${seed}: ${(error as Error).message}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('reports an over-long flow once, as too-many-actions', () => {
    const actions = Array.from({ length: 251 }, (_, i) => ({
      Identifier: `a${i}`,
      Type: i === 250 ? 'DisconnectParticipant' : 'UpdateFlowLoggingBehavior',
      Parameters: {},
      Transitions: i === 250 ? {} : { NextAction: `a${i + 1}` },
    }));
    const analyzed = analyzeFlow(
      'long.json',
      JSON.stringify({ Version: '2019-10-30', StartAction: 'a0', Actions: actions }),
    );
    expect(analyzed.diagnostics.filter((d) => d.code === 'too-many-actions')).toHaveLength(1);
    expect(isPublishable(analyzed)).toBe(false);
  });

  it('refuses input that is not a flow with an error naming the file', () => {
    const analyzed = analyzeFlow('notes.json', '{"hello": "world"}');
    expect(analyzed.flow).toBeNull();
    expect(analyzed.diagnostics[0]?.severity).toBe('error');
    expect(analyzed.diagnostics[0]?.message).toContain('notes.json');
  });
});
