import type { ServerResponse } from 'node:http';
import type { FlowContent } from '../../core/flow.js';
import { parseFlowContent } from '../../core/formats/parseFlowContent.js';
import type { ServiceDeps } from '../../core/service/deps.js';
import { diffFlows } from '../../core/versions/diff.js';
import { renderHtmlReport } from '../../render/htmlReport.js';
import { isValidReportLink } from './reportLinks.js';

const REPORT_PATH = /^\/reports\/([^/]+)\/([^/]+)\/(\d+)$/;

/** True for `/reports/<env>/<flowKey>/<version>` paths. */
export function isReportPath(path: string): boolean {
  return REPORT_PATH.test(path);
}

/**
 * Serves a version's HTML report, rendered from the store (so it always matches the version),
 * when the link is signed and not expired: 403 otherwise, 404 for an unknown version.
 */
export async function serveReport(
  deps: ServiceDeps,
  secret: string,
  url: URL,
  res: ServerResponse,
): Promise<void> {
  const match = REPORT_PATH.exec(url.pathname);
  const [, envPart, flowPart, numberPart] = match ?? [];
  if (envPart === undefined || flowPart === undefined || numberPart === undefined) {
    res.writeHead(404).end();
    return;
  }
  if (
    !isValidReportLink(
      secret,
      url.pathname,
      url.searchParams.get('expires'),
      url.searchParams.get('sig'),
      deps.clock.now(),
    )
  ) {
    res
      .writeHead(403, { 'content-type': 'text/plain' })
      .end('This report link is invalid or has expired: ask flowgate for a new one.');
    return;
  }
  const env = decodeURIComponent(envPart);
  const flowKey = decodeURIComponent(flowPart);
  const version = await deps.store.getVersion(env, flowKey, Number(numberPart));
  if (version === null) {
    res
      .writeHead(404, { 'content-type': 'text/plain' })
      .end(`No version ${numberPart} of ${flowKey} in ${env}.`);
    return;
  }
  const head = await deps.store.getHead(env, flowKey);
  const published =
    head?.published === null || head?.published === undefined || head.published === version.number
      ? null
      : await deps.store.getVersion(env, flowKey, head.published);
  const content = contentOf(version.content);
  const html = renderHtmlReport({
    env,
    version,
    content,
    diff: published === null ? null : diffFlows(contentOf(published.content), content),
    publishedVersion: published?.number ?? null,
    generatedAt: deps.clock.now().toISOString(),
  });
  res
    .writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'private, no-store',
      // The page loads nothing: inline styles and an inline SVG only.
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
    })
    .end(html);
}

/** A stored version's content: Flow Language the store accepted, parsed and checked again. */
function contentOf(text: string): FlowContent {
  const checked = parseFlowContent(JSON.parse(text));
  if (!checked.ok) throw new Error('a stored version is not Flow Language');
  return checked.content;
}
