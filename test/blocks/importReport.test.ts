import { describe, expect, it } from 'vitest';
import { ACTION_IDS, decodeActionValue, decodePickerBlockId } from '../../blocks/actionIds.js';
import { buildImportReport, importOutcome } from '../../blocks/importReport.js';
import { SLACK_LIMITS } from '../../blocks/limits.js';
import { checkMessage } from './slackLimits.js';
import {
  allText,
  buttonsOf,
  diagnostic,
  firstText,
  flowView,
  pickersOf,
  reportView,
  resolvedRef,
  unresolvedRef,
} from './views.js';

describe('importOutcome', () => {
  it.each([
    ['ready', reportView(), { kind: 'ready' }],
    [
      'needs-choices',
      reportView([flowView({ references: [unresolvedRef(0), unresolvedRef(1)] })]),
      { kind: 'needs-choices', choices: 2 },
    ],
    [
      'blocked',
      reportView([flowView({ diagnostics: [diagnostic('error')], references: [unresolvedRef(0)] })]),
      { kind: 'blocked', errors: 1 },
    ],
  ])('is %s for that report', (_kind, view, outcome) => {
    expect(importOutcome(view)).toEqual(outcome);
  });
});

describe('buildImportReport', () => {
  it.each([
    ['ready to publish', reportView(), "Ready to publish: 'Main' imported into prod."],
    [
      'needs N choices',
      reportView([flowView({ references: [unresolvedRef(0), unresolvedRef(1), unresolvedRef(2)] })]),
      "Needs 3 choices: pick replacements before publishing 'Main' to prod.",
    ],
    [
      'blocked by N errors',
      reportView([
        flowView({ diagnostics: [diagnostic('error', 1), diagnostic('error', 2)], publishable: false }),
      ]),
      "Blocked by 2 errors: 'Main' cannot be published to prod yet.",
    ],
  ])('says %s in its first line and fallback text when that is the outcome', (_case, view, line) => {
    const message = buildImportReport(view);
    expect(firstText(message)).toBe(`*${line}*`);
    expect(message.text.startsWith(line)).toBe(true);
  });

  it('shows the counts under the outcome', () => {
    const view = reportView([
      flowView({ diagnostics: [diagnostic('warning')], references: [resolvedRef(0), unresolvedRef(1)] }),
    ]);
    expect(allText(buildImportReport(view).blocks.slice(1, 2))).toContain(
      '1 flow · 0 errors · 1 warning · 1 reference resolved · 1 to choose',
    );
  });

  it('names each reference a rename rule resolved, with the rule', () => {
    const byRule = {
      ...resolvedRef(0),
      kind: 'lambda' as const,
      source: 'dev-lookup',
      by: 'rule' as const,
      target: 'prod-lookup',
      rule: 'dev-* → prod-*',
    };

    const text = allText(buildImportReport(reportView([flowView({ references: [byRule] })])).blocks);

    expect(text).toContain('lambda `dev-lookup` → `prod-lookup` by rule `dev-* → prod-*`');
  });

  it('names the block of each listed diagnostic', () => {
    const view = reportView([flowView({ diagnostics: [diagnostic('error')], publishable: false })]);
    expect(allText(buildImportReport(view).blocks)).toContain('*Transfer to queue* (`a1-7c1e`)');
  });

  it('offers Request publish, Diff and Discard with ids in their values when the flow is publishable', () => {
    const buttons = buttonsOf(buildImportReport(reportView()).blocks);
    expect(buttons.map((b) => b.action_id)).toEqual([
      ACTION_IDS.requestPublish,
      ACTION_IDS.showDiff,
      ACTION_IDS.discardImport,
    ]);
    expect(decodeActionValue(ACTION_IDS.requestPublish, buttons[0]?.value)).toEqual({
      env: 'prod',
      flow: 'flow:Main',
      version: 3,
    });
    expect(decodeActionValue(ACTION_IDS.showDiff, buttons[1]?.value)).toEqual({
      env: 'prod',
      flow: 'flow:Main',
      from: 2,
      to: 3,
    });
  });

  it('guards Request publish with the replace warning when it replaces the target flow', () => {
    const [request] = buttonsOf(buildImportReport(reportView()).blocks);
    expect(request?.confirm?.text.text).toContain(
      'Importing will replace the current flow definition; unpublished changes will be lost',
    );
  });

  it('asks no confirmation for Request publish when the flow is new to the target', () => {
    const [request] = buttonsOf(buildImportReport(reportView([flowView({ replacesTarget: false })])).blocks);
    expect(request?.confirm).toBeUndefined();
  });

  it('guards Discard with a danger confirm dialog', () => {
    const discard = buttonsOf(buildImportReport(reportView()).blocks).find(
      (b) => b.action_id === ACTION_IDS.discardImport,
    );
    expect(discard?.confirm?.style).toBe('danger');
  });

  it('leaves out Request publish when the flow is not publishable', () => {
    const view = reportView([flowView({ diagnostics: [diagnostic('error')], publishable: false })]);
    expect(buttonsOf(buildImportReport(view).blocks).map((b) => b.action_id)).not.toContain(
      ACTION_IDS.requestPublish,
    );
  });

  it('shows no buttons for a file that was not stored', () => {
    const view = reportView([
      flowView({ version: null, flowKey: null, publishable: false, diagnostics: [diagnostic('error')] }),
    ]);
    expect(buttonsOf(buildImportReport(view).blocks)).toEqual([]);
  });

  it('gives each unresolved reference a static select whose block id names the reference', () => {
    const [picker] = pickersOf(
      buildImportReport(reportView([flowView({ references: [unresolvedRef(7)] })])).blocks,
    );
    expect(picker?.accessory?.type).toBe('static_select');
    expect(decodePickerBlockId(picker?.block_id)).toEqual({
      env: 'prod',
      flow: 'flow:Main',
      version: 3,
      ref: 7,
    });
  });

  it('uses type-ahead when the reference has more than 100 candidates', () => {
    const view = reportView([
      flowView({ references: [unresolvedRef(0, 150), unresolvedRef(1, 'external')] }),
    ]);
    expect(pickersOf(buildImportReport(view).blocks).map((p) => p.accessory?.type)).toEqual([
      'external_select',
      'external_select',
    ]);
  });

  it('encodes the candidate id in each option value', () => {
    const [picker] = pickersOf(
      buildImportReport(reportView([flowView({ references: [unresolvedRef(0, 2)] })])).blocks,
    );
    const options = picker?.accessory?.type === 'static_select' ? (picker.accessory.options ?? []) : [];
    expect(options.map((o) => decodeActionValue(ACTION_IDS.pickReplacement, o.value))).toEqual([
      { to: '5b1c0a2e-0000-4000-8000-000000000000' },
      { to: '5b1c0a2e-0000-4000-8000-000000000001' },
    ]);
  });

  it('says there is nothing to choose when the target has no resource of that kind', () => {
    const view = reportView([flowView({ references: [unresolvedRef(0, 0)] })]);
    expect(allText(buildImportReport(view).blocks)).toContain('No prompt in prod to choose');
  });

  it('lists a handful of findings and summarises the rest when there are 200 diagnostics', () => {
    const diagnostics = Array.from({ length: 200 }, (_, i) => diagnostic(i < 50 ? 'error' : 'warning', i));
    const message = buildImportReport(reportView([flowView({ diagnostics, publishable: false })]));
    expect(allText(message.blocks)).toContain('… and 195 more findings in the full report');
    expect(checkMessage(message)).toEqual([]);
  });

  it('stays within 50 blocks and says how many pickers wait when there are 300 unresolved references', () => {
    const references = Array.from({ length: 300 }, (_, i) => unresolvedRef(i));
    const message = buildImportReport(reportView([flowView({ references })]));
    const pickers = pickersOf(message.blocks);
    expect(message.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.messageBlocks);
    expect(allText(message.blocks)).toContain(`… and ${300 - pickers.length} more references to choose`);
    expect(buttonsOf(message.blocks).map((b) => b.action_id)).toContain(ACTION_IDS.discardImport);
    expect(checkMessage(message)).toEqual([]);
  });

  it('names the flows left out when a zip holds more flows than fit', () => {
    const flows = Array.from({ length: 40 }, (_, i) =>
      flowView({ name: `Flow ${i}`, flowKey: `flow:Flow ${i}` }),
    );
    const message = buildImportReport(reportView(flows));
    expect(allText(message.blocks)).toMatch(/… and \d+ more flows: see the full report/);
    expect(checkMessage(message)).toEqual([]);
  });

  it('passes the limits checker when names and messages are 5,000 characters of unicode', () => {
    const huge = 'Überweisung 📞 <&> '.repeat(280);
    const flow = flowView({
      name: huge,
      flowKey: `flow:${huge.slice(0, 120)}`,
      diagnostics: [{ ...diagnostic('error'), message: huge, block: huge, hint: huge }],
      references: [
        {
          ...unresolvedRef(0),
          source: huge,
          choices: { external: false, options: [{ text: huge, value: 'id-1' }] },
        },
      ],
      publishable: false,
    });
    const message = buildImportReport({ env: 'prod', actor: huge, flows: [flow] });
    expect(checkMessage(message)).toEqual([]);
    expect(firstText(message)).toContain('…');
  });
});

describe('buildImportReport report link', () => {
  it('offers the full report as a link button when the version has one', () => {
    const url = 'http://127.0.0.1:3000/reports/prod/flow%3AMain/3?expires=1&sig=ab';
    const message = buildImportReport(reportView([flowView({ reportUrl: url })]));

    const link = buttonsOf(message.blocks).find((b) => b.action_id === ACTION_IDS.viewReport);

    expect(link?.url).toBe(url);
    expect(checkMessage(message)).toEqual([]);
  });

  it('offers no report link when none is served', () => {
    const message = buildImportReport(reportView([flowView({ reportUrl: null })]));

    expect(buttonsOf(message.blocks).some((b) => b.action_id === ACTION_IDS.viewReport)).toBe(false);
  });
});
