import { describe, expect, it } from 'vitest';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { freshDb, unitWithAdmin, deviceInput } from './helpers';
import { BackupError, LAST_RESTORE_KEY, blobSource, createBackup, openBackup, restoreBackup, sealedHead, unsealedSource, type OpenedBackup } from '../../../renderer/db/backup';
import { beginSealedBackup, deriveBackupKey, openWithPassphrase, readPassHeader } from '../../../shared/backup/passSeal';
import { createDevices } from '../../../renderer/db/devices';
import { createLedgerRecords } from '../../../renderer/db/ledgers';
import { addAttachment, readAttachment } from '../../../renderer/db/attachments';
import { readFileSync } from 'node:fs';
import { verifyUnitChain } from '../../../renderer/db/integrity';
import { createUnitKeys } from '../../../main/services/unitKey';
import { sealWithUnitKeys, type BackupSeal } from '../../../main/services/backupSeal';
import { hashPassword, anyHashMatches } from '../../../main/services/passwords';
import { frameHeader, MAGIC, trailer, type BackupDraft } from '../../../shared/backup/format';
import { hashEntry, sealEntry, openEntry } from '../../../shared/changelog/chain';
import { Sm3Stream, toHex, utf8 } from '../../../shared/crypto/sm3';
import type { ZwDb } from '../../../renderer/db/schema';
import { databaseDirectory, DATABASES_KEY, type DatabaseDirectory } from '../../../renderer/db/databases';
import Dexie from 'dexie';

const PASSWORD = 'Admin-pass1';

async function dump(db: ZwDb): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const t of db.tables) out[t.name] = await t.toArray();
  out.meta = (out.meta as { key: string }[]).filter((m) => m.key !== LAST_RESTORE_KEY);
  return out;
}

async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await new Response(new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer());
}
async function gzip(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await new Response(new Blob([bytes as BlobPart]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer());
}

/** A main process of its own: a key folder that holds keys or, on a fresh install, none. */
function mainProcess() {
  const unitKeys = createUnitKeys({ fs, dir: path.join(mkdtempSync(path.join(tmpdir(), 'zw-keys-')), 'keys'), join: path.join, os: null, now: Date.now });
  return { unitKeys, seal: sealWithUnitKeys(unitKeys, anyHashMatches) };
}

async function filled(): Promise<{ db: ZwDb; unitId: string; main: ReturnType<typeof mainProcess> }> {
  const db = freshDb();
  const actor = await unitWithAdmin(db);
  await db.accounts.update(actor.accountId, { passwordHash: await hashPassword(PASSWORD) });
  await createDevices(db, actor, Array.from({ length: 30 }, (_, i) => deviceInput(i)));
  await createLedgerRecords(db, actor, 'dutyLogs', [{ date: '2026-11-24', shift: 'day', staff: '赵六', equipment: 'normal' }]);
  const [training] = await createLedgerRecords(db, actor, 'trainings', [{ heldOn: '2026-11-20', organiser: '市信息办', topic: '专网安全', attendees: ['李四'] }]);
  await addAttachment(db, actor, 'trainings', training!.id, '签到表.pdf', new Uint8Array(readFileSync('test/fixtures/attachments/sheet.pdf')));
  await db.meta.put({ key: 'idleMinutes', value: 30 });
  const main = mainProcess();
  const unit = (await db.units.get(actor.unitId))!;
  await main.unitKeys.create({ unit: { id: unit.id, name: unit.name, code: unit.code }, suite: 'sm2-sm3', accountId: actor.accountId, password: PASSWORD, replace: false });
  return { db, unitId: actor.unitId, main };
}

/** The body as createBackup streams it, and the file once main has signed the manifest. */
async function backupFile(db: ZwDb, seal: BackupSeal, frameChars?: number): Promise<{ file: Uint8Array; draft: BackupDraft; body: Uint8Array[] }> {
  const body: Uint8Array[] = [];
  const draft = await createBackup(db, { createdBy: '李四', appVersion: '0.1.0', sink: { write: async (b) => void body.push(b.slice()) }, frameChars });
  const { manifestBytes, signature } = await seal.seal(draft, PASSWORD);
  return { file: concat([...body, trailer(manifestBytes, signature)]), draft, body };
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The page's record of which database is live, over a Map instead of localStorage, with `db` live. */
function directoryFor(db: ZwDb): DatabaseDirectory & { stored: () => unknown } {
  const map = new Map<string, string>([[DATABASES_KEY, JSON.stringify({ live: db.name, drop: [] })]]);
  const store = { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v) };
  return Object.assign(databaseDirectory(store), { stored: () => JSON.parse(map.get(DATABASES_KEY)!) as unknown });
}

const open = (file: Uint8Array, db: ZwDb) => openBackup(blobSource(new Blob([file as BlobPart])), db);

/** What RestorePanel asks main before writing: refuse unless the seal verdict is ok. */
const approveBy = (seal: BackupSeal, password?: string) => async (b: OpenedBackup) => {
  const verdict = await seal.verify(b.manifestBytes, b.signature, password);
  if (!verdict.ok) throw new Error(`refused: ${verdict.code}`);
};

/** Splits a body into its frames, each decoded to its lines, for an attacker to edit. */
async function frames(body: Uint8Array): Promise<string[][]> {
  const out: string[][] = [];
  let at = MAGIC.length;
  while (at < body.length) {
    const len = new DataView(body.buffer, body.byteOffset + at, 4).getUint32(0);
    out.push(new TextDecoder().decode(await gunzip(body.subarray(at + 4, at + 4 + len))).split('\n'));
    at += 4 + len;
  }
  return out;
}

/** The attacker's remade file: edited frames, a recomputed body hash, a manifest signed by `seal` (or the old signature kept). */
async function remake(edited: string[][], draft: BackupDraft, seal: BackupSeal | { keep: { manifestBytes: Uint8Array; signature: string } }, tweak: (d: BackupDraft) => BackupDraft = (d) => d) {
  const parts: Uint8Array[] = [MAGIC];
  for (const lines of edited) {
    const gz = await gzip(utf8(lines.join('\n')));
    parts.push(frameHeader(gz.length), gz);
  }
  const body = concat(parts);
  const forged = tweak({ ...draft, body: { bytes: body.length, sm3: new Sm3Stream().update(body).hex() } });
  const sealed = 'keep' in seal ? seal.keep : await seal.seal(forged, PASSWORD);
  return concat([body, trailer(sealed.manifestBytes, sealed.signature)]);
}

/** Someone else's PC with its own key for the same unit id: what a forger has. */
async function forgerSeal(unit: { id: string; name: string; code: string }): Promise<BackupSeal> {
  const forger = mainProcess();
  await forger.unitKeys.create({ unit, suite: 'sm2-sm3', accountId: 'x', password: PASSWORD, replace: false });
  return forger.seal;
}

describe('backup and restore', () => {
  it('a backup restored on a fresh install gives the identical database, chain verified, after the backup’s administrator password', async () => {
    const { db, unitId, main } = await filled();
    const { file, draft } = await backupFile(db, main.seal, 2000);
    expect(draft.counts.devices).toBe(30);
    expect(draft.frames).toBeGreaterThan(3);
    const fresh = freshDb();
    await fresh.open();
    const freshMain = mainProcess();
    const opened = await open(file, fresh);
    expect(await freshMain.seal.verify(opened.manifestBytes, opened.signature)).toMatchObject({ ok: false, code: 'needPassword', fingerprint: (await main.unitKeys.status(unitId))!.fingerprint });
    const directory = directoryFor(fresh);
    const namesBefore = await Dexie.getDatabaseNames();
    await expect(restoreBackup(fresh, opened, { directory, approve: approveBy(freshMain.seal, 'wrong-pass1') })).rejects.toThrow('wrongPassword');
    expect(await Dexie.getDatabaseNames()).toEqual(namesBefore);
    const progress: number[] = [];
    const { counts, db: restored } = await restoreBackup(fresh, opened, { directory, approve: approveBy(freshMain.seal, PASSWORD), onProgress: (p) => progress.push(p.done) });
    expect(counts).toEqual(draft.counts);
    expect(progress.length).toBe(draft.frames);
    expect(progress.at(-1)).toBe(Object.values(draft.counts).reduce((a, b) => a + b, 0));
    // The restored data is a new database, now the live one; the empty one it replaced goes at the next start.
    expect(directory.live()).toBe(restored.name);
    expect(restored.name).not.toBe(fresh.name);
    expect(directory.stored()).toEqual({ live: restored.name, drop: [fresh.name] });
    expect(await dump(restored)).toEqual(await dump(db));
    expect((await verifyUnitChain(restored, unitId)).ok).toBe(true);
    // The attached scan comes back byte for byte, its SM3 matching its record.
    const [attachment] = await restored.attachments.toArray();
    expect((await readAttachment(restored, attachment!)).ok).toBe(true);
    expect((await restored.meta.get(LAST_RESTORE_KEY))?.value).toMatchObject({ unit: { name: '庄浪县信息办', code: 'ZL-001' }, counts: { devices: 30 } });
    fresh.close();
    await directory.dropLeftovers();
    expect(await Dexie.getDatabaseNames()).not.toContain(fresh.name);
    expect(await Dexie.getDatabaseNames()).toContain(restored.name);
    expect(directory.stored()).toEqual({ live: restored.name, drop: [] });
  });

  it('the PC that made it restores it over its own data; any other key is refused', async () => {
    const { db, unitId, main } = await filled();
    const { file } = await backupFile(db, main.seal);
    const opened = await open(file, db);
    expect(await main.seal.verify(opened.manifestBytes, opened.signature)).toMatchObject({ ok: true, signer: 'thisPc' });
    const directory = directoryFor(db);
    const { db: restored } = await restoreBackup(db, opened, { directory, approve: approveBy(main.seal) });
    expect(await dump(restored)).toEqual(await dump(db));
    expect(directory.live()).toBe(restored.name);
    // A rotated key still accepts what the retired one signed.
    await main.unitKeys.rotate({ unitId, accountId: 'a', password: PASSWORD });
    expect(await main.seal.verify(opened.manifestBytes, opened.signature)).toMatchObject({ ok: true, signer: 'thisPc' });
    const other = mainProcess();
    await other.unitKeys.create({ unit: { id: 'OTHER', name: '别的单位', code: 'OT-1' }, suite: 'sm2-sm3', accountId: 'x', password: PASSWORD, replace: false });
    expect(await other.seal.verify(opened.manifestBytes, opened.signature, PASSWORD)).toMatchObject({ ok: false, code: 'otherKey' });
  });

  it('refuses an administrator hash swapped into the file, however the checksum and signature are remade, leaving the database as it was', async () => {
    const { db, main } = await filled();
    const unit = (await db.units.toArray())[0]!;
    const { draft, body } = await backupFile(db, main.seal);
    const attackerHash = await hashPassword('Attacker-1');
    const edited = (await frames(concat(body))).map((lines) =>
      lines[0]!.includes('"accounts"') ? lines.map((l, i) => (i === 0 || l === '' ? l : JSON.stringify({ ...JSON.parse(l), passwordHash: attackerHash }))) : lines,
    );
    const withAttackerAdmin = (d: BackupDraft) => ({ ...d, admins: d.admins.map((a) => ({ ...a, passwordHash: attackerHash })) });
    const before = await dump(db);

    // 1. The body changed, the genuine signature kept: the signed hash no longer matches.
    const { manifestBytes, signature } = await main.seal.seal(draft, PASSWORD);
    const kept = await remake(edited, draft, { keep: { manifestBytes, signature } });
    await expect(open(kept, db).then((b) => restoreBackup(db, b, { directory: directoryFor(db), approve: approveBy(main.seal) }))).rejects.toMatchObject({ code: 'damaged' });
    expect(await dump(db)).toEqual(before);

    // 2. The manifest edited to match, the old signature kept: the signature fails.
    const reworded = utf8(new TextDecoder().decode(manifestBytes).replace(/"passwordHash":"[^"]+"/, `"passwordHash":"${attackerHash}"`));
    expect(await main.seal.verify(reworded, signature)).toMatchObject({ ok: false, code: 'badSignature' });

    // 3. Re-signed with the forger's own key: this unit's PC refuses it …
    const forged = await open(await remake(edited, draft, await forgerSeal({ id: unit.id, name: unit.name, code: unit.code }), withAttackerAdmin), db);
    expect(await main.seal.verify(forged.manifestBytes, forged.signature)).toMatchObject({ ok: false, code: 'otherKey' });
    await expect(restoreBackup(db, forged, { directory: directoryFor(db), approve: approveBy(main.seal) })).rejects.toThrow('otherKey');
    expect(await dump(db)).toEqual(before);
    // … and a fresh install shows a fingerprint that is not the unit's, which the administrator compares with the key card.
    const verdict = await mainProcess().seal.verify(forged.manifestBytes, forged.signature, 'Attacker-1');
    expect(verdict.fingerprint).not.toBe((await main.unitKeys.status(unit.id))!.fingerprint);
  });

  it('refuses history rewritten and re-chained', async () => {
    const { db, main } = await filled();
    const unit = (await db.units.toArray())[0]!;
    const { draft, body } = await backupFile(db, main.seal);
    // Edit an entry and recompute every hash after it: the chain itself verifies again.
    const edited = (await frames(concat(body))).map((lines) => {
      if (!lines[0]!.includes('"changelog"')) return lines;
      let prev: string | undefined;
      return lines.map((l, i) => {
        if (i === 0 || l === '') return l;
        const commit = JSON.parse(l) as { entries: Parameters<typeof openEntry>[0][]; lastHash: string };
        commit.entries = commit.entries.map((sealed) => {
          const e = openEntry(sealed);
          const { hash: _h, ...rest } = e;
          const changed = { ...rest, prevHash: prev ?? rest.prevHash, record: JSON.parse(JSON.stringify(rest.record).replace('负责人0', '负责人X')) as typeof rest.record };
          const resealed = sealEntry(changed);
          prev = hashEntry(changed);
          return resealed;
        });
        commit.lastHash = prev!;
        return JSON.stringify(commit);
      });
    });
    const before = await dump(db);
    const resigned = await open(await remake(edited, draft, await forgerSeal({ id: unit.id, name: unit.name, code: unit.code })), db);
    await expect(restoreBackup(db, resigned, { directory: directoryFor(db), approve: approveBy(main.seal) })).rejects.toThrow('otherKey');
    const kept = await remake(edited, draft, { keep: await main.seal.seal(draft, PASSWORD) });
    await expect(open(kept, db).then((b) => restoreBackup(db, b, { directory: directoryFor(db), approve: approveBy(main.seal) }))).rejects.toMatchObject({ code: 'damaged' });
    expect(await dump(db)).toEqual(before);
  });

  it('refuses a truncated file, one damaged in its last frame, a first-version unsigned file and a non-backup, writing nothing', async () => {
    const { db, main } = await filled();
    const { file } = await backupFile(db, main.seal, 2000);
    const target = freshDb();
    await unitWithAdmin(target);
    const before = await dump(target);
    await expect(open(file.subarray(0, file.length - 40), target)).rejects.toBeInstanceOf(BackupError);
    await expect(open(utf8('not a backup at all, not even close'), target)).rejects.toMatchObject({ code: 'format' });
    await expect(open(await gzip(utf8('{"format":"zwledger-backup","version":1}\n{}')), target)).rejects.toMatchObject({ code: 'unsigned' });
    // Flip a byte near the end of the body: the frames before it are written into a new database, which is then deleted.
    const opened = await open(file, target);
    const damaged = file.slice();
    damaged[opened.manifest.body.bytes - 10]! ^= 0xff;
    const directory = directoryFor(target);
    const namesBefore = await Dexie.getDatabaseNames();
    const written: number[] = [];
    await expect(restoreBackup(target, await open(damaged, target), { directory, approve: async () => undefined, onProgress: (p) => written.push(p.done) })).rejects.toBeInstanceOf(BackupError);
    expect(written.length).toBeGreaterThan(2);
    expect(await dump(target)).toEqual(before);
    expect(directory.stored()).toEqual({ live: target.name, drop: [] });
    expect(await Dexie.getDatabaseNames()).toEqual(namesBefore);
  });
});

describe('a backup sealed with a passphrase', () => {
  it('restores through its chunks like any backup; a wrong passphrase opens nothing; a changed chunk restores nothing; the plain file still restores', async () => {
    const { db, main } = await filled();
    const { file } = await backupFile(db, main.seal);
    const kek = await deriveBackupKey('备份口令 Backup-2026', new Uint8Array(16).fill(3), 2 ** 14);
    const { head, sealer } = beginSealedBackup(kek, 'sm2-sm3', 4096);
    const sealedFile = concat([head, sealer.push(file.subarray(0, 5000)), sealer.push(file.subarray(5000)), sealer.finish()]);
    const source = blobSource(new Blob([sealedFile as BlobPart]));
    const start = await sealedHead(source);
    expect(start).not.toBeNull();
    await expect(openBackup(source, db)).rejects.toMatchObject({ code: 'format' });
    const read = readPassHeader(start!);
    if (!read.ok) throw new Error('header');
    expect(await openWithPassphrase(read, 'not the passphrase 1A')).toBeNull();
    const fileKey = toHex((await openWithPassphrase(read, '备份口令 Backup-2026'))!);

    const opened = await openBackup(unsealedSource(source, start!, fileKey), db);
    const directory = directoryFor(db);
    const { db: restored } = await restoreBackup(db, opened, { directory, approve: approveBy(main.seal) });
    expect(await dump(restored)).toEqual(await dump(db));

    const changed = sealedFile.slice();
    changed[read.start + 4096 + 16 + 9]! ^= 1;
    const changedSource = blobSource(new Blob([changed as BlobPart]));
    const target = directoryFor(restored);
    await expect(openBackup(unsealedSource(changedSource, start!, fileKey), restored).then((b) => restoreBackup(restored, b, { directory: target, approve: approveBy(main.seal) }))).rejects.toMatchObject({ code: 'damaged' });
    expect(target.live()).toBe(restored.name);
    await expect(openBackup(unsealedSource(blobSource(new Blob([sealedFile.subarray(0, sealedFile.length - 30) as BlobPart])), start!, fileKey), restored)).rejects.toMatchObject({ code: 'damaged' });

    expect(await sealedHead(blobSource(new Blob([file as BlobPart])))).toBeNull();
    expect((await restoreBackup(restored, await open(file, restored), { directory: target, approve: approveBy(main.seal) })).counts).toBeTruthy();
  }, 60_000);
});
