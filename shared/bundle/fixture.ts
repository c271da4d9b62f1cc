import { GENESIS_HASH, sealEntry, type ChangeOp, type SealedEntry } from '../changelog/chain';
import type { LoggedTable } from '../changelog/tables';
import { writeBundle, type WrittenBundle } from './codec';
import { makeEnrolment, type Enrolment } from './enrolment';
import { generateKeyPair, keyIdOf, type CryptoSuite } from './suites';

/**
 * Realistic synthetic history for tests, demos and benchmarks: a unit set up
 * by its administrator, then devices registered and edited, hourly inbox
 * check-ins, duty logs and weekly scans, in that unit's own hash chain, cut
 * into signed bundles with the unit's enrolment file.
 */

export interface FixtureUnit {
  unit: { id: string; name: string; code: string };
  enrolment: Enrolment;
  bundles: WrittenBundle[];
  entries: number;
}

const COUNTIES = ['崆峒区', '泾川县', '灵台县', '崇信县', '华亭市', '庄浪县', '静宁县'];
const OFFICES = ['办公室', '信息科', '秘书科', '财务科', '人事科', '档案室'];
const NAMES = ['李明', '王芳', '张伟', '刘静', '陈强', '杨娟', '赵磊', '黄敏'];

function seeded(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

/** A time-ordered id shaped like the app's UUIDv7, deterministic from its inputs. */
function fixtureId(at: number, unit: number, n: number): string {
  const ms = hex(at, 12);
  return `${ms.slice(0, 8)}-${ms.slice(8, 12)}-7${hex(unit % 4096, 3)}-8${hex(n % 4096, 3)}-${hex(n, 12)}`;
}

/** The entries of one unit's history, sealed in its chain. */
export function fixtureHistory(unitIndex: number, count: number, start = Date.UTC(2026, 0, 5, 0, 30)): { unit: FixtureUnit['unit']; entries: SealedEntry[] } {
  const random = seeded(unitIndex * 7919 + 17);
  const unitId = fixtureId(start, unitIndex, 0);
  const adminId = fixtureId(start, unitIndex, 1);
  const officerId = fixtureId(start, unitIndex, 2);
  const code = `PL-${String(unitIndex + 1).padStart(4, '0')}`;
  const unit = { id: unitId, name: `${COUNTIES[unitIndex % COUNTIES.length]}第${unitIndex + 1}单位`, code };
  const entries: SealedEntry[] = [];
  let prevHash = GENESIS_HASH;
  let at = start;
  let n = 3;
  const devices: { id: string; rev: number; record: Record<string, unknown> }[] = [];
  const meta = (id: string, rev: number, createdAt: number) => ({ unitId, id, rev, createdAt, createdBy: adminId, updatedAt: at, updatedBy: adminId, retiredAt: null, retiredReason: null });
  const push = (table: LoggedTable, op: ChangeOp, by: string, record: Record<string, unknown> & { id: string; rev: number }) => {
    const sealed = sealEntry({ unitId, seq: entries.length + 1, table, recordId: record.id, rev: record.rev, op, at, by, record, prevHash });
    prevHash = sealed.hash;
    entries.push(sealed);
  };

  push('units', 'create', adminId, {
    ...meta(unitId, 1, at), name: unit.name, code, level: 'county', area: unitIndex % 3 === 0 ? 'township' : 'urban',
    leader: NAMES[unitIndex % 8]!, office: '办公室', adminName: NAMES[(unitIndex + 1) % 8]!, adminPhone: '13800138000', docOfficerName: NAMES[(unitIndex + 2) % 8]!, docOfficerPhone: '13900139000',
  });
  if (count > 1) push('accounts', 'create', adminId, { ...meta(adminId, 1, at), username: 'admin', displayName: NAMES[(unitIndex + 1) % 8]!, role: 'admin', active: true, passwordHash: '[redacted]' });
  if (count > 2) push('accounts', 'create', adminId, { ...meta(officerId, 1, at), username: 'officer', displayName: NAMES[(unitIndex + 2) % 8]!, role: 'docOfficer', active: true, passwordHash: '[redacted]' });
  while (entries.length < count) {
    at += Math.floor(random() * 50 * 60_000);
    const r = random();
    if (devices.length < 20 || r < 0.15) {
      const id = fixtureId(at, unitIndex, n++);
      const k = devices.length + 1;
      const record = {
        ...meta(id, 1, at), ip: `10.${unitIndex % 250}.${Math.floor(k / 250) % 250}.${(k % 250) + 2}`, mac: `02:5A:${hex(unitIndex % 256, 2)}:${hex(Math.floor(k / 256) % 256, 2)}:${hex(k % 256, 2)}:01`.toUpperCase(),
        owner: NAMES[k % 8]!, office: OFFICES[k % 6]!, location: `${(k % 5) + 1} 楼`, kind: k % 11 === 0 ? 'printer' : 'desktop', status: 'inUse',
        dedicatedConfirmed: true, internetCapable: k % 37 === 0, isolationCard: k % 74 === 0, note: '', configCleared: null, configClearedBy: null, configClearedAt: null,
      };
      devices.push({ id, rev: 1, record });
      push('devices', 'create', adminId, record);
    } else if (r < 0.25) {
      const d = devices[Math.floor(random() * devices.length)]!;
      d.rev += 1;
      d.record = { ...d.record, rev: d.rev, updatedAt: at, owner: NAMES[Math.floor(random() * 8)]!, location: `${Math.floor(random() * 5) + 1} 楼` };
      push('devices', 'update', adminId, d.record as typeof d.record & { id: string; rev: number });
    } else if (r < 0.85) {
      const id = fixtureId(at, unitIndex, n++);
      push('checkins', 'create', officerId, { ...meta(id, 1, at), createdBy: officerId, updatedBy: officerId, officerId, at, docsReceived: Math.floor(random() * 5), docsHandled: Math.floor(random() * 5), note: '', backfilled: false, backfillReason: null });
    } else if (r < 0.92) {
      const id = fixtureId(at, unitIndex, n++);
      const day = new Date(at).toISOString().slice(0, 10);
      push('dutyLogs', 'create', adminId, { ...meta(id, 1, at), date: day, shift: 'day', staff: NAMES[Math.floor(random() * 8)]!, equipment: 'normal', abnormality: '', events: '专网运行正常', faults: '', handover: '' });
    } else {
      const d = devices[Math.floor(random() * devices.length)]!;
      const id = fixtureId(at, unitIndex, n++);
      const day = new Date(at).toISOString().slice(0, 10);
      push('scans', 'create', adminId, { ...meta(id, 1, at), deviceId: d.id, scannedOn: day, tool: '火绒安全', signatureVersion: '2026.01', signatureDate: day, scope: 'full', threats: 0, action: '', resolved: true, note: '' });
    }
  }
  return { unit, entries: entries.slice(0, count) };
}

/** Units with their enrolment files and signed bundles of at most `perBundle` entries each. */
export function fixtureUnits(options: { units: number; entries: number; perBundle?: number; suite: CryptoSuite; createdAt?: number; firstUnit?: number }): FixtureUnit[] {
  const out: FixtureUnit[] = [];
  const createdAt = options.createdAt ?? Date.UTC(2026, 10, 24, 1, 0);
  const per = Math.max(1, options.perBundle ?? options.entries);
  for (let u = 0; u < options.units; u++) {
    const index = (options.firstUnit ?? 0) + u;
    const { unit, entries } = fixtureHistory(index, options.entries);
    const key = generateKeyPair(options.suite);
    const signing = { suite: options.suite, keyId: keyIdOf(options.suite, key.publicKey), privateKey: key.privateKey };
    const bundles: WrittenBundle[] = [];
    for (let i = 0; i < entries.length; i += per) {
      const part = entries.slice(i, i + per);
      const prevHash = i === 0 ? GENESIS_HASH : entries[i - 1]!.hash;
      bundles.push(writeBundle({ unit, createdBy: { accountId: fixtureId(Date.UTC(2026, 0, 5, 0, 30), index, 1), name: '管理员' }, createdAt, prevHash, entries: part }, signing));
    }
    out.push({ unit, enrolment: makeEnrolment(unit, key, createdAt), bundles, entries: entries.length });
  }
  return out;
}
