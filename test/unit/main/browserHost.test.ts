import { testBackupFiles, testGuard } from './backupTestFiles';
import { createUnitKeys } from '../../../main/services/unitKey';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { createBrowserHost } from '../../../main/services/browserHost';
import { createHandlers } from '../../../main/services/dispatch';

const TOKEN = 'a'.repeat(64);
let close: (() => Promise<void>) | undefined;

async function start() {
  const dir = mkdtempSync(join(tmpdir(), 'zw-host-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><html><head><title>x</title></head></html>');
  const host = createBrowserHost({ rendererDir: dir, handlers: createHandlers({ version: '1', mode: 'browser', dataDir: dir, platform: 'linux', backups: testBackupFiles(), unitKeys: createUnitKeys({ fs, dir: path.join(dir, 'keys'), join: path.join, os: null, now: Date.now }), guard: testGuard() }), token: TOKEN, port: 0 });
  const { port, url } = await host.start();
  close = host.close;
  return { port, url };
}

afterEach(async () => {
  await close?.();
  close = undefined;
});

// Raw http, so the Host header can be set to anything.
function call(port: number, path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: { host: `127.0.0.1:${port}`, ...options.headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
    });
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

const COOKIE = { cookie: `zw-token=${TOKEN}` };
const ipc = (port: number, channel: string, body: string, headers: Record<string, string> = COOKIE) =>
  call(port, `/ipc/${channel}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

describe('browser-mode host', () => {
  it('binds loopback only, and gives the token in an HttpOnly, SameSite=Strict cookie, never in the HTML', async () => {
    const { port, url } = await start();
    expect(url).toBe(`http://127.0.0.1:${port}/`);
    const page = await call(port, '/');
    expect(page.status).toBe(200);
    expect(page.body).not.toContain(TOKEN);
    expect(page.headers['set-cookie']).toEqual([`zw-token=${TOKEN}; HttpOnly; SameSite=Strict; Path=/`]);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('refuses IPC without the token, with a wrong one, or from a foreign Host', async () => {
    const { port } = await start();
    expect((await ipc(port, 'app:info', '{}', {})).status).toBe(403);
    expect((await ipc(port, 'app:info', '{}', { cookie: `zw-token=${'b'.repeat(64)}` })).status).toBe(403);
    expect((await ipc(port, 'app:info', '{}', { ...COOKIE, host: `evil.example:${port}` })).status).toBe(403);
    // The token in the old header is no longer taken, nor a form's content type.
    expect((await ipc(port, 'app:info', '{}', { 'x-zw-token': TOKEN })).status).toBe(403);
    expect((await ipc(port, 'app:info', '{}', { ...COOKIE, 'content-type': 'text/plain' })).status).toBe(403);
    expect((await ipc(port, 'app:info', '{}', { cookie: `other=1; zw-token=${TOKEN}` })).status).toBe(200);
    expect((await call(port, '/', { headers: { host: 'evil.example' } })).status).toBe(403);
  });

  it('answers the contract, and rejects bad requests clearly', async () => {
    const { port } = await start();
    const info = await ipc(port, 'app:info', '{}');
    expect(JSON.parse(info.body)).toMatchObject({ ok: true, value: { mode: 'browser' } });
    expect(JSON.parse((await ipc(port, 'auth:confirm', '{"accountId":"a-1","password":5}')).body)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const notJson = await ipc(port, 'app:info', '{nope');
    expect(notJson.status).toBe(400);
    expect(JSON.parse((await ipc(port, 'shell:openExternal', '{}')).body)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });

  it('refuses an oversize body', async () => {
    const { port } = await start();
    const big = JSON.stringify({ accountId: 'a-1', password: 'x'.repeat(2 * 1024 * 1024) });
    const result = await ipc(port, 'auth:confirm', big);
    expect(result.status).toBe(413);
    expect(JSON.parse(result.body)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: 'request too large' } });
    // Sent in chunks with no declared length, the answer is the same.
    const chunked = await new Promise<number>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path: '/ipc/auth:confirm', method: 'POST', headers: { host: `127.0.0.1:${port}`, 'content-type': 'application/json', 'transfer-encoding': 'chunked', ...COOKIE } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      for (let i = 0; i < 3; i++) req.write('x'.repeat(512 * 1024));
      req.end();
    });
    expect(chunked).toBe(413);
  });

  it('does not serve files outside the renderer folder', async () => {
    const { port } = await start();
    expect((await call(port, '/%2e%2e/%2e%2e/etc/passwd')).status).toBe(404);
  });
});
