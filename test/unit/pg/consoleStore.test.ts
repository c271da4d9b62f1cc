import { describe, expect, it, onTestFinished } from 'vitest';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import pg from 'pg';
import { createConsoleStore, consoleHolders, failureOf } from '../../../main/services/consoleStore';
import { createHandlers, dispatch } from '../../../main/services/dispatch';
import { createUnitKeys } from '../../../main/services/unitKey';
import { LATEST_VERSION } from '../../../main/services/pgStore/migrations';
import { fixtureUnits } from '../../../shared/bundle/fixture';
import { sealBundle } from '../../../shared/bundle/seal';
import type { Channel } from '../../../shared/ipc/contract';
import { freshDatabase, PG_MISSING, PG_URL } from '../../support/pgServer';
import { testBackupFiles, testGuard } from '../main/backupTestFiles';

const suite = PG_MISSING ? describe.skip : describe;
const office = { id: 'office-1', name: '平凉市信息办', code: 'PL-XXB' };

/** The test server's address as the settings page would take it; trust auth, so any password connects. */
function addressOf(url: string) {
  const u = new URL(url);
  return { host: u.hostname, port: Number(u.port || 5432), database: u.pathname.slice(1), user: decodeURIComponent(u.username) };
}

async function world() {
  const db = await freshDatabase();
  onTestFinished(db.drop);
  const dir = await mkdtemp(path.join(tmpdir(), 'zw-console-store-'));
  const guard = testGuard(dir);
  await guard.setupAdmin({ unitId: office.id, accountId: 'admin-1', username: 'admin', password: 'Admin-2026' });
  const admin = await guard.signIn({ unitId: office.id, username: 'admin', password: 'Admin-2026' });
  if (!admin.ok || !admin.session) throw new Error('no session');
  await guard.saveAccount({ session: admin.session, accountId: 'auditor-1', username: 'kaohe', role: 'auditor', retired: false, password: 'Kaohe-2026' });
  const file = path.join(dir, 'console-database.json');
  const store = () => createConsoleStore({ fs, file, os: null, holders: consoleHolders(guard), now: Date.now });
  const consoleStore = store();
  onTestFinished(() => consoleStore.close());
  const unitKeys = createUnitKeys({ fs, dir: path.join(dir, 'keys'), join: path.join, os: null, now: Date.now });
  const handlers = createHandlers({ version: '1', mode: 'browser', dataDir: dir, platform: 'linux', backups: testBackupFiles(), unitKeys, guard, consoleStore });
  const call = async (channel: Channel, request: unknown) => {
    const r = await dispatch(handlers, channel, request);
    if (!r.ok) throw new Error(r.error.message);
    return r.value as Record<string, unknown>;
  };
  return { db, dir, file, guard, store, unitKeys, handlers, call, adminSession: admin.session, server: addressOf(db.url) };
}

describe('the server\'s errors as the settings page shows them', () => {
  it('maps PostgreSQL\'s codes and the network\'s to what the user can act on', () => {
    expect(failureOf({ code: '28P01' })).toBe('wrongPassword');
    expect(failureOf({ code: '3D000' })).toBe('noDatabase');
    expect(failureOf({ code: '42501' })).toBe('permission');
    expect(failureOf({ code: 'ECONNREFUSED' })).toBe('unreachable');
    expect(failureOf(new Error('Connection terminated due to connection timeout'))).toBe('unreachable');
    expect(failureOf({ code: '22P02' })).toBe('serverError');
  });
});

suite('the console on PostgreSQL, through main', () => {
  it('tests a server, offers to migrate an empty one, and refuses a role that may not create tables', async () => {
    const w = await world();
    const test = (server: object, password = '') => w.call('pgConsole:test', { session: w.adminSession, server, password });
    expect(await test(w.server)).toEqual({ ok: false, code: 'schemaOld', found: 0, needs: LATEST_VERSION });
    expect(await test({ ...w.server, database: 'zw_no_such_db' })).toEqual({ ok: false, code: 'noDatabase' });
    // A port nothing listens on: the server's own port plus one is free in the throwaway cluster's range often enough; 1 never is.
    expect(await test({ ...w.server, port: 1 })).toEqual({ ok: false, code: 'unreachable' });

    // A role without CREATE on the schema (PostgreSQL 15's default for anyone but the owner).
    const role = `zw_reader_${process.pid}`;
    await w.db.pool.query(`create role ${role} login`);
    onTestFinished(async () => {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`drop role if exists ${role}`).catch(() => undefined);
      await c.end();
    });
    await w.db.pool.query(`revoke create on schema public from public`);
    expect(await w.call('pgConsole:migrate', { session: w.adminSession, server: { ...w.server, user: role }, password: '' })).toEqual({ ok: false, code: 'permission' });

    expect(await w.call('pgConsole:migrate', { session: w.adminSession, server: w.server, password: '' })).toEqual({ ok: true, from: 0, to: LATEST_VERSION });
    expect(await test(w.server)).toEqual({ ok: true, version: LATEST_VERSION });
    // Only an administrator sets the server.
    const auditor = await w.guard.signIn({ unitId: office.id, username: 'kaohe', password: 'Kaohe-2026' });
    expect(await w.call('pgConsole:test', { session: auditor.ok ? auditor.session : '', server: w.server, password: '' })).toEqual({ ok: false, code: 'forbidden' });
  }, 60_000);

  it('keeps the password sealed, opens it at an auditor\'s sign-in, and takes in plain and sealed bundles', async () => {
    const w = await world();
    const password = 'S3cret-口令-not-on-disk';
    await w.call('pgConsole:migrate', { session: w.adminSession, server: w.server, password });
    expect(await w.call('pgConsole:save', { session: w.adminSession, unitId: office.id, server: w.server, password })).toEqual({ ok: true });
    const kept = await fs.readFile(w.file, 'utf8');
    expect(kept).not.toContain(password);
    expect(JSON.parse(kept).password.slots.map((s: { accountId: string }) => s.accountId).sort()).toEqual(['admin-1', 'auditor-1']);
    expect(await w.call('pgConsole:status', { session: w.adminSession })).toEqual({ mode: 'pg', server: w.server, ready: true });

    // Main starts again: the password is sealed until a holder signs in.
    const again = w.store();
    onTestFinished(() => again.close());
    const handlers = createHandlers({ version: '1', mode: 'browser', dataDir: w.dir, platform: 'linux', backups: testBackupFiles(), unitKeys: w.unitKeys, guard: w.guard, consoleStore: again });
    const call = async (channel: Channel, request: unknown) => {
      const r = await dispatch(handlers, channel, request);
      if (!r.ok) throw new Error(r.error.message);
      return r.value as Record<string, unknown>;
    };
    expect((await call('pgConsole:status', { session: w.adminSession })).ready).toBe(false);
    expect(await call('pgConsole:units', { session: w.adminSession, now: Date.now(), silentDays: 7 })).toEqual({ ok: false, code: 'forbidden' });
    expect(await call('auth:signIn', { unitId: office.id, username: 'kaohe', password: 'wrong-one' })).toMatchObject({ ok: false });
    const signed = (await call('auth:signIn', { unitId: office.id, username: 'kaohe', password: 'Kaohe-2026' })) as { session: string };
    const session = signed.session;
    expect(await call('pgConsole:units', { session, now: Date.now(), silentDays: 7 })).toEqual({ ok: true, units: [] });

    const [unit] = fixtureUnits({ units: 1, entries: 120, perBundle: 60, suite: 'ed25519-sha256' });
    // Main parses and reviews the files itself: a file that is not an enrolment is counted as refused.
    expect(await call('pgConsole:enrol', { session, files: [JSON.stringify(unit!.enrolment), '{"not":"enrolment"}'] })).toEqual({ ok: true, enrolled: [unit!.enrolment.keyId], refused: 1 });
    expect(await call('pgConsole:enrol', { session, files: [JSON.stringify(unit!.enrolment)] })).toEqual({ ok: true, enrolled: [], refused: 1 });
    await w.unitKeys.create({ unit: office, suite: 'ed25519-sha256', accountId: 'auditor-1', password: 'Kaohe-2026', replace: false });
    const made = await call('sealKey:create', { unitId: office.id, suite: 'ed25519-sha256', accountId: 'auditor-1', password: 'Kaohe-2026' });
    const sealTo = (made.keys as { suite: 'ed25519-sha256'; publicKey: string }[])[0]!;
    const send = async (bytes: Uint8Array) => {
      const { id } = (await call('sealed:begin', {})) as { id: string };
      await call('sealed:append', { id, data: Buffer.from(bytes).toString('base64') });
      return id;
    };
    const ingest = async (bytes: Uint8Array, fileName: string, opener?: object) => (await call('pgConsole:ingest', { session, id: await send(bytes), fileName, ...(opener ? { opener } : {}) })).outcome as { verdict: string };
    const [first, second] = unit!.bundles;
    const sealed = sealBundle(second!.bytes, sealTo);
    expect((await ingest(sealed, 'b.zwb')).verdict).toBe('sealedLocked');
    expect((await ingest(sealed, 'b.zwb', { unitId: office.id, accountId: 'auditor-1', password: 'not-it' })).verdict).toBe('sealedLocked');
    expect((await ingest(sealed, 'b.zwb', { unitId: office.id, accountId: 'auditor-1', password: 'Kaohe-2026' })).verdict).toBe('gapBefore');
    expect((await ingest(first!.bytes, 'a.zwb')).verdict).toBe('valid');
    expect((await ingest(first!.bytes, 'a.zwb')).verdict).toBe('duplicate');

    const units = (await call('pgConsole:units', { session, now: Date.now(), silentDays: 7 })).units as { unitId: string; gaps: unknown[]; lastEntryAt: number }[];
    expect(units.map((u) => [u.unitId, u.gaps])).toEqual([[unit!.unit.id, []]]);
    const received = await call('pgConsole:received', { session, limit: 50 });
    expect(received).toMatchObject({ ok: true, keysEnrolled: 1 });
    expect((received.bundles as { fileName: string; verdict: string }[]).map((b) => [b.fileName, b.verdict]).sort()).toEqual([['a.zwb', 'valid'], ['b.zwb', 'valid']]);
    const tables = (await call('pgConsole:unitRecords', { session, unitId: unit!.unit.id })).tables as Record<string, { at?: number }[]>;
    expect(tables.units).toHaveLength(1);
    const checkins = tables.checkins ?? [];
    expect(checkins.length).toBeGreaterThan(1);
    expect(checkins.every((c, i) => i === 0 || c.at! <= checkins[i - 1]!.at!)).toBe(true);

    // The policy-issue page's and the home page's reads: for an auditor's live session, checked by the contract both ways.
    const known = (await call('pgConsole:knownUnits', { session, officeUnitId: office.id })).units as { unitId: string; level: string | null }[];
    expect(known.map((u) => [u.unitId, u.level])).toEqual([[unit!.unit.id, 'county']]);
    const checkpoints = (await call('pgConsole:checkpoints', { session })).checkpoints as { unitId: string; seq: number; hash: string; missing: unknown[] }[];
    expect(checkpoints).toMatchObject([{ unitId: unit!.unit.id, seq: 120, hash: second!.manifest.lastHash, missing: [] }]);
    const home = await call('pgConsole:home', { session, now: Date.now(), silentDays: 7 });
    expect((home.units as unknown[]).length).toBe(1);
    expect((home.arrivals as { bundles: number }[]).at(-1)!.bundles).toBe(2);
    expect(await call('pgConsole:checkpoints', { session: w.adminSession })).toEqual({ ok: false, code: 'forbidden' });
    expect(await call('pgConsole:home', { session: 'f'.repeat(64), now: Date.now(), silentDays: 7 })).toEqual({ ok: false, code: 'noSession' });
    await expect(call('pgConsole:knownUnits', { session, officeUnitId: "x' or 1=1" })).rejects.toThrow();
    // The evaluation and the notice read the unit's year reduced in main, under the same session check.
    const year = new Date().getFullYear();
    const reduced = (await call('pgConsole:evaluationUnits', { session, officeUnitId: office.id, year, now: Date.now() })).units as { unitId: string; figures: Record<string, unknown> }[];
    expect(reduced.map((u) => u.unitId)).toEqual([unit!.unit.id]);
    expect(Object.keys(reduced[0]!.figures)).toContain('checkinOnTimeRate');
    const named = await call('pgConsole:noticeUnits', { session, officeUnitId: office.id, from: `${year}-01-01`, to: `${year}-01-31`, thresholds: { checkinRate: 1, scanCoverage: 0, isolation: 0 }, now: Date.now() });
    expect(named).toMatchObject({ ok: true });
    await expect(call('pgConsole:noticeUnits', { session, officeUnitId: office.id, from: `${year}-02-01`, to: `${year}-01-31`, thresholds: { checkinRate: 1, scanCoverage: 0, isolation: 0 }, now: Date.now() })).rejects.toThrow();
    expect(await call('pgConsole:evaluationUnits', { session: 'f'.repeat(64), officeUnitId: office.id, year, now: Date.now() })).toEqual({ ok: false, code: 'noSession' });

    const keys = (await call('pgConsole:keys', { session })).keys as { keyId: string; enrolledBy: string; revokedAt: number | null }[];
    expect(keys.map((k) => [k.keyId, k.enrolledBy, k.revokedAt])).toEqual([[unit!.enrolment.keyId, 'auditor-1', null]]);
    const revoke = (reason: string) => call('pgConsole:revoke', { session, keyId: unit!.enrolment.keyId, reason });
    expect(await revoke(' ')).toEqual({ ok: true, result: 'reason' });
    expect(await revoke('密钥所在电脑已报废')).toEqual({ ok: true, result: 'revoked' });
    expect(await revoke('密钥所在电脑已报废')).toEqual({ ok: true, result: 'alreadyRevoked' });
    expect(((await call('pgConsole:keys', { session })).keys as { revokedReason: string }[])[0]!.revokedReason).toBe('密钥所在电脑已报废');

    // Back to this PC's database: the sealed password is forgotten, the address kept for the form.
    expect(await call('pgConsole:useLocal', { session: w.adminSession })).toEqual({ ok: true });
    expect(await call('pgConsole:status', { session })).toEqual({ mode: 'local', server: w.server, ready: false });
    expect(JSON.parse(await fs.readFile(w.file, 'utf8')).password).toBeNull();
    expect(await call('pgConsole:units', { session, now: Date.now(), silentDays: 7 })).toEqual({ ok: false, code: 'notPg' });
  }, 90_000);
});
