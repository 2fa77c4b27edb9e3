import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

/**
 * A fake of Slack's Socket Mode on 127.0.0.1 for tests, speaking the protocol the real
 * `@slack/socket-mode` client speaks (see its `SocketModeClient.js` and `SlackWebSocket.js`):
 *
 * 1. the client calls the Web API method `apps.connections.open` with the app token as bearer and
 *    reads `url` from the answer;
 * 2. it opens a WebSocket to that URL and counts as connected once it gets `{"type":"hello"}`;
 * 3. each envelope (`{envelope_id, type, payload, accepts_response_payload}`) is acknowledged by
 *    sending `{envelope_id, payload}` back on the socket (`payload` is `{}` for a bare ack);
 * 4. on `disconnect()` the client sends a close frame and waits for ours.
 *
 * The client and the bot share one Web API base URL (`SLACK_API_URL`), so this fake serves
 * `apps.connections.open` itself and forwards every other request to the fake Slack Web API,
 * presenting it under its own origin: the bot sends its token only to the API URL's origin, so
 * file URLs in the answers are rewritten to point here too.
 * The WebSocket side is `ws` (which answers the client's pings and completes its close handshake).
 */

/** An acknowledgement the client sent for an envelope. */
export interface FakeSocketModeAck {
  readonly envelopeId: string;
  /** What the listener answered through `ack(…)`: `{}` for a bare ack. */
  readonly payload: Readonly<Record<string, unknown>>;
}

/** One `apps.connections.open` call. */
export interface FakeConnectionsOpen {
  /** The bearer token it came with, or null. */
  readonly token: string | null;
}

/** What `startFakeSocketMode` needs. */
export interface FakeSocketModeOptions {
  /** The only app token `apps.connections.open` accepts. */
  readonly appToken: string;
  /** The fake Slack Web API's origin (`http://127.0.0.1:<port>`): other `/api/` calls go there. */
  readonly slackApiOrigin: string;
  /** How long `deliver` waits for the ack; default 5 s. */
  readonly ackTimeoutMs?: number;
}

/** A running fake. */
export interface FakeSocketMode {
  /** `http://127.0.0.1:<port>/api/`: pass as the bot's Slack API URL. */
  readonly apiUrl: string;
  /** Every `apps.connections.open` call so far. */
  connectionsOpened(): FakeConnectionsOpen[];
  /** How many WebSockets are open now. */
  openSockets(): number;
  /** Every ack received so far, oldest first. */
  acks(): FakeSocketModeAck[];
  /** The ids of envelopes delivered and not acknowledged yet. */
  unacked(): string[];
  /** Sends an envelope on the open socket and resolves with its ack (rejects after the timeout). */
  deliver(type: string, payload: Readonly<Record<string, unknown>>): Promise<FakeSocketModeAck>;
  /** Resolves once no socket is open (the client completed the close handshake or went away). */
  closed(): Promise<void>;
  /** Drops any socket left and closes the server; again, does nothing. */
  stop(): Promise<void>;
}

/** Starts the fake on a free port of 127.0.0.1. */
export async function startFakeSocketMode(options: FakeSocketModeOptions): Promise<FakeSocketMode> {
  const opened: FakeConnectionsOpen[] = [];
  const acks: FakeSocketModeAck[] = [];
  const pending = new Map<string, (ack: FakeSocketModeAck) => void>();
  const sockets = new Set<WebSocket>();
  const wss = new WebSocketServer({ noServer: true });
  const closedWaiters: (() => void)[] = [];
  let origin = '';
  let envelopes = 0;
  let tickets = 0;

  const onAck = (ack: FakeSocketModeAck) => {
    acks.push(ack);
    const resolve = pending.get(ack.envelopeId);
    pending.delete(ack.envelopeId);
    resolve?.(ack);
  };
  const onClosed = (socket: WebSocket) => {
    sockets.delete(socket);
    if (sockets.size === 0) for (const resolve of closedWaiters.splice(0)) resolve();
  };

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method === 'POST' && path === '/api/apps.connections.open') {
      const token = bearerOf(req);
      opened.push({ token });
      // Drain the (empty) form body before answering, as a real server would.
      req.resume();
      req.on('end', () => {
        tickets += 1;
        answerJson(
          res,
          token === options.appToken
            ? { ok: true, url: `${origin.replace('http:', 'ws:')}/link/?ticket=fake-${tickets}` }
            : { ok: false, error: token === null ? 'not_authed' : 'invalid_auth' },
        );
      });
      return;
    }
    forward(req, res, options.slackApiOrigin, origin);
  });
  server.on('upgrade', (req, socket, head) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path !== '/link/') {
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('message', (data) => {
        const ack = ackOf(data.toString());
        if (ack !== null) onAck(ack);
      });
      ws.on('close', () => onClosed(ws));
      // What Slack sends first; the client only looks at `type`.
      sendJson(ws, {
        type: 'hello',
        num_connections: sockets.size,
        debug_info: { host: 'fake-socket-mode', approximate_connection_time: 18_060 },
        connection_info: { app_id: 'A0FAKEAPP1' },
      });
    });
  });

  const port = await listen(server);
  origin = `http://127.0.0.1:${port}`;
  const ackTimeoutMs = options.ackTimeoutMs ?? 5_000;

  return {
    apiUrl: `${origin}/api/`,
    connectionsOpened: () => [...opened],
    openSockets: () => sockets.size,
    acks: () => [...acks],
    unacked: () => [...pending.keys()],
    deliver: (type, payload) => {
      const socket = [...sockets].at(-1);
      if (socket === undefined) return Promise.reject(new Error('no Socket Mode client is connected'));
      envelopes += 1;
      const envelopeId = `fake-envelope-${envelopes}`;
      return new Promise<FakeSocketModeAck>((resolve, reject) => {
        const timer = setTimeout(() => {
          reject(new Error(`envelope ${envelopeId} (${type}) was not acknowledged in ${ackTimeoutMs} ms`));
        }, ackTimeoutMs);
        pending.set(envelopeId, (ack) => {
          clearTimeout(timer);
          resolve(ack);
        });
        sendJson(socket, {
          envelope_id: envelopeId,
          type,
          payload,
          // Only slash commands and interactivity may carry an answer in their ack.
          accepts_response_payload: type !== 'events_api',
          ...(type === 'events_api' ? { retry_attempt: 0, retry_reason: '' } : {}),
        });
      });
    },
    closed: () =>
      sockets.size === 0 ? Promise.resolve() : new Promise<void>((resolve) => closedWaiters.push(resolve)),
    stop: async () => {
      if (!server.listening) return;
      for (const socket of sockets) socket.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}

/** An envelope's acknowledgement from a message the client sent, or null for anything else. */
function ackOf(text: string): FakeSocketModeAck | null {
  const message: unknown = JSON.parse(text);
  if (!isRecord(message) || typeof message.envelope_id !== 'string') return null;
  return { envelopeId: message.envelope_id, payload: isRecord(message.payload) ? message.payload : {} };
}

function sendJson(socket: WebSocket, message: Readonly<Record<string, unknown>>): void {
  socket.send(JSON.stringify(message));
}

/**
 * Passes a request through to the fake Slack Web API. JSON answers get the fake's origin replaced
 * by `ownOrigin`, so the file and upload URLs they hand out lead back here; other bodies (file
 * downloads) pass untouched.
 */
function forward(req: IncomingMessage, res: ServerResponse, targetOrigin: string, ownOrigin: string): void {
  const upstream = httpRequest(
    new URL(req.url ?? '/', targetOrigin),
    // A fresh connection per call: nothing pooled outlives the test.
    { method: req.method, headers: req.headers, agent: false },
    (answer) => {
      if (!String(answer.headers['content-type']).startsWith('application/json')) {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
        return;
      }
      const chunks: Buffer[] = [];
      answer.on('data', (chunk: Buffer) => chunks.push(chunk));
      answer.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8').replaceAll(targetOrigin, ownOrigin);
        const { 'content-length': _length, ...headers } = answer.headers;
        res.writeHead(answer.statusCode ?? 502, headers);
        res.end(body);
      });
    },
  );
  upstream.on('error', (error) => {
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
    res.end(String(error));
  });
  req.pipe(upstream);
}

function bearerOf(request: IncomingMessage): string | null {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : null;
}

function answerJson(response: ServerResponse, body: Readonly<Record<string, unknown>>): void {
  response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}
