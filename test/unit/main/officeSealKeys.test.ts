import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { tmpdir } from 'node:os';
import { createUnitKeys, UnitKeyError } from '../../../main/services/unitKey';
import { sealBundle } from '../../../shared/bundle/seal';
import { readOfficeKeyFile } from '../../../shared/bundle/officeKeyFile';
import { utf8 } from '../../../shared/crypto/sm3';
import { createHandlers, dispatch } from '../../../main/services/dispatch';
import { BACKUP_MAX_BASE64 } from '../../../shared/ipc/contract';
import { testBackupFiles, testGuard } from './backupTestFiles';

let dir: string;
const office = { id: '019b8b8f-8f40-7001-8000-0000000000ff', name: '平凉市信息办', code: 'PL-XXB' };
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(tmpdir(), 'zw-seal-keys-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe("the office's encryption keys in main", () => {
  it('are made beside the signing key, sealed at rest, and open what was sealed to any of them after a rotation', async () => {
    let now = 1000;
    const keys = createUnitKeys({ fs, dir, join: path.join, os: null, now: () => now });
    await keys.create({ unit: office, suite: 'sm2-sm3', accountId: 'aud-1', password: '信息办口令1', replace: false });
    expect(await keys.sealKeys(office.id)).toEqual([]);
    await expect(keys.createSealKey({ unitId: office.id, suite: 'sm2-sm3', accountId: 'aud-1', password: 'wrong' })).rejects.toEqual(new UnitKeyError('wrongPassword'));

    const [first] = await keys.createSealKey({ unitId: office.id, suite: 'sm2-sm3', accountId: 'aud-1', password: '信息办口令1' });
    expect(first!.fingerprint).toMatch(/^\d{5}( \d{5}){7}$/);
    const file = await fs.readFile(path.join(dir, `${office.id}.json`), 'utf8');
    // Only the public half is readable at rest.
    expect(file).toContain(first!.publicKey);
    expect(JSON.parse(file).sealKeys[0].protection.kind).toBe('password');

    const content = utf8('a signed bundle '.repeat(10_000));
    const old = sealBundle(content, first!);
    now = 2000;
    const list = await keys.createSealKey({ unitId: office.id, suite: 'ed25519-sha256', accountId: 'aud-1', password: '信息办口令1' });
    expect(list.map((k) => k.suite)).toEqual(['sm2-sm3', 'ed25519-sha256']);
    const fresh = sealBundle(content, list[1]!);

    for (const sealed of [old, fresh]) {
      const opened = await keys.openSealed({ unitId: office.id, password: '信息办口令1', bytes: sealed });
      expect(opened.ok && opened.content.length).toBe(content.length);
    }
    await expect(keys.openSealed({ unitId: office.id, password: 'wrong', bytes: fresh })).rejects.toEqual(new UnitKeyError('wrongPassword'));
    // Another office's key is told without asking for anything.
    const other = createUnitKeys({ fs, dir: path.join(dir, 'other'), join: path.join, os: null, now: () => 1 });
    await other.create({ unit: { ...office, id: '019b8b8f-8f40-7001-8000-0000000000ee' }, suite: 'sm2-sm3', accountId: 'x', password: 'p', replace: false });
    const [foreign] = await other.createSealKey({ unitId: '019b8b8f-8f40-7001-8000-0000000000ee', suite: 'sm2-sm3', accountId: 'x', password: 'p' });
    expect(await keys.openSealed({ unitId: office.id, password: '信息办口令1', bytes: sealBundle(content, foreign!) })).toMatchObject({ ok: false, failure: 'otherOffice' });

    // The signing key is untouched by all this.
    const signed = await keys.sign({ unitId: office.id, password: '信息办口令1', message: utf8('x') });
    expect(signed.suite).toBe('sm2-sm3');

    const text = await keys.exportSealKeys({ unitId: office.id, password: '信息办口令1', filePassword: '导出口令' });
    expect(text).not.toContain('"privateKey"');
    expect(await readOfficeKeyFile(text, '不对')).toMatchObject({ ok: false, failure: 'wrongPassword' });
    const read = await readOfficeKeyFile(text, '导出口令');
    expect(read.ok && read.keys.map((k) => k.publicKey)).toEqual(list.map((k) => k.publicKey));
    const swapped = JSON.parse(text);
    swapped.keys.reverse();
    expect(await readOfficeKeyFile(JSON.stringify(swapped), '导出口令')).toMatchObject({ ok: false, failure: 'wrongPassword' });
    expect(await readOfficeKeyFile('{"format":"other"}', '导出口令')).toMatchObject({ ok: false, failure: 'notKeyFile' });
  }, 60_000);
});

describe('sealed bundles through the IPC contract', () => {
  it('go to main in pieces, open only for an auditor with the right password, and come back as the signed bundle', async () => {
    const guard = testGuard();
    await guard.setupAdmin({ unitId: office.id, accountId: 'admin-1', username: 'admin', password: 'Admin-2026' });
    const signed = await guard.signIn({ unitId: office.id, username: 'admin', password: 'Admin-2026' });
    if (!signed.ok || !signed.session) throw new Error('no session');
    await guard.saveAccount({ session: signed.session, accountId: 'auditor-1', username: 'kaohe', role: 'auditor', retired: false, password: 'Kaohe-2026' });
    const unitKeys = createUnitKeys({ fs, dir: path.join(dir, 'ipc'), join: path.join, os: null, now: Date.now });
    await unitKeys.create({ unit: office, suite: 'sm2-sm3', accountId: 'auditor-1', password: 'Kaohe-2026', replace: false });
    const handlers = createHandlers({ version: '1', mode: 'browser', dataDir: dir, platform: 'linux', backups: testBackupFiles(), unitKeys, guard });
    const call = async (channel: Parameters<typeof dispatch>[1], request: unknown) => {
      const r = await dispatch(handlers, channel, request);
      if (!r.ok) throw new Error(r.error.message);
      return r.value as Record<string, unknown>;
    };

    expect(await call('sealKey:create', { unitId: office.id, suite: 'sm2-sm3', accountId: 'admin-1', password: 'Admin-2026' })).toEqual({ ok: false, code: 'forbidden' });
    const made = await call('sealKey:create', { unitId: office.id, suite: 'ed25519-sha256', accountId: 'auditor-1', password: 'Kaohe-2026' });
    const key = (made.keys as { suite: 'ed25519-sha256'; publicKey: string }[])[0]!;
    expect((await call('sealKey:list', { unitId: office.id })).keys).toEqual(made.keys);

    const content = new Uint8Array(BACKUP_MAX_BASE64).map((_, i) => (i * 13) & 0xff);
    const sealed = Buffer.from(sealBundle(content, key));
    const send = async () => {
      const { id } = (await call('sealed:begin', {})) as { id: string };
      for (let at = 0; at < sealed.length; at += 3 * 1024 * 1024) expect(await call('sealed:append', { id, data: sealed.subarray(at, at + 3 * 1024 * 1024).toString('base64') })).toEqual({ ok: true });
      return id;
    };
    const refused = await send();
    expect(await call('sealed:open', { id: refused, unitId: office.id, accountId: 'auditor-1', password: 'wrong' })).toEqual({ ok: false, code: 'badPassword' });
    // A refused opening drops what was sent.
    expect(await call('sealed:read', { id: refused, offset: 0 })).toEqual({ ok: false, code: 'unknownSession' });

    const id = await send();
    expect(await call('sealed:open', { id, unitId: office.id, accountId: 'auditor-1', password: 'Kaohe-2026' })).toEqual({ ok: true, size: content.length });
    const back: Buffer[] = [];
    for (let done = false; !done; ) {
      const piece = (await call('sealed:read', { id, offset: back.reduce((n, b) => n + b.length, 0) })) as { data: string; done: boolean };
      back.push(Buffer.from(piece.data, 'base64'));
      done = piece.done;
    }
    expect(Buffer.concat(back).equals(Buffer.from(content))).toBe(true);

    const damaged = Buffer.from(sealed);
    damaged[damaged.length - 100]! ^= 1;
    const { id: bad } = (await call('sealed:begin', {})) as { id: string };
    await call('sealed:append', { id: bad, data: damaged.toString('base64').slice(0, 8 * 1024 * 1024 - 4) });
    await call('sealed:append', { id: bad, data: damaged.toString('base64').slice(8 * 1024 * 1024 - 4) });
    expect(await call('sealed:open', { id: bad, unitId: office.id, accountId: 'auditor-1', password: 'Kaohe-2026' })).toMatchObject({ ok: false, failure: 'corruptChunk' });
  }, 60_000);
});
