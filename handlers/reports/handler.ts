/**
 * `GET /reports/<token>`: the HTML report of one stored version, for anyone holding a link
 * flowgate signed (Slack reports, drop reports, webhook answers) until it expires. The same
 * handler runs in Lambda and under `npm start`.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { REPORT_PREFIX, readReportToken } from '../../app/reportLinks.js';
import { loadVersionReport } from '../../app/versionReport.js';
import type { ServiceDeps } from '../../core/deps.js';

/** A Lambda handler of API Gateway HTTP API (payload v2) events. */
export type ReportHttpHandler = (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>;

/** What {@link createReportHandler} needs. */
export interface ReportDeps {
  readonly service: Pick<ServiceDeps, 'versions' | 'files' | 'clock'>;
  /** The secret report links are signed with. */
  readonly secret: string;
  readonly log?: (message: string, error?: unknown) => void;
}

/** The page loads nothing: inline styles and an inline SVG only. */
const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'private, no-store',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/** Serves reports: 200 with the page, 403 for a link that is not ours or has expired, 404 otherwise. */
export function createReportHandler(deps: ReportDeps): ReportHttpHandler {
  const log = deps.log ?? ((message, error) => console.error(message, error ?? ''));
  return async (event) => {
    const method = event.requestContext.http.method.toUpperCase();
    if (method !== 'GET' && method !== 'HEAD') return plain(405, 'Reports are read with GET.');
    const token = tokenOf(event);
    if (token === null) return plain(404, 'Not found.');
    const reading = readReportToken(deps.secret, token, deps.service.clock.now());
    if (reading.kind === 'expired')
      return plain(
        403,
        'This report link has expired (links work for a week). Run `/flow versions <flow>` in Slack for a fresh one.',
      );
    if (reading.kind === 'invalid')
      return plain(403, 'This is not a valid flowgate report link: copy the whole link from Slack.');
    const { env, flowKey, version } = reading.target;
    try {
      const html = await loadVersionReport(deps.service, env, flowKey, version);
      if (html === null)
        return plain(404, `There is no version ${version} of ${flowKey} in ${env} any more.`);
      return { statusCode: 200, headers: PAGE_HEADERS, body: method === 'HEAD' ? '' : html };
    } catch (error) {
      log(`flowgate: the report of ${flowKey} v${version} in ${env} could not be served`, error);
      return plain(500, 'flowgate could not show this report right now. Try again in a minute.');
    }
  };
}

/**
 * The token: API Gateway's path parameter (right behind a custom domain's base path too), else
 * what follows `/reports/` in the path (`npm start`).
 */
function tokenOf(event: APIGatewayProxyEventV2): string | null {
  const fromRoute = event.pathParameters?.token;
  if (fromRoute !== undefined) return fromRoute;
  const at = event.rawPath.indexOf(REPORT_PREFIX);
  return at === -1 ? null : event.rawPath.slice(at + REPORT_PREFIX.length);
}

function plain(statusCode: number, message: string): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
    body: message,
  };
}
