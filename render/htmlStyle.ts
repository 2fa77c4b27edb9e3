/**
 * The HTML report's stylesheet, inlined so the page needs nothing from the network: a reader
 * opening it from an expiring link, an archive or a print-out sees the same page. Light only
 * (`color-scheme: light`), because the diagram is drawn on white; system fonts, because
 * shipping a web font would make every report 700 KB heavier.
 */
export const REPORT_CSS = `
:root { color-scheme: light; --ink: #16191f; --muted: #545b64; --line: #d5dbdb; --soft: #f2f3f3;
  --error: #d13212; --error-bg: #fdf3f1; --warning: #8a6500; --warning-line: #f2b600; --warning-bg: #fffbeb;
  --ok: #1d8102; --ok-bg: #f2f8f0; }
* { box-sizing: border-box; }
body { margin: 0; background: #ffffff; color: var(--ink);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", Arial, sans-serif; }
main { max-width: 1280px; margin: 0 auto; padding: 16px clamp(12px, 3vw, 32px) 48px; }
h1 { font-size: 1.6em; margin: 0.2em 0 0.3em; overflow-wrap: anywhere; }
h2 { font-size: 1.2em; margin: 1.8em 0 0.6em; padding-bottom: 0.2em; border-bottom: 1px solid var(--line); }
h3 { font-size: 1em; margin: 1.2em 0 0.4em; }
code, .mono { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.92em; }
.muted { color: var(--muted); }
.outcome { overflow-wrap: anywhere; font-size: 1.1em; font-weight: 600; padding: 8px 12px; border-radius: 4px; border-left: 6px solid; }
.outcome[data-outcome="blocked"] { background: var(--error-bg); border-color: var(--error); color: var(--error); }
.outcome[data-outcome="needs-choices"] { background: var(--warning-bg); border-color: var(--warning-line); color: var(--warning); }
.outcome[data-outcome="ready"] { background: var(--ok-bg); border-color: var(--ok); color: var(--ok); }
.facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); gap: 4px 24px; margin: 12px 0; }
.facts div { min-width: 0; }
.facts dt { color: var(--muted); font-size: 0.85em; }
.facts dd { margin: 0; overflow-wrap: anywhere; }
.counts { margin: 8px 0; }
.diagram { overflow: auto; max-height: 80vh; border: 1px solid var(--line); border-radius: 4px; background: #ffffff; }
.diagram svg { display: block; }
.legend { display: flex; flex-wrap: wrap; gap: 16px; margin: 6px 0; color: var(--muted); font-size: 0.9em; }
.swatch { display: inline-block; width: 14px; height: 10px; margin-right: 4px; border: 3px solid; border-radius: 2px; vertical-align: -1px; }
.swatch.error { border-color: var(--error); }
.swatch.warning { border-color: var(--warning-line); }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: 0.92em; }
th, td { text-align: left; vertical-align: top; padding: 5px 8px; border-bottom: 1px solid var(--line); }
th { background: var(--soft); font-weight: 600; white-space: nowrap; }
td { overflow-wrap: anywhere; }
td:first-child { white-space: nowrap; }
/* A finding's code is one kebab-case word: broken anywhere it reads as two codes. */
tr[data-severity] td:nth-child(2) { white-space: nowrap; }
tr[data-severity="error"] td:first-child { color: var(--error); font-weight: 600; }
tr[data-severity="warning"] td:first-child { color: var(--warning); font-weight: 600; }
tr[data-severity="error"] { background: var(--error-bg); }
tr[data-severity="warning"] { background: var(--warning-bg); }
tr.unresolved { background: var(--warning-bg); }
tr.unresolved .by { color: var(--warning); font-weight: 600; }
ul.changes { margin: 0.3em 0; padding-left: 1.3em; }
footer { margin-top: 32px; color: var(--muted); font-size: 0.85em; }
@media print {
  main { max-width: none; padding: 0; }
  .diagram { overflow: visible; max-height: none; border: none; }
  .diagram svg { max-width: 100%; height: auto; }
  .table-wrap { overflow: visible; }
  h2 { break-after: avoid; }
  tr, .outcome { break-inside: avoid; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;
