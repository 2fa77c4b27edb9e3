import { describe, expect, it } from 'vitest';
import { buildFullReportText } from '../../blocks/fullReportText.js';
import { diagnostic, flowView, reportView, resolvedRef, unresolvedRef } from './views.js';

describe('buildFullReportText', () => {
  it('lists every finding with its hint when there are 200 diagnostics', () => {
    const diagnostics = Array.from({ length: 200 }, (_, i) => diagnostic('warning', i));
    const text = buildFullReportText(reportView([flowView({ diagnostics })]));
    expect(text.match(/^- WARNING \[unresolved-reference\]/gm)).toHaveLength(200);
    expect(text).toContain('Fix: Connect the block to the next one.');
  });

  it('shows each reference with its resolution', () => {
    const text = buildFullReportText(
      reportView([flowView({ references: [resolvedRef(0), unresolvedRef(1)] })]),
    );
    expect(text).toContain("- queue 'BasicQueue' in Set working queue (q0, required) → BasicQueue (by name)");
    expect(text).toContain("- prompt 'Welcome 1' in Play prompt (p1) → UNRESOLVED");
  });

  it('names the rename rule of a reference resolved by rule', () => {
    const byRule = {
      ...resolvedRef(0),
      by: 'rule' as const,
      target: 'BasicQueue (prod)',
      rule: '* → * (prod)',
    };

    const text = buildFullReportText(reportView([flowView({ references: [byRule] })]));

    expect(text).toContain('→ BasicQueue (prod) (by rule * → * (prod))');
  });

  it('starts with the outcome', () => {
    expect(buildFullReportText(reportView()).split('\n')[2]).toBe(
      "Ready to publish: 'Main' imported into prod.",
    );
  });
});
