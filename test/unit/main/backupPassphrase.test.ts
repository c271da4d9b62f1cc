import { describe, expect, it } from 'vitest';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { randomBytes } from 'node:crypto';
import { createBackupFiles } from '../../../main/services/backupFiles';
import { createBackupPassphrase } from '../../../main/services/backupPassphrase';
import { sealWithUnitKeys } from '../../../main/services/backupSeal';
import { createUnitKeys } from '../../../main/services/unitKey';
import { anyHashMatches } from '../../../main/services/passwords';
import { createHandlers, dispatch } from '../../../main/services/dispatch';
import { testGuard } from './backupTestFiles';
import { BACKUP_FORMAT, BACKUP_VERSION, FOOTER_BYTES, MAGIC, readFooter, type BackupDraft } from '../../../shared/backup/format';
import { isPassSealed, readPassHeader, SealedBackupReader } from '../../../shared/backup/passSeal';
import { fromHex } from '../../../shared/bundle/suites';
import { Sm3Stream } from '../../../shared/crypto/sm3';

const PASSWORD = 'Admin-pass1';
const PASSPHRASE = '庄浪县备份口令Bak2026';
const UNIT = { id: 'unit-1', name: '庄浪县信息办', code: 'ZL-001' };

async function setup() {
  const data = mkdtempSync(path.join(tmpdir(), 'zw-pass-'));
  const unitKeys = createUnitKeys({ fs, dir: path.join(data, 'keys'), join: path.join, os: null, now: Date.now });
  const guard = testGuard(data);
  await guard.setupAdmin({ unitId: UNIT.id, accountId: 'a', username: 'admin', password: PASSWORD });
  await unitKeys.create({ unit: UNIT, suite: 'sm2-sm3', accountId: 'a', password: PASSWORD, replace: false });
  const seal = sealWithUnitKeys(unitKeys, anyHashMatches);
  const randomId = () => randomBytes(16).toString('hex');
  const passphrase = createBackupPassphrase({ fs, file: path.join(data, 'backup-passphrase.json'), os: null, now: Date.now, randomId });
  const files = createBackupFiles({ fs, path, now: () => new Date(), configFile: path.join(data, 'cfg.json'), fallbackDir: path.join(data, 'before'), seal, randomId, passphrase });
  const dir = path.join(data, 'usb');
  await fs.mkdir(dir);
  await files.setFolder(dir);
  const handlers = createHandlers({ version: '1', mode: 'browser', dataDir: data, platform: 'linux', backups: files, unitKeys, guard, backupPassphrase: passphrase });
  const call = (channel: string, request: unknown) => dispatch(handlers, channel as never, request as never);
  return { data, dir, files, seal, passphrase, call };
}

/** A plain backup's bytes: the magic, a body, and the draft that describes them. */
function plainBody(): { bytes: Uint8Array; draft: BackupDraft } {
  const bytes = new Uint8Array([...MAGIC, ...randomBytes(300_000)]);
  const draft: BackupDraft = { format: BACKUP_FORMAT, version: BACKUP_VERSION, createdAt: 1, createdBy: '李四', appVersion: '0.1.0', dbVersion: 5, unit: UNIT, counts: {}, frames: 0, body: { bytes: bytes.length, sm3: new Sm3Stream().update(bytes).hex() }, admins: [] };
  return { bytes, draft };
}

/** Opens a sealed file as the restore does: main gives the file key for the passphrase, the page reads through the chunks. */
async function unsealed(call: Awaited<ReturnType<typeof setup>>['call'], file: Uint8Array, passphrase: string): Promise<Uint8Array | { code: string }> {
  const head = file.subarray(0, 2048);
  const answer = (await call('backupPass:unlock', { head: Buffer.from(head).toString('base64'), passphrase })) as { ok: true; value: { ok: true; fileKey: string; start: number } | { ok: false; code: string } };
  if (!answer.value.ok) return { code: answer.value.code };
  const read = readPassHeader(head);
  if (!read.ok) throw new Error('header');
  const reader = new SealedBackupReader(read.header, fromHex(answer.value.fileKey), answer.value.start, file.length, async (o, l) => file.slice(o, o + l));
  return reader.read(0, reader.size);
}

describe('backups sealed with the passphrase main keeps', () => {
  it('seals every backup main writes once set, opens with the passphrase, says so for a wrong one, and keeps the signature rules', async () => {
    const { dir, files, seal, call, data } = await setup();
    expect(await call('backupPass:set', { unitId: UNIT.id, accountId: 'a', password: 'wrong-pass1', passphrase: PASSPHRASE })).toEqual({ ok: true, value: { ok: false, code: 'wrongPassword' } });
    expect(await call('backupPass:set', { unitId: UNIT.id, accountId: 'a', password: PASSWORD, passphrase: 'short1A' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await call('backupPass:set', { unitId: UNIT.id, accountId: 'a', password: PASSWORD, passphrase: PASSPHRASE })).toEqual({ ok: true, value: { ok: true } });
    expect(await call('backupPass:status', {})).toMatchObject({ ok: true, value: { set: true, setBy: 'a' } });
    // Main keeps the key scrypt made, never the passphrase.
    expect(await fs.readFile(path.join(data, 'backup-passphrase.json'), 'utf8')).not.toContain(PASSPHRASE);

    const { bytes, draft } = plainBody();
    const id = await files.begin({ unitCode: UNIT.code, kind: 'auto' });
    await files.append(id, bytes.subarray(0, 100_000));
    await files.append(id, bytes.subarray(100_000));
    const { name } = await files.finish({ id, draft, password: PASSWORD, keep: 5 });
    const file = new Uint8Array(await fs.readFile(path.join(dir, name)));
    expect(isPassSealed(file)).toBe(true);
    expect(Buffer.from(file).includes(Buffer.from(UNIT.name))).toBe(false);

    expect(await unsealed(call, file, 'Not-the-passphrase-2026')).toEqual({ code: 'wrongPassphrase' });
    const plain = await unsealed(call, file, PASSPHRASE);
    if (!(plain instanceof Uint8Array)) throw new Error('did not open');
    expect(plain.subarray(0, bytes.length)).toEqual(bytes);
    const footer = readFooter(plain.subarray(plain.length - FOOTER_BYTES), plain.length)!;
    const manifest = plain.subarray(footer.manifestAt, footer.manifestAt + footer.manifestLength);
    const signature = new TextDecoder().decode(plain.subarray(footer.manifestAt + footer.manifestLength, plain.length - FOOTER_BYTES));
    expect(await seal.verify(manifest, signature)).toMatchObject({ ok: true, signer: 'thisPc' });
  }, 60_000);

  it('seals a backup the page assembles (a download) through main, and stops sealing once dropped', async () => {
    const { dir, files, call } = await setup();
    expect(await call('backupPass:begin', {})).toEqual({ ok: true, value: { ok: false, code: 'notSet' } });
    await call('backupPass:set', { unitId: UNIT.id, accountId: 'a', password: PASSWORD, passphrase: PASSPHRASE });
    const begun = (await call('backupPass:begin', {})) as { value: { ok: true; id: string; head: string } };
    const { bytes } = plainBody();
    const pushed = (await call('backupPass:push', { id: begun.value.id, data: Buffer.from(bytes.subarray(0, 200_000)).toString('base64') })) as { value: { ok: true; data: string } };
    const ended = (await call('backupPass:end', { id: begun.value.id, data: Buffer.from(bytes.subarray(200_000)).toString('base64') })) as { value: { ok: true; data: string } };
    const file = new Uint8Array(Buffer.concat([begun.value.head, pushed.value.data, ended.value.data].map((b) => Buffer.from(b, 'base64'))));
    expect(await unsealed(call, file, PASSPHRASE)).toEqual(bytes);
    expect(await call('backupPass:end', { id: begun.value.id, data: '' })).toEqual({ ok: true, value: { ok: false, code: 'unknownSession' } });

    expect(await call('backupPass:clear', { accountId: 'a', password: PASSWORD })).toEqual({ ok: true, value: { ok: true } });
    const plain = plainBody();
    const id = await files.begin({ unitCode: UNIT.code, kind: 'manual' });
    await files.append(id, plain.bytes);
    const { name } = await files.finish({ id, draft: plain.draft, password: PASSWORD, keep: 5 });
    expect(isPassSealed(new Uint8Array(await fs.readFile(path.join(dir, name))))).toBe(false);
  }, 60_000);
});
