import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../core/diagnostics.js';
import type { FlowContent } from '../../core/flow.js';
import { analyzeFlow } from '../../core/pipeline.js';
import { extractReferences } from '../../core/references/extractReferences.js';
import type { Reference } from '../../core/references/types.js';
import type { Resolution } from '../../core/resolve/types.js';
import { diffFlows } from '../../core/versions/diff.js';
import type { FlowVersion } from '../../core/versions/types.js';
import { type HtmlReportInput, renderHtmlReport, versionOutcome } from '../../render/htmlReport.js';
import { corpusDir, corpusFiles, loadFixture } from '../fixtures.js';
import { drawnBlocks } from './svgQuery.js';

const MENU = 'b0f1c2d3-0000-4000-8000-000000000001';
const QUEUE = 'b0f1c2d3-0000-4000-8000-000000000002';
const QUEUE_ARN =
  'arn:aws:connect:eu-west-2:210987654321:instance/aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee/queue/99999999-8888-4777-8666-555555555555';

function menu(): FlowContent {
  return loadFixture<FlowContent>('render/menu.json');
}

function finding(severity: Diagnostic['severity'], action: string | null, message = 'a finding'): Diagnostic {
  return {
    severity,
    code: `test-${severity}`,
    action,
    block: action === null ? null : 'Get customer input',
    message,
    hint: 'fix it',
  };
}

const resolvedQueue: Resolution = {
  by: 'name',
  target: { arn: QUEUE_ARN, id: '99999999-8888-4777-8666-555555555555', name: 'Sales' },
  inherited: false,
};
const unresolved: Resolution = { by: 'unresolved', target: null, inherited: false };

function version(content: FlowContent, overrides: Partial<FlowVersion> = {}): FlowVersion {
  const references = extractReferences(content);
  return {
    env: 'prod',
    flowKey: 'flow:Main menu',
    number: 3,
    name: 'Main menu',
    type: 'CONTACT_FLOW',
    format: 'flow-language',
    contentHash: 'c'.repeat(64),
    sourceHash: 's'.repeat(64),
    source: { channel: 'slack', ref: 'F0123ABCD' },
    author: 'U0123ABCD',
    createdAt: '2025-03-04T10:11:12.000Z',
    restores: null,
    diagnostics: [],
    references,
    resolutions: references.map(() => resolvedQueue),
    content: JSON.stringify(content),
    original: JSON.stringify(content),
    ...overrides,
  };
}

function input(
  overrides: Partial<HtmlReportInput> = {},
  versionOverrides: Partial<FlowVersion> = {},
): HtmlReportInput {
  const content = overrides.content ?? menu();
  return {
    env: 'prod',
    version: version(content, versionOverrides),
    content,
    diff: null,
    publishedVersion: null,
    generatedAt: '2025-03-04T10:12:00.000Z',
    ...overrides,
  };
}

/** The HTML of the section marked `data-section="<id>"` (sections do not nest, so the first close ends it). */
function sectionOf(html: string, id: string): string {
  const start = html.indexOf(`data-section="${id}"`);
  if (start < 0) throw new Error(`no section ${id}`);
  const end = html.indexOf(id === 'summary' ? '</header>' : '</section>', start);
  return html.slice(start, end);
}

function count(html: string, pattern: RegExp): number {
  return html.match(pattern)?.length ?? 0;
}

/** Attribute values in the page that load or link to something outside it. */
function externalUrls(html: string): string[] {
  const links = [...html.matchAll(/\s(?:src|href|xlink:href|action|poster)\s*=\s*["']?([^"'\s>]*)/gi)];
  const cssUrls = [...html.matchAll(/url\(\s*["']?([^"')]*)/gi)];
  return [...links, ...cssUrls].map((m) => m[1] ?? '').filter((url) => !url.startsWith('#'));
}

describe('renderHtmlReport', () => {
  it('writes a whole HTML document when given a version', () => {
    const html = renderHtmlReport(input());

    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
  });

  it('has the summary, diagram, diagnostics, references and diff sections in order when rendered', () => {
    const html = renderHtmlReport(input());

    const order = ['summary', 'diagram', 'diagnostics', 'references', 'diff'].map((id) =>
      html.indexOf(`data-section="${id}"`),
    );

    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('names the flow, environment, version, type, author, source and creation time in the header', () => {
    const header = sectionOf(renderHtmlReport(input()), 'summary');

    for (const fact of ['Main menu', 'prod', 'v3', 'inbound flow', 'U0123ABCD', 'slack: F0123ABCD']) {
      expect(header).toContain(fact);
    }
    expect(header).toContain('2025-03-04T10:11:12.000Z');
  });

  it('draws the flow inline with its problem blocks outlined when a block has findings', () => {
    const html = renderHtmlReport(
      input({}, { diagnostics: [finding('error', MENU), finding('warning', QUEUE)] }),
    );
    const diagram = sectionOf(html, 'diagram');

    expect(diagram).toContain('data-testid="diagram"');
    const statuses = drawnBlocks(diagram).map((b) => [b.action, b.status]);
    expect(statuses).toEqual([
      [MENU, 'error'],
      [QUEUE, 'warning'],
      ['b0f1c2d3-0000-4000-8000-000000000003', 'ok'],
      ['Say goodbye', 'ok'],
    ]);
  });

  it('lists every diagnostic, errors first, with its severity on the row when there are findings', () => {
    const diagnostics = [finding('warning', QUEUE), finding('error', MENU), finding('warning', null)];

    const table = sectionOf(renderHtmlReport(input({}, { diagnostics })), 'diagnostics');

    expect([...table.matchAll(/<tr data-severity="(\w+)"/g)].map((m) => m[1])).toEqual([
      'error',
      'warning',
      'warning',
    ]);
    expect(table).toContain('<code>test-error</code>');
    expect(table).toContain('Diagnostics (3)');
  });

  it('says there are no findings when the version has none', () => {
    const table = sectionOf(renderHtmlReport(input()), 'diagnostics');

    expect(table).toContain('No findings.');
    expect(count(table, /<tr data-severity/g)).toBe(0);
  });

  it('shows each reference with its resolution and marks the unresolved ones when some are unresolved', () => {
    const content = menu();
    const references = extractReferences(content);

    const html = renderHtmlReport(
      input({ content }, { references, resolutions: references.map(() => unresolved) }),
    );
    const table = sectionOf(html, 'references');

    expect(references.length).toBeGreaterThan(0);
    expect(count(table, /<tr [^>]*data-unresolved="true"/g)).toBe(references.length);
  });

  it('shows the target name and ARN when a reference resolved', () => {
    const table = sectionOf(renderHtmlReport(input()), 'references');

    expect(table).toContain('data-by="name"');
    expect(table).toContain(`<code>${QUEUE_ARN}</code>`);
    expect(table).toContain('<code>Parameters.QueueId</code>');
    expect(table).not.toContain('data-unresolved');
  });

  it('names the rename rule when a reference resolved by rule', () => {
    const byRule: Resolution = { ...resolvedQueue, by: 'rule', rule: { from: '*', to: '* (prod)' } };
    const content = menu();
    const references = extractReferences(content);

    const html = renderHtmlReport(
      input({ content }, { references, resolutions: references.map(() => byRule) }),
    );

    expect(sectionOf(html, 'references')).toContain('<span class="by">rule * → * (prod)</span>');
  });

  it('escapes markup in prompt texts and messages when they hold a script tag', () => {
    const content = menu();
    const attack = '<script>alert("x")</script>';
    const action = content.Actions[0];
    if (action === undefined) throw new Error('fixture has no actions');
    const evil: FlowContent = {
      ...content,
      Actions: [
        { ...action, Parameters: { ...action.Parameters, Text: attack } },
        ...content.Actions.slice(1),
      ],
    };

    const html = renderHtmlReport(
      input({ content: evil }, { name: attack, diagnostics: [finding('error', MENU, attack)] }),
    );

    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
  });

  it('loads nothing from outside the page when rendered', () => {
    const html = renderHtmlReport(input({}, { diagnostics: [finding('error', MENU)] }));

    expect(externalUrls(html)).toEqual([]);
    expect(html).not.toMatch(/<(script|link|img|iframe|object)\b/i);
    expect(html).toContain('<style>');
  });

  it.each([
    ['blocked', [finding('error', MENU), finding('error', null)], unresolved, 'Blocked by 2 errors'],
    ['needs-choices', [finding('warning', MENU)], unresolved, 'Needs 1 choice'],
    ['ready', [finding('warning', MENU)], resolvedQueue, 'Ready to publish'],
  ] as const)(
    'says %s when the findings and resolutions call for it',
    (kind, diagnostics, resolution, line) => {
      const content = menu();
      const references = extractReferences(content);

      const header = sectionOf(
        renderHtmlReport(
          input({ content }, { diagnostics, references, resolutions: references.map(() => resolution) }),
        ),
        'summary',
      );

      expect(header).toContain(`data-outcome="${kind}"`);
      expect(header).toContain(line);
    },
  );

  it('says it is the first version when nothing is published', () => {
    const diff = sectionOf(renderHtmlReport(input({ diff: null, publishedVersion: null })), 'diff');

    expect(diff).toContain('First version');
  });

  it('lists added, removed and changed blocks and re-pointed references when given a diff', () => {
    const before = menu();
    const after = retargetedMenu();

    const diff = sectionOf(
      renderHtmlReport(input({ content: after, diff: diffFlows(before, after), publishedVersion: 2 })),
      'diff',
    );

    expect(diff).toContain('Changes against published v2');
    expect(count(diff, /data-diff="added"/g)).toBe(1);
    expect(count(diff, /data-diff="removed"/g)).toBe(1);
    expect(count(diff, /data-diff="changed"/g)).toBe(1);
    expect(count(diff, /data-diff="repointed"/g)).toBe(1);
    expect(diff).toContain(`<code>${QUEUE_ARN}</code>`);
  });

  it('says there are no changes when the diff is empty', () => {
    const content = menu();

    const diff = sectionOf(
      renderHtmlReport(input({ content, diff: diffFlows(content, content), publishedVersion: 2 })),
      'diff',
    );

    expect(diff).toContain('No changes.');
  });

  it('gives the same page when given the same input twice', () => {
    const make = () => input({}, { diagnostics: [finding('error', MENU)] });

    expect(renderHtmlReport(make())).toBe(renderHtmlReport(make()));
  });
});

describe('versionOutcome', () => {
  it('counts a reference without a resolution as a choice when resolutions are missing', () => {
    const content = menu();

    const outcome = versionOutcome(version(content, { resolutions: [] }));

    expect(outcome).toEqual({ kind: 'needs-choices', choices: extractReferences(content).length });
  });
});

/** The menu with its queue re-pointed, the transfer's error branch changed, one block swapped for another. */
function retargetedMenu(): FlowContent {
  const content = menu();
  const actions = content.Actions.map((a) => {
    if (a.Identifier === QUEUE) return { ...a, Parameters: { QueueId: QUEUE_ARN } };
    if (a.Identifier === 'b0f1c2d3-0000-4000-8000-000000000003')
      return { ...a, Transitions: { NextAction: 'Say goodbye' } };
    return a;
  }).filter((a) => a.Identifier !== 'Say goodbye');
  const bye = {
    Identifier: 'Say goodbye again',
    Type: 'DisconnectParticipant',
    Parameters: {},
    Transitions: {},
  };
  return { ...content, Actions: [...actions, bye] };
}

describe('renderHtmlReport on the corpus', () => {
  const files = corpusFiles();

  it.runIf(files.length > 0)('renders every readable corpus flow without external URLs or scripts', () => {
    const dir = corpusDir ?? '';
    let rendered = 0;
    for (const file of files) {
      const analyzed = analyzeFlow(file, readFileSync(join(dir, file)));
      if (analyzed.flow === null) continue;
      const content = analyzed.flow.content;
      const html = renderHtmlReport({
        env: 'test',
        version: corpusVersion(file, analyzed.name, analyzed.diagnostics, analyzed.references, content),
        content,
        diff: diffFlows({ ...content, Actions: content.Actions.slice(1) }, content),
        publishedVersion: 1,
        generatedAt: '2025-01-01T00:00:00.000Z',
      });

      expect(html, file).toContain('data-testid="diagram"');
      expect(html, file).not.toMatch(/<script/i);
      expect(externalUrls(html), file).toEqual([]);
      expect(count(sectionOf(html, 'references'), /<tr data-by=/g), file).toBe(analyzed.references.length);
      rendered += 1;
    }
    expect(rendered).toBeGreaterThan(0);
  });
});

/** A version as the import would store it, with dynamic references dynamic and the rest unresolved. */
function corpusVersion(
  file: string,
  name: string,
  diagnostics: readonly Diagnostic[],
  references: readonly Reference[],
  content: FlowContent,
): FlowVersion {
  return {
    ...version(content),
    flowKey: `flow:${name}`,
    number: 2,
    name,
    type: null,
    source: { channel: 'cli', ref: file },
    diagnostics,
    references,
    resolutions: references.map((r) =>
      r.valueKind === 'dynamic' ? { ...unresolved, by: 'dynamic' } : unresolved,
    ),
  };
}
