import type { IncomingMessage, ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/** A Lambda handler of API Gateway HTTP API (payload v2) events. */
export type HttpLambda = (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>;

/**
 * Requests larger than this are refused before they are read whole (Slack's are a few kB): the
 * most a Lambda is invoked with, so what `npm start` takes is what AWS takes.
 */
export const MAX_BODY_BYTES = 6 * 1024 * 1024;

/** Options of {@link serveLambda}. */
export interface ServeLambdaOptions {
  /** The route takes raw bytes whatever the content type says (curl sends zips as a form). */
  readonly binary?: boolean;
  /** What to do instead, said in the 413 answer to a body over {@link MAX_BODY_BYTES}. */
  readonly tooLargeHint?: string;
}

/**
 * Serves a Lambda HTTP handler from a Node HTTP server, so `npm start` and the end-to-end tests
 * run exactly the code API Gateway runs. Text bodies are passed as UTF-8 text, not base64 (Bolt's
 * Lambda receiver decodes base64 bodies as ASCII, which breaks non-ASCII text); anything else (a
 * zip posted to the webhook) as base64, as API Gateway does, so its bytes arrive intact.
 */
export async function serveLambda(
  handler: HttpLambda,
  req: IncomingMessage,
  res: ServerResponse,
  options: ServeLambdaOptions = {},
): Promise<void> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) {
      refuseTooLarge(req, res, options.tooLargeHint ?? 'Send a smaller request.');
      return;
    }
    chunks.push(buffer);
  }
  const url = new URL(req.url ?? '/', 'http://localhost');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  const event = {
    version: '2.0',
    routeKey: `${req.method ?? 'GET'} ${url.pathname}`,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    queryStringParameters: Object.fromEntries(url.searchParams),
    requestContext: { http: { method: req.method ?? 'GET', path: url.pathname } },
    ...bodyOf(Buffer.concat(chunks), headers['content-type'] ?? '', options.binary === true),
  } as unknown as APIGatewayProxyEventV2;
  const result = await handler(event);
  const body =
    result.isBase64Encoded === true ? Buffer.from(result.body ?? '', 'base64') : (result.body ?? '');
  res.writeHead(result.statusCode ?? 200, stringHeaders(result.headers)).end(body);
}

/**
 * Writes the documented error answer, `{"error": {code, message, hint}}` as JSON: what every route
 * of the local host answers when the request fails before or outside its handler.
 */
export function writeJsonError(
  res: ServerResponse,
  statusCode: number,
  error: { readonly code: string; readonly message: string; readonly hint: string },
): void {
  res
    .writeHead(statusCode, { 'content-type': 'application/json' })
    .end(`${JSON.stringify({ error }, null, 2)}\n`);
}

function refuseTooLarge(req: IncomingMessage, res: ServerResponse, hint: string): void {
  writeJsonError(res, 413, {
    code: 'body-too-large',
    message: `The body is over ${MAX_BODY_BYTES} bytes (6 MB), more than a request may carry.`,
    hint,
  });
  // The rest is read and dropped rather than left unread: a client still sending would see the
  // connection reset instead of this answer.
  req.resume();
}

function stringHeaders(headers: APIGatewayProxyStructuredResultV2['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) out[name] = String(value);
  return out;
}

const TEXT_TYPES = /^(text\/|application\/(json|x-www-form-urlencoded|xml)|[^;]*\+json)/i;

/** `binary`: see {@link ServeLambdaOptions}. */
function bodyOf(
  bytes: Buffer,
  contentType: string,
  binary: boolean,
): { body: string; isBase64Encoded: boolean } {
  return !binary && (TEXT_TYPES.test(contentType.trim()) || bytes.length === 0)
    ? { body: bytes.toString('utf8'), isBase64Encoded: false }
    : { body: bytes.toString('base64'), isBase64Encoded: true };
}
