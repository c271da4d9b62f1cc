import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { tmpdir } from 'node:os';
import { createUnitKeys, UnitKeyError, type OsProtector } from '../../../main/services/unitKey';
import { createHandlers, dispatch } from '../../../main/services/dispatch';
import { testBackupFiles, testGuard } from './backupTestFiles';
import { keyHolders } from '../../../main/services/signinGuard';
import { parseEnrolment, rotationSignedBy } from '../../../shared/bundle/enrolment';
import { verify } from '../../../shared/bundle/suites';
import { utf8 } from '../../../shared/crypto/sm3';

let dir: string;
const unit = { id: '019b8b8f-8f40-7001-8000-000000000000', name: '庄浪县政府办', code: 'ZL-01' };
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(tmpdir(), 'zw-keys-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

// Stands in for safeStorage: reversible, and visibly not the plain text.
const fakeOs: OsProtector = {
  encrypt: (plain) => Buffer.from(plain.split('').reverse().join(''), 'utf8'),
  decrypt: (sealed) => sealed.toString('utf8').split('').reverse().join(''),
};

describe('the unit key in main', () => {
  it('is made once, sealed with the password where there is no OS keystore, and signs only with that password', async () => {
    const keys = createUnitKeys({ fs, dir: path.join(dir, 'pw'), join: path.join, os: null, now: () => 1000 });
    expect(await keys.status(unit.id)).toBeNull();
    const status = await keys.create({ unit, suite: 'sm2-sm3', accountId: 'admin-1', password: '正确的密码1', replace: false });
    expect(status).toMatchObject({ suite: 'sm2-sm3', protection: 'password', rotated: false, retired: 0 });
    expect(status.fingerprint).toMatch(/^\d{5}( \d{5}){7}$/);
    await expect(keys.create({ unit, suite: 'sm2-sm3', accountId: 'admin-1', password: 'x', replace: false })).rejects.toEqual(new UnitKeyError('exists'));

    const file = await fs.readFile(path.join(dir, 'pw', `${unit.id}.json`), 'utf8');
    const message = utf8('{"manifest":1}');
    const signed = await keys.sign({ unitId: unit.id, password: '正确的密码1', message });
    expect(verify('sm2-sm3', status.publicKey, message, signed.signature)).toBe(true);
    expect(signed.keyId).toBe(status.keyId);
    // The private key is not in the file in the clear.
    const secret = JSON.parse(file) as { protection: { kind: string } };
    expect(secret.protection.kind).toBe('password');
    await expect(keys.sign({ unitId: unit.id, password: 'wrong', message })).rejects.toEqual(new UnitKeyError('wrongPassword'));
    await expect(keys.sign({ unitId: 'other-unit', password: 'x', message })).rejects.toEqual(new UnitKeyError('noKey'));
  });

  it('rotates to a new key whose enrolment the old key signs; a replacement is unsigned', async () => {
    const keys = createUnitKeys({ fs, dir: path.join(dir, 'os'), join: path.join, os: fakeOs, now: () => 2000 });
    const first = await keys.create({ unit, suite: 'sm2-sm3', accountId: 'admin-1', password: '', replace: false });
    expect(first.protection).toBe('os');
    const rotated = await keys.rotate({ unitId: unit.id, accountId: 'admin-2', password: '' });
    expect(rotated).toMatchObject({ rotated: true, retired: 1, createdBy: 'admin-2' });
    expect(rotated.keyId).not.toBe(first.keyId);
    const parsed = parseEnrolment(JSON.stringify(await keys.enrolment({ ...unit, name: '庄浪县人民政府办公室' })));
    if (!parsed.ok) throw new Error(parsed.detail);
    expect(parsed.enrolment.unitName).toBe('庄浪县人民政府办公室');
    expect(rotationSignedBy(parsed.enrolment, { suite: first.suite, publicKey: first.publicKey, keyId: first.keyId, unitId: unit.id })).toBe(true);

    const replaced = await keys.create({ unit, suite: 'ed25519-sha256', accountId: 'admin-1', password: '', replace: true });
    expect(replaced).toMatchObject({ suite: 'ed25519-sha256', rotated: false, retired: 2 });
    const text = await fs.readFile(path.join(dir, 'os', `${unit.id}.json`), 'utf8');
    expect(text).not.toContain('"privateKey"');
  });

  it('answers over IPC with a code the renderer can show, not an internal error', async () => {
    const guard = testGuard();
    await guard.setupAdmin({ unitId: unit.id, accountId: 'a', username: 'admin', password: 'Pw-12345' });
    const handlers = createHandlers({
      version: '1', mode: 'browser', dataDir: dir, platform: 'linux',
      backups: testBackupFiles(),
      unitKeys: createUnitKeys({ fs, dir: path.join(dir, 'ipc'), join: path.join, os: null, now: Date.now }),
      guard,
    });
    expect(await dispatch(handlers, 'unitKey:status', { unitId: unit.id })).toEqual({ ok: true, value: { key: null, damaged: false } });
    expect(await dispatch(handlers, 'bundle:sign', { unitId: unit.id, accountId: 'a', password: 'Pw-12345', manifest: 'e30=' })).toEqual({ ok: true, value: { ok: false, code: 'noKey' } });
    const made = await dispatch(handlers, 'unitKey:create', { unit, suite: 'ed25519-sha256', accountId: 'a', password: 'Pw-12345', replace: false });
    expect(made).toMatchObject({ ok: true, value: { ok: true, key: { suite: 'ed25519-sha256' } } });
    expect(await dispatch(handlers, 'bundle:sign', { unitId: unit.id, accountId: 'a', password: 'nope', manifest: 'e30=' })).toEqual({ ok: true, value: { ok: false, code: 'badPassword' } });
    expect(await dispatch(handlers, 'bundle:sign', { unitId: unit.id, accountId: 'a', password: 'Pw-12345', manifest: 'e30=' })).toMatchObject({ ok: true, value: { ok: true, suite: 'ed25519-sha256' } });
    expect(await dispatch(handlers, 'unitKey:status', { unitId: '../../etc/passwd' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it('in OS-keystore mode too, main uses the key only after checking the password itself, and counts it', async () => {
    const guard = testGuard();
    await guard.setupAdmin({ unitId: unit.id, accountId: 'a', username: 'admin', password: 'Pw-12345' });
    const handlers = createHandlers({
      version: '1', mode: 'electron', dataDir: dir, platform: 'win32',
      backups: testBackupFiles(),
      unitKeys: createUnitKeys({ fs, dir: path.join(dir, 'ipc-os'), join: path.join, os: fakeOs, now: Date.now }),
      guard,
    });
    await dispatch(handlers, 'unitKey:create', { unit, suite: 'ed25519-sha256', accountId: 'a', password: 'Pw-12345', replace: false });
    const sign = (password: string) => dispatch(handlers, 'bundle:sign', { unitId: unit.id, accountId: 'a', password, manifest: 'e30=' });
    expect(await sign('anything')).toEqual({ ok: true, value: { ok: false, code: 'badPassword' } });
    expect(await dispatch(handlers, 'unitKey:rotate', { unitId: unit.id, accountId: 'a', password: '' })).toEqual({ ok: true, value: { ok: false, code: 'badPassword' } });
    expect(await dispatch(handlers, 'unitKey:create', { unit, suite: 'ed25519-sha256', accountId: 'a', password: 'x', replace: true })).toEqual({ ok: true, value: { ok: false, code: 'badPassword' } });
    for (let i = 0; i < 2; i++) await sign('anything');
    // Five wrong tries lock the account: now even the right password opens nothing.
    expect(await sign('Pw-12345')).toEqual({ ok: true, value: { ok: false, code: 'locked' } });
  }, 20_000);

  it('a damaged key file is said so, refuses to sign, and can be replaced; the replaced key stays sealed among the retired', async () => {
    const guard = testGuard();
    await guard.setupAdmin({ unitId: unit.id, accountId: 'a', username: 'admin', password: 'Pw-12345' });
    const keyDir = path.join(dir, 'damaged');
    const handlers = createHandlers({
      version: '1', mode: 'browser', dataDir: dir, platform: 'linux',
      backups: testBackupFiles(),
      unitKeys: createUnitKeys({ fs, dir: keyDir, join: path.join, os: null, now: Date.now }),
      guard,
    });
    await dispatch(handlers, 'unitKey:create', { unit, suite: 'ed25519-sha256', accountId: 'a', password: 'Pw-12345', replace: false });
    const file = path.join(keyDir, `${unit.id}.json`);
    const first = JSON.parse(await fs.readFile(file, 'utf8')) as { keyId: string; protection: unknown };
    // A replacement that the old password could not open keeps the old private key, still sealed.
    await dispatch(handlers, 'unitKey:create', { unit, suite: 'ed25519-sha256', accountId: 'a', password: 'Pw-12345', replace: true });
    const second = JSON.parse(await fs.readFile(file, 'utf8')) as { retired: { keyId: string; protection: unknown }[] };
    expect(second.retired).toEqual([expect.objectContaining({ keyId: first.keyId, protection: first.protection })]);

    await fs.writeFile(file, (await fs.readFile(file, 'utf8')).slice(0, 200));
    expect(await dispatch(handlers, 'unitKey:status', { unitId: unit.id })).toEqual({ ok: true, value: { key: null, damaged: true } });
    expect(await dispatch(handlers, 'bundle:sign', { unitId: unit.id, accountId: 'a', password: 'Pw-12345', manifest: 'e30=' })).toEqual({ ok: true, value: { ok: false, code: 'damaged' } });
    expect(await dispatch(handlers, 'unitKey:create', { unit, suite: 'ed25519-sha256', accountId: 'a', password: 'Pw-12345', replace: false })).toEqual({ ok: true, value: { ok: false, code: 'damaged' } });
    const replaced = await dispatch(handlers, 'unitKey:create', { unit, suite: 'ed25519-sha256', accountId: 'a', password: 'Pw-12345', replace: true });
    expect(replaced).toMatchObject({ ok: true, value: { ok: true, key: { rotated: false } } });
    expect(await dispatch(handlers, 'unitKey:status', { unitId: unit.id })).toMatchObject({ ok: true, value: { damaged: false, key: { suite: 'ed25519-sha256' } } });
    expect((await fs.readdir(keyDir)).some((n) => n.startsWith(`${unit.id}.json.damaged-`))).toBe(true);
    expect(await dispatch(handlers, 'bundle:sign', { unitId: unit.id, accountId: 'a', password: 'Pw-12345', manifest: 'e30=' })).toMatchObject({ ok: true, value: { ok: true } });
  }, 30_000);

  it('without an OS keystore, the office key opens for its auditors with their own passwords, after one grant; never for an account without the permission', async () => {
    const guard = testGuard();
    await guard.setupAdmin({ unitId: unit.id, accountId: 'admin-1', username: 'admin', password: 'Admin-2026' });
    const signed = await guard.signIn({ unitId: unit.id, username: 'admin', password: 'Admin-2026' });
    if (!signed.ok || !signed.session) throw new Error('no session');
    const handlers = createHandlers({
      version: '1', mode: 'browser', dataDir: dir, platform: 'linux',
      backups: testBackupFiles(),
      unitKeys: createUnitKeys({ fs, dir: path.join(dir, 'office'), join: path.join, os: null, now: Date.now, holders: keyHolders(guard) }),
      guard,
    });
    await dispatch(handlers, 'unitKey:create', { unit, suite: 'ed25519-sha256', accountId: 'admin-1', password: 'Admin-2026', replace: false });
    await guard.saveAccount({ session: signed.session, accountId: 'auditor-1', username: 'kaohe', role: 'auditor', retired: false, password: 'Kaohe-2026' });
    await guard.saveAccount({ session: signed.session, accountId: 'duty-1', username: 'duty', role: 'duty', retired: false, password: 'Duty-2026x' });
    const sign = (accountId: string, password: string, grant?: string) => dispatch(handlers, 'bundle:sign', { unitId: unit.id, accountId, password, ...(grant ? { grant } : {}), manifest: 'e30=' });

    // Someone else's password is not the auditor's.
    expect(await sign('auditor-1', 'Admin-2026')).toEqual({ ok: true, value: { ok: false, code: 'badPassword' } });
    expect(await sign('auditor-1', 'Kaohe-2026')).toEqual({ ok: true, value: { ok: false, code: 'needGrant' } });
    // A wrong grant is counted like a wrong password: with one more wrong sign-in, three tries are left.
    expect(await sign('auditor-1', 'Kaohe-2026', 'guess-123')).toEqual({ ok: true, value: { ok: false, code: 'wrongPassword' } });
    expect(await guard.signIn({ unitId: unit.id, username: 'kaohe', password: 'wrong-1' })).toEqual({ ok: false, left: 3 });
    expect(await sign('auditor-1', 'Kaohe-2026', 'Admin-2026')).toMatchObject({ ok: true, value: { ok: true } });
    // From then on the auditor's own password is all it takes, and it survives a change of that password.
    expect(await sign('auditor-1', 'Kaohe-2026')).toMatchObject({ ok: true, value: { ok: true } });
    await guard.changePassword({ accountId: 'auditor-1', current: 'Kaohe-2026', next: 'Kaohe-2027' });
    expect(await sign('auditor-1', 'Kaohe-2027')).toMatchObject({ ok: true, value: { ok: true } });
    expect(await sign('duty-1', 'Duty-2026x', 'Admin-2026')).toEqual({ ok: true, value: { ok: false, code: 'forbidden' } });
    // A rotation seals the new key to every holder at once.
    expect(await dispatch(handlers, 'unitKey:rotate', { unitId: unit.id, accountId: 'auditor-1', password: 'Kaohe-2027' })).toEqual({ ok: true, value: { ok: false, code: 'forbidden' } });
    expect(await dispatch(handlers, 'unitKey:rotate', { unitId: unit.id, accountId: 'admin-1', password: 'Admin-2026' })).toMatchObject({ ok: true, value: { ok: true } });
    expect(await sign('auditor-1', 'Kaohe-2027')).toMatchObject({ ok: true, value: { ok: true } });
  }, 60_000);
});
