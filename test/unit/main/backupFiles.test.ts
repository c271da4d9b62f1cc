import { describe, expect, it } from 'vitest';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { randomBytes } from 'node:crypto';
import { createBackupFiles, BackupFileError } from '../../../main/services/backupFiles';
import { sealWithUnitKeys } from '../../../main/services/backupSeal';
import { createUnitKeys } from '../../../main/services/unitKey';
import { anyHashMatches } from '../../../main/services/passwords';
import { createHandlers, dispatch } from '../../../main/services/dispatch';
import { testGuard } from './backupTestFiles';
import { BACKUP_FORMAT, BACKUP_VERSION, MAGIC, readFooter, FOOTER_BYTES, type BackupDraft } from '../../../shared/backup/format';
import { Sm3Stream } from '../../../shared/crypto/sm3';

const PASSWORD = 'Admin-pass1';
const UNIT = { id: 'unit-1', name: '庄浪县信息办', code: 'ZL-001' };

async function setup(options: { now?: () => Date; fs?: typeof fs } = {}) {
  const data = mkdtempSync(path.join(tmpdir(), 'zw-bak-'));
  const unitKeys = createUnitKeys({ fs, dir: path.join(data, 'keys'), join: path.join, os: null, now: Date.now });
  await unitKeys.create({ unit: UNIT, suite: 'sm2-sm3', accountId: 'a', password: PASSWORD, replace: false });
  const seal = sealWithUnitKeys(unitKeys, anyHashMatches);
  const files = createBackupFiles({
    fs: options.fs ?? fs,
    path,
    now: options.now ?? (() => new Date()),
    configFile: path.join(data, 'backup-folder.json'),
    fallbackDir: path.join(data, 'before-restore'),
    seal,
    randomId: () => randomBytes(16).toString('hex'),
  });
  return { data, files, seal, unitKeys };
}

function body(extra: number[]): { bytes: Uint8Array; draft: BackupDraft } {
  const bytes = new Uint8Array([...MAGIC, ...extra]);
  return {
    bytes,
    draft: {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      createdAt: 1,
      createdBy: '李四',
      appVersion: '0.1.0',
      dbVersion: 5,
      unit: UNIT,
      counts: {},
      frames: 0,
      body: { bytes: bytes.length, sm3: new Sm3Stream().update(bytes).hex() },
      admins: [],
    },
  };
}

async function writeOne(files: Awaited<ReturnType<typeof setup>>['files'], kind: 'auto' | 'manual' | 'beforeRestore', unitCode = 'ZL-001', keep = 2) {
  const { bytes, draft } = body([1, 2, 3]);
  const id = await files.begin({ unitCode, kind });
  await files.append(id, bytes.subarray(0, 4));
  await files.append(id, bytes.subarray(4));
  return files.finish({ id, draft, password: PASSWORD, keep });
}

describe('backup files in the folder main keeps', () => {
  it('writes in pieces under a unit-and-time name, signed, keeps the newest N, never prunes a pre-restore backup or another unit’s', async () => {
    let t = new Date(2026, 10, 24, 8, 0, 0).getTime();
    const { data, files, seal } = await setup({ now: () => new Date((t += 86_400_000)) });
    const dir = path.join(data, 'chosen');
    mkdirSync(dir);
    await files.setFolder(dir);
    await writeOne(files, 'auto', 'OTHER-1', 1);
    await writeOne(files, 'beforeRestore', 'ZL-001', 1);
    for (let i = 0; i < 4; i++) await writeOne(files, 'auto');
    const names = (await files.list()).map((f) => f.name);
    expect(names).toEqual([
      'zwledger-ZL-001-20261130-080000-auto.zwbak',
      'zwledger-ZL-001-20261129-080000-auto.zwbak',
      'zwledger-ZL-001-20261126-080000-before-restore.zwbak',
      'zwledger-OTHER-1-20261125-080000-auto.zwbak',
    ].sort().reverse());
    expect((await fs.readdir(dir)).some((n) => n.endsWith('.part'))).toBe(false);
    // The file is the body then the manifest main signed: it verifies against this PC's key.
    const file = new Uint8Array(await fs.readFile(path.join(dir, names[0]!)));
    const footer = readFooter(file.subarray(file.length - FOOTER_BYTES), file.length)!;
    expect(footer.manifestAt).toBe(MAGIC.length + 3);
    const manifest = file.subarray(footer.manifestAt, footer.manifestAt + footer.manifestLength);
    const signature = new TextDecoder().decode(file.subarray(footer.manifestAt + footer.manifestLength, file.length - FOOTER_BYTES));
    expect(await seal.verify(manifest, signature)).toMatchObject({ ok: true, signer: 'thisPc' });
  });

  it('never writes a file whose manifest does not describe the bytes main wrote, nor with a wrong password; nothing is left behind', async () => {
    const { data, files } = await setup();
    await files.setFolder(data);
    const { bytes, draft } = body([9, 9, 9]);
    const id = await files.begin({ unitCode: 'ZL-001', kind: 'manual' });
    await files.append(id, bytes);
    await expect(files.finish({ id, draft: { ...draft, body: { ...draft.body, sm3: 'a'.repeat(64) } }, password: PASSWORD, keep: 3 })).rejects.toMatchObject({ code: 'mismatch' });
    const id2 = await files.begin({ unitCode: 'ZL-001', kind: 'manual' });
    await files.append(id2, bytes);
    await expect(files.finish({ id: id2, draft, password: 'wrong-pass1', keep: 3 })).rejects.toMatchObject({ code: 'wrongPassword' });
    expect((await fs.readdir(data)).filter((n) => n.includes('.zwbak'))).toEqual([]);
  });

  it('a full disk is a code the page explains, and the .part is removed', async () => {
    const full = { ...fs, open: async (...args: Parameters<typeof fs.open>) => {
      const handle = await fs.open(...args);
      return Object.assign(Object.create(handle) as typeof handle, {
        write: async () => {
          throw Object.assign(new Error('no space'), { code: 'ENOSPC' });
        },
        close: () => handle.close(),
      });
    } } as typeof fs;
    const { data, files } = await setup({ fs: full });
    await files.setFolder(data);
    const id = await files.begin({ unitCode: 'ZL-001', kind: 'manual' });
    await expect(files.append(id, body([1]).bytes)).rejects.toMatchObject({ code: 'diskFull' });
    expect((await fs.readdir(data)).filter((n) => n.includes('.zwbak'))).toEqual([]);
  });

  it('writes only into the folder it keeps: a caller cannot name a path, a typed folder must exist, and Electron takes only its dialog’s choice', async () => {
    const { data, files } = await setup();
    await expect(files.begin({ unitCode: 'ZL-001', kind: 'auto' })).rejects.toMatchObject({ code: 'noFolder' });
    await expect(files.setFolder('relative/dir')).rejects.toMatchObject({ code: 'notAbsolute' });
    const missing = path.join(data, 'not', 'there');
    await expect(files.setFolder(missing)).rejects.toBeInstanceOf(BackupFileError);
    await expect(fs.stat(missing)).rejects.toThrow();
    // With no folder, the copy kept before a restore goes to main's own folder.
    const { name } = await writeOne(files, 'beforeRestore');
    expect(await fs.stat(path.join(data, 'before-restore', name))).toBeTruthy();

    const unitKeys = createUnitKeys({ fs, dir: path.join(data, 'keys'), join: path.join, os: null, now: Date.now });
    const browser = createHandlers({ version: '1', mode: 'browser', dataDir: data, platform: 'linux', backups: files, unitKeys, guard: testGuard() });
    expect(await dispatch(browser, 'backup:setFolder', { dir: missing })).toEqual({ ok: true, value: { ok: false, code: 'folderMissing' } });
    expect(await dispatch(browser, 'backup:setFolder', { dir: data })).toEqual({ ok: true, value: { ok: true, dir: data } });
    expect(await dispatch(browser, 'backup:folder', {})).toEqual({ ok: true, value: { dir: data, typed: true } });
    // The old channel took any absolute folder from the caller; it is gone, and a request naming one is refused.
    expect(await dispatch(browser, 'backup:write', { dir: '/etc', unitCode: 'ZL-001', kind: 'auto', data: 'AQID', keep: 3 })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(await dispatch(browser, 'backup:begin', { dir: '/etc', unitCode: 'ZL-001', kind: 'auto' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await dispatch(browser, 'backup:begin', { unitCode: '../../etc', kind: 'auto' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await dispatch(browser, 'backup:chooseFolder', {})).toEqual({ ok: true, value: { dir: null } });

    const chosen = path.join(data, 'chosen-in-dialog');
    mkdirSync(chosen);
    const electron = createHandlers({ version: '1', mode: 'electron', dataDir: data, platform: 'linux', backups: files, unitKeys, guard: testGuard(), chooseFolder: async () => chosen });
    expect(await dispatch(electron, 'backup:setFolder', { dir: data })).toEqual({ ok: true, value: { ok: false, code: 'notTyped' } });
    expect(await dispatch(electron, 'backup:chooseFolder', {})).toEqual({ ok: true, value: { dir: chosen } });
    expect(await files.folder()).toBe(chosen);

    // A document saved as PDF: only where main can print (Electron), under a plain file name.
    expect(await dispatch(browser, 'document:savePdf', { fileName: '自查报告.pdf' })).toEqual({ ok: true, value: { ok: false, code: 'unavailable' } });
    const asked: string[] = [];
    const printing = createHandlers({ version: '1', mode: 'electron', dataDir: data, platform: 'linux', backups: files, unitKeys, guard: testGuard(), savePdf: async (name) => (asked.push(name), name === 'cancel.pdf' ? null : `/home/u/${name}`) });
    expect(await dispatch(printing, 'document:savePdf', { fileName: '2026年度自查报告.pdf' })).toEqual({ ok: true, value: { ok: true, path: '/home/u/2026年度自查报告.pdf' } });
    expect(await dispatch(printing, 'document:savePdf', { fileName: 'cancel.pdf' })).toEqual({ ok: true, value: { ok: false, code: 'cancelled' } });
    for (const fileName of ['../../etc/x.pdf', 'a\\b.pdf', 'report.exe', '', 'a:b.pdf']) expect(await dispatch(printing, 'document:savePdf', { fileName })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(asked).toEqual(['2026年度自查报告.pdf', 'cancel.pdf']);
  });

  it('a backup is signed only for a password main checked and counted, or, with none, for a live session', async () => {
    const data = mkdtempSync(path.join(tmpdir(), 'zw-bak-os-'));
    const os = { encrypt: (p: string) => Buffer.from(p, 'utf8'), decrypt: (b: Buffer) => b.toString('utf8') };
    const unitKeys = createUnitKeys({ fs, dir: path.join(data, 'keys'), join: path.join, os, now: Date.now });
    const guard = testGuard(data);
    await guard.setupAdmin({ unitId: UNIT.id, accountId: 'a', username: 'admin', password: PASSWORD });
    await unitKeys.create({ unit: UNIT, suite: 'sm2-sm3', accountId: 'a', password: PASSWORD, replace: false });
    const files = createBackupFiles({ fs, path, now: () => new Date(), configFile: path.join(data, 'cfg.json'), fallbackDir: path.join(data, 'before'), seal: sealWithUnitKeys(unitKeys, anyHashMatches), randomId: () => randomBytes(16).toString('hex') });
    const handlers = createHandlers({ version: '1', mode: 'electron', dataDir: data, platform: 'win32', backups: files, unitKeys, guard });
    const { draft } = body([1]);
    const seal = (extra: Record<string, string>) => dispatch(handlers, 'backup:seal', { draft, ...extra } as never);
    // With the OS keystore, today's main signed whatever password came with the request.
    expect(await seal({ password: 'guess-1', accountId: 'a' })).toEqual({ ok: true, value: { ok: false, code: 'wrongPassword' } });
    expect(await seal({ password: '' })).toEqual({ ok: true, value: { ok: false, code: 'signedOut' } });
    expect(await seal({ password: '', session: 'e'.repeat(64) })).toEqual({ ok: true, value: { ok: false, code: 'signedOut' } });
    const signed = await guard.signIn({ unitId: UNIT.id, username: 'admin', password: PASSWORD });
    if (!signed.ok || !signed.session) throw new Error('no session');
    expect(await seal({ password: '', session: signed.session })).toMatchObject({ ok: true, value: { ok: true } });
    expect(await seal({ password: PASSWORD, accountId: 'a' })).toMatchObject({ ok: true, value: { ok: true } });
    for (let i = 0; i < 5; i++) await seal({ password: 'guess-2', accountId: 'a' });
    expect(await seal({ password: PASSWORD, accountId: 'a' })).toEqual({ ok: true, value: { ok: false, code: 'locked' } });
  }, 60_000);
});
