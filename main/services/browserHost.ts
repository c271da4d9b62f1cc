import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { BACKUP_MAX_BASE64, TOKEN_COOKIE, type Handlers } from '../../shared/ipc/contract';
import { dispatch } from './dispatch';
import { CONTENT_SECURITY_POLICY, mimeType, resolveAppFile } from '../hardening';

/**
 * Browser mode (DESIGN.md): serves the built renderer on 127.0.0.1 and answers
 * the IPC contract over HTTP with the very same handlers. Development and
 * end-to-end tests only; never part of an installer.
 */

export interface BrowserHostOptions {
  rendererDir: string;
  handlers: Handlers;
  token: string;
  port: number;
}

const MAX_BODY = 1024 * 1024;
/** A backup travels in pieces; only those requests may be large. */
const MAX_BACKUP_BODY = BACKUP_MAX_BASE64 + 4096;
const HOST = '127.0.0.1';

function send(res: ServerResponse, status: number, body: string | Buffer, type: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': type, 'x-content-type-options': 'nosniff', 'content-security-policy': CONTENT_SECURITY_POLICY, 'cache-control': 'no-store', ...extra });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown, extra: Record<string, string> = {}): void {
  send(res, status, JSON.stringify(value), 'application/json; charset=utf-8', extra);
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

function tokenMatches(given: string | undefined, token: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The body, or undefined once it passes the limit: the caller answers 413 and the rest is not read. */
function readBody(req: IncomingMessage, limit: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      resolve(undefined);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > limit) {
        over = true;
        chunks.length = 0;
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!over) resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });
}

export function createBrowserHost(options: BrowserHostOptions) {
  let port = options.port;

  // DNS rebinding: a page at evil.example resolving to 127.0.0.1 would send
  // its own Host header; only our literal loopback names are accepted.
  const hostAllowed = (host: string | undefined) => host === `${HOST}:${port}` || host === `localhost:${port}`;

  async function handleIpc(req: IncomingMessage, res: ServerResponse, channel: string): Promise<void> {
    // A JSON content type cannot be sent by a plain cross-site form, so no request of another site's page gets this far.
    const json = (req.headers['content-type'] ?? '').split(';')[0]!.trim() === 'application/json';
    if (!hostAllowed(req.headers.host) || !json || !tokenMatches(cookieValue(req.headers.cookie, TOKEN_COOKIE), options.token)) {
      req.resume();
      sendJson(res, 403, { ok: false, error: { code: 'FORBIDDEN', message: 'forbidden' } });
      return;
    }
    const body = await readBody(req, channel === 'backup:append' || channel === 'sealed:append' ? MAX_BACKUP_BODY : MAX_BODY);
    if (body === undefined) {
      // The rest is read and thrown away so the client hears the 413 rather than a reset; a body that never ends is cut off.
      req.resume();
      setTimeout(() => req.destroy(), 10_000).unref();
      sendJson(res, 413, { ok: false, error: { code: 'BAD_REQUEST', message: 'request too large' } }, { connection: 'close' });
      return;
    }
    let request: unknown;
    try {
      request = JSON.parse(body);
    } catch {
      sendJson(res, 400, { ok: false, error: { code: 'BAD_REQUEST', message: 'not JSON' } });
      return;
    }
    sendJson(res, 200, await dispatch(options.handlers, channel, request));
  }

  async function handleStatic(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    if (!hostAllowed(req.headers.host)) return send(res, 403, 'forbidden', 'text/plain');
    const file = resolveAppFile(options.rendererDir, path);
    if (!file) return send(res, 404, 'not found', 'text/plain');
    try {
      const body = await readFile(file);
      // The token rides in a cookie no script can read and no other site's page can send; never in the HTML.
      const cookie = file.endsWith('index.html') ? { 'set-cookie': `${TOKEN_COOKIE}=${options.token}; HttpOnly; SameSite=Strict; Path=/` } : undefined;
      send(res, 200, body, mimeType(file), cookie);
    } catch {
      send(res, 404, 'not found', 'text/plain');
    }
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://placeholder');
    const ipc = /^\/ipc\/([\w:.-]+)$/.exec(url.pathname);
    const work =
      req.method === 'POST' && ipc
        ? handleIpc(req, res, ipc[1]!)
        : req.method === 'GET' || req.method === 'HEAD'
          ? handleStatic(req, res, url.pathname)
          : Promise.resolve(send(res, 405, 'method not allowed', 'text/plain'));
    work.catch(() => {
      if (!res.headersSent) send(res, 500, 'internal error', 'text/plain');
    });
  });

  return {
    start(): Promise<{ url: string; port: number }> {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(options.port, HOST, () => {
          port = (server.address() as AddressInfo).port;
          resolve({ url: `http://${HOST}:${port}/`, port });
        });
      });
    },
    close(): Promise<void> {
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
