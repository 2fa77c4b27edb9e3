import type { ServiceDeps } from '../core/deps.js';
import type { FlowContent } from '../core/flow.js';
import { parseFlowContent } from '../core/formats/parseFlowContent.js';
import type { ImportResult } from '../core/service/importFlows.js';
import { diffFlows } from '../core/versions/diff.js';
import type { FlowVersion } from '../core/versions/types.js';
import { renderHtmlReport } from '../render/htmlReport.js';

/** What a report needs: the versions to read and the files to keep the page in. */
type ReportDeps = Pick<ServiceDeps, 'versions' | 'files' | 'clock'>;

/** Where a version's HTML report is kept in the FileStore, beside the version it describes. */
export function reportKey(env: string, flowKey: string, version: number): string {
  return `reports/${encodeURIComponent(env)}/${encodeURIComponent(flowKey)}/${version}.html`;
}

/**
 * Renders the HTML report of every version an import created and keeps it with the version, so
 * the page a reviewer opens later shows the import as it was (its diff against what was
 * published then). Never throws: a report that cannot be kept is rendered when first opened.
 */
export async function storeImportReports(
  deps: ReportDeps,
  result: ImportResult,
  log: (message: string, error?: unknown) => void,
): Promise<void> {
  const created = result.flows.flatMap((f) => (f.created && f.version !== null ? [f.version] : []));
  await Promise.all(
    created.map(async (version) => {
      try {
        await storeReport(deps, result.env, version);
      } catch (error) {
        log(`the report of ${version.flowKey} v${version.number} in ${result.env} was not stored`, error);
      }
    }),
  );
}

/**
 * A version's report: the stored page, or (for a version stored without one: a replacement
 * picked, a rollback, a report that failed to store) rendered now and kept. Null when there is
 * no such version.
 */
export async function loadVersionReport(
  deps: ReportDeps,
  env: string,
  flowKey: string,
  number: number,
): Promise<string | null> {
  const stored = await deps.files.get(reportKey(env, flowKey, number));
  if (stored !== null) return new TextDecoder().decode(stored);
  const version = await deps.versions.getVersion(env, flowKey, number);
  if (version === null) return null;
  return storeReport(deps, env, version);
}

async function storeReport(deps: ReportDeps, env: string, version: FlowVersion): Promise<string> {
  const html = await renderVersionReport(deps, env, version);
  await deps.files.put(
    reportKey(env, version.flowKey, version.number),
    new TextEncoder().encode(html),
    'text/html; charset=utf-8',
  );
  return html;
}

/** The page for `version`, compared with the version published in `env` now. */
export async function renderVersionReport(
  deps: Pick<ServiceDeps, 'versions' | 'clock'>,
  env: string,
  version: FlowVersion,
): Promise<string> {
  const head = await deps.versions.getHead(env, version.flowKey);
  const publishedNumber = head?.published ?? null;
  const published =
    publishedNumber === null || publishedNumber === version.number
      ? null
      : await deps.versions.getVersion(env, version.flowKey, publishedNumber);
  const content = contentOf(version);
  return renderHtmlReport({
    env,
    version,
    content,
    diff: published === null ? null : diffFlows(contentOf(published), content),
    publishedVersion: publishedNumber,
    generatedAt: deps.clock.now().toISOString(),
  });
}

/** A stored version's content: Flow Language the store accepted, parsed and checked again. */
function contentOf(version: FlowVersion): FlowContent {
  const checked = parseFlowContent(JSON.parse(version.content));
  if (!checked.ok) throw new Error(`${version.flowKey} v${version.number} is not stored as Flow Language`);
  return checked.content;
}
