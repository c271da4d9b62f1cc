import { describe, expect, it, vi } from 'vitest';
import { createHandlers, dispatch } from '../../../main/services/dispatch';
import { CHANNEL_NAMES } from '../../../shared/ipc/channels';
import { contract, type Handlers } from '../../../shared/ipc/contract';
import { testBackupFiles } from './backupTestFiles';
import { createUnitKeys } from '../../../main/services/unitKey';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';

const deps = { version: '0.1.0', mode: 'browser' as const, dataDir: '/tmp/zw', platform: 'linux', backups: testBackupFiles(), unitKeys: createUnitKeys({ fs, dir: '/tmp/zw-keys-unused', join: path.join, os: null, now: Date.now }) };

function spyHandlers(): Handlers & { calls: number } {
  const handlers = { ...createHandlers(deps), calls: 0 };
  handlers['auth:hashPassword'] = vi.fn(async () => {
    handlers.calls += 1;
    return { hash: 'h' };
  });
  return handlers;
}

describe('IPC dispatch', () => {
  it('the preload list of channels is the contract', () => {
    expect([...CHANNEL_NAMES].sort()).toEqual(Object.keys(contract).sort());
  });

  it('answers a valid request', async () => {
    expect(await dispatch(createHandlers(deps), 'app:info', {})).toEqual({ ok: true, value: { version: '0.1.0', mode: 'browser', dataDir: '/tmp/zw', platform: 'linux' } });
  });

  it.each([
    ['a number for a string', { password: 5 }],
    ['an extra key', { password: 'x', admin: true }],
    ['no object', 'password'],
    ['null', null],
    ['an empty password', { password: '' }],
    ['an oversize password', { password: 'x'.repeat(129) }],
    ['a prototype trick', JSON.parse('{"__proto__": {"password": "x"}}')],
  ])('rejects %s before the handler runs', async (_what, request) => {
    const handlers = spyHandlers();
    const result = await dispatch(handlers, 'auth:hashPassword', request);
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(handlers.calls).toBe(0);
  });

  it('rejects a channel that is not in the contract', async () => {
    expect(await dispatch(createHandlers(deps), 'fs:readFile', { path: '/etc/passwd' })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(await dispatch(createHandlers(deps), 'toString', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(await dispatch(createHandlers(deps), 42, {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });

  it('turns a handler failure into INTERNAL without its stack', async () => {
    const handlers = createHandlers(deps);
    handlers['app:info'] = async () => {
      throw new Error('secret path /home/x');
    };
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const result = await dispatch(handlers, 'app:info', {});
    expect(result).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'internal error' } });
  });

  it('hashes and verifies through the real handlers', async () => {
    const handlers = createHandlers(deps);
    const hashed = await dispatch(handlers, 'auth:hashPassword', { password: 'Abcdefg1' });
    expect(hashed.ok).toBe(true);
    const hash = (hashed as { ok: true; value: { hash: string } }).value.hash;
    expect(await dispatch(handlers, 'auth:verifyPassword', { password: 'Abcdefg1', hash })).toEqual({ ok: true, value: { ok: true } });
    expect(await dispatch(handlers, 'auth:verifyPassword', { password: 'Abcdefg2', hash })).toEqual({ ok: true, value: { ok: false } });
  });
});
