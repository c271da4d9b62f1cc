import { describe, expect, it, vi } from 'vitest';
import { createHandlers, dispatch } from '../../../main/services/dispatch';
import { CHANNEL_NAMES } from '../../../shared/ipc/channels';
import { contract, type Handlers } from '../../../shared/ipc/contract';
import { testBackupFiles, testGuard } from './backupTestFiles';
import { createUnitKeys } from '../../../main/services/unitKey';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';

const deps = { version: '0.1.0', mode: 'browser' as const, dataDir: '/tmp/zw', platform: 'linux', backups: testBackupFiles(), unitKeys: createUnitKeys({ fs, dir: '/tmp/zw-keys-unused', join: path.join, os: null, now: Date.now }), guard: testGuard() };

function spyHandlers(): Handlers & { calls: number } {
  const handlers = { ...createHandlers(deps), calls: 0 };
  handlers['auth:confirm'] = vi.fn(async () => {
    handlers.calls += 1;
    return { ok: false as const, left: 4 };
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
    ['a number for a string', { accountId: 'a-1', password: 5 }],
    ['an extra key', { accountId: 'a-1', password: 'x', admin: true }],
    ['no object', 'password'],
    ['null', null],
    ['a hash instead of an account', { password: 'x', hash: 'scrypt$1$1$1$AAAA$AAAA' }],
    ['an oversize password', { accountId: 'a-1', password: 'x'.repeat(129) }],
    ['a prototype trick', JSON.parse('{"__proto__": {"accountId": "a-1", "password": "x"}}')],
  ])('rejects %s before the handler runs', async (_what, request) => {
    const handlers = spyHandlers();
    const result = await dispatch(handlers, 'auth:confirm', request);
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

  it('no channel checks a password against a hash the caller names', async () => {
    expect(await dispatch(createHandlers(deps), 'auth:verifyPassword', { password: 'Abcdefg1', hash: 'scrypt$x' })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(await dispatch(createHandlers(deps), 'auth:hashPassword', { password: 'Abcdefg1' })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });

  it('sets up, signs in and counts through the real handlers', async () => {
    const handlers = createHandlers({ ...deps, guard: testGuard() });
    const made = await dispatch(handlers, 'auth:setup', { unitId: 'u-1', accountId: 'a-1', username: 'admin', password: 'Abcdefg1' });
    expect(made).toMatchObject({ ok: true, value: { ok: true, hash: expect.stringMatching(/^scrypt\$131072\$8\$1\$/) } });
    expect(await dispatch(handlers, 'auth:signIn', { unitId: 'u-1', username: 'admin', password: 'Abcdefg2' })).toEqual({ ok: true, value: { ok: false, left: 4 } });
    expect(await dispatch(handlers, 'auth:confirm', { accountId: 'a-1', password: 'Abcdefg2' })).toEqual({ ok: true, value: { ok: false, left: 3 } });
    expect(await dispatch(handlers, 'auth:signIn', { unitId: 'u-1', username: 'admin', password: 'Abcdefg1' })).toMatchObject({ ok: true, value: { ok: true, accountId: 'a-1', role: 'admin', session: expect.stringMatching(/^[0-9a-f]{64}$/) } });
  });
});
