import { GENESIS_HASH, sealEntry, type ChangeOp, type SealedEntry } from '../changelog/chain';
import type { LoggedTable } from '../changelog/tables';
import { writeBundle, type WrittenBundle } from './codec';
import { makeEnrolment, type Enrolment } from './enrolment';
import { generateKeyPair, keyIdOf, type CryptoSuite } from './suites';
import { WorkCalendar } from '../calendar/calendar';
import { BUNDLED_CALENDARS } from '../calendar/bundled';
import { DEFAULT_SCHEDULE } from '../calendar/schedule';
import { expectedSlots } from '../checkins/slots';

const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;

/**
 * Realistic synthetic history for tests, demos and benchmarks: a unit set up
 * by its administrator, its first devices, then working day after working
 * day of duty logs, inbox check-ins at the slots, register changes and weekly
 * scans, in that unit's own hash chain, cut into signed bundles with the
 * unit's enrolment file.
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
  // The unit's index above 4,095 goes to the top of the last group: past 4,096 units the ids repeated (unit 4,097 was unit 1).
  return `${ms.slice(0, 8)}-${ms.slice(8, 12)}-7${hex(unit % 4096, 3)}-8${hex(n % 4096, 3)}-${hex(Math.floor(unit / 4096) * 2 ** 40 + n, 12)}`;
}

/** The entries of one unit's history, sealed in its chain. */
export function fixtureHistory(unitIndex: number, count: number, start = Date.UTC(2026, 0, 5)): { unit: FixtureUnit['unit']; entries: SealedEntry[] } {
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
  const addDevice = () => {
    const id = fixtureId(at, unitIndex, n++);
    const k = devices.length + 1;
    const record = {
      ...meta(id, 1, at), ip: `10.${unitIndex % 250}.${Math.floor(k / 250) % 250}.${(k % 250) + 2}`, mac: `02:5A:${hex(unitIndex % 256, 2)}:${hex(Math.floor(k / 256) % 256, 2)}:${hex(k % 256, 2)}:01`.toUpperCase(),
      owner: NAMES[k % 8]!, office: OFFICES[k % 6]!, location: `${(k % 5) + 1} 楼`, kind: k % 11 === 0 ? 'printer' : 'desktop', status: 'inUse',
      dedicatedConfirmed: true, internetCapable: k % 37 === 0, isolationCard: k % 74 === 0, note: '', configCleared: null, configClearedBy: null, configClearedAt: null,
    };
    devices.push({ id, rev: 1, record });
    push('devices', 'create', adminId, record);
  };
  while (entries.length < count && devices.length < 20) addDevice();

  // Then working days as the calendar has them, in China time (UTC+8, no
  // daylight saving) whatever zone this runs in: a duty log each morning, a
  // check-in at nearly every slot (a few late or missed), devices registered
  // and edited now and then, and the weekly virus sweep on Mondays.
  const calendar = new WorkCalendar(BUNDLED_CALENDARS);
  let lastSlots: number[] = [];
  for (let dayIndex = 0; entries.length < count; dayIndex++) {
    const day = new Date(start + dayIndex * DAY_MS);
    const [y, m, d] = [day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate()];
    const weekday = day.getUTCDay();
    const expected = expectedSlots(new Date(y, m, d), calendar, DEFAULT_SCHEDULE);
    // Past the calendar's years, weekdays keep the last known slots rather than stopping.
    const slots = expected.status === 'work' ? expected.slots.map((x) => x.minute) : expected.status === 'unknown' && weekday >= 1 && weekday <= 5 ? lastSlots : [];
    if (expected.status === 'work') lastSlots = slots;
    if (slots.length === 0) continue;
    const midnight = Date.UTC(y, m, d) - CHINA_OFFSET_MS;
    const iso = `${y}-${String(m + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    at = midnight + (8 * 60 + 20) * 60_000;
    push('dutyLogs', 'create', adminId, { ...meta(fixtureId(at, unitIndex, n++), 1, at), date: iso, shift: 'day', staff: NAMES[Math.floor(random() * 8)]!, equipment: 'normal', abnormality: '', events: '专网运行正常', faults: '', handover: '' });
    for (const minute of slots) {
      if (entries.length >= count) break;
      const r = random();
      if (r < 0.04) continue;
      const offset = r < 0.92 ? Math.round((random() * 10 - 4) * 60_000) : Math.round((15 + random() * 20) * 60_000);
      at = midnight + minute * 60_000 + offset;
      push('checkins', 'create', officerId, { ...meta(fixtureId(at, unitIndex, n++), 1, at), createdBy: officerId, updatedBy: officerId, officerId, officerName: NAMES[(unitIndex + 2) % 8]!, at, docsReceived: Math.floor(random() * 5), docsHandled: Math.floor(random() * 5), note: '', backfilled: false, backfillReason: null });
      if (entries.length >= count || random() > 0.12) continue;
      at += 10 * 60_000;
      if (random() < 0.4) addDevice();
      else {
        const dev = devices[Math.floor(random() * devices.length)]!;
        dev.rev += 1;
        dev.record = { ...dev.record, rev: dev.rev, updatedAt: at, owner: NAMES[Math.floor(random() * 8)]!, location: `${Math.floor(random() * 5) + 1} 楼` };
        push('devices', 'update', adminId, dev.record as typeof dev.record & { id: string; rev: number });
      }
    }
    if (weekday === 1) {
      at = midnight + 16 * 3_600_000;
      for (const dev of devices.slice(0, 5)) {
        if (entries.length >= count) break;
        push('scans', 'create', adminId, { ...meta(fixtureId(at, unitIndex, n++), 1, at), deviceId: dev.id, scannedOn: iso, tool: '火绒安全', signatureVersion: `${y}.${m + 1}`, signatureDate: iso, scope: 'full', threats: 0, action: '', resolved: true, note: '' });
      }
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
