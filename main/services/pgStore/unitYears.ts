import type { Pool, PoolClient } from 'pg';
import type { CalendarRecord, ScheduleRecord } from '../../../shared/calendar/stored';
import { enrolledIdentities } from '../../../shared/console/coverage';
import type { Identity } from '../../../shared/console/merge';
import type { Checkin } from '../../../shared/domain/checkin';
import type { Device } from '../../../shared/domain/device';
import type { RecordMeta } from '../../../shared/domain/record';
import type { UnitProfile } from '../../../shared/domain/unit';
import type { NoticeUnit } from '../../../shared/evaluation/networkNotice';
import { selfAssessmentId, type SelfAssessment } from '../../../shared/evaluation/selfAssessment';
import { noticeUnitOf, noticeYear, unitYearFigures, yearSpan, type NoticePeriod, type UnitYearFigures, type UnitYearRecords } from '../../../shared/evaluation/unitYear';
import type { CopyFiling } from '../../../shared/ledgers/copyFiling';
import type { DutyLog } from '../../../shared/ledgers/duty';
import type { Fault } from '../../../shared/ledgers/fault';
import type { Incident } from '../../../shared/ledgers/incident';
import type { Inspection } from '../../../shared/ledgers/inspection';
import type { Scan } from '../../../shared/ledgers/scan';
import type { Training } from '../../../shared/ledgers/training';
import { keyIdentities } from './keys';

/**
 * The received units' years for the office's evaluation and network notices,
 * from PostgreSQL: a batch of units read at a time and each reduced at once
 * by shared/evaluation/unitYear.ts, so main never holds the province's
 * records together and only the reduced units go to the renderer.
 */

/** Units read per round trip: a few hundred thousand rows at most, and few round trips for a province. */
export const UNITS_PER_BATCH = 50;

/** The tables the figures read in full; check-ins are read for the year alone, the self-assessment by its id. */
const WHOLE_TABLES = ['units', 'devices', 'scans', 'dutyLogs', 'faults', 'trainings', 'incidents', 'inspections', 'copyFilings', 'calendars', 'schedules'] as const;
type WholeTable = (typeof WHOLE_TABLES)[number];

interface Rows {
  tables: Map<string, Partial<Record<WholeTable, RecordMeta[]>>>;
  checkins: Map<string, Checkin[]>;
  self: Map<string, SelfAssessment>;
  receivedAt: Map<string, number[]>;
}

const push = <K, V>(map: Map<K, V[]>, key: K, value: V) => {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
};

const byId = (a: RecordMeta, b: RecordMeta) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * One batch's records, each query on the primary key's (unit_id, tbl, id)
 * or the check-ins' (unit_id, at) index. The server neither sorts nor looks
 * inside the records beyond the index: each would parse every record's JSON
 * once more. Here they are put in the order IndexedDB keeps them (by id, by
 * time then id for check-ins; ids compared by UTF-16 code unit, as
 * IndexedDB compares them), so both stores hand the rules records in one
 * order, and retired check-ins are left out as the local read leaves them.
 */
async function readBatch(db: PoolClient, unitIds: string[], year: number): Promise<Rows> {
  const { from, to } = yearSpan(year);
  // One after another: they share the snapshot's client, which takes one query at a time.
  const whole = await db.query<{ unit_id: string; tbl: WholeTable; record: RecordMeta }>('select unit_id, tbl, record from merged_records where unit_id = any($1) and tbl = any($2)', [unitIds, WHOLE_TABLES]);
  const checkins = await db.query<{ unit_id: string; record: Checkin }>(
    "select unit_id, record from merged_records where unit_id = any($1) and tbl = 'checkins' and (record ->> 'at')::bigint >= $2 and (record ->> 'at')::bigint < $3",
    [unitIds, from, to],
  );
  const self = await db.query<{ unit_id: string; record: SelfAssessment }>("select unit_id, record from merged_records where unit_id = any($1) and tbl = 'selfAssessments' and id = any($2)", [unitIds, unitIds.map((u) => selfAssessmentId(u, year))]);
  const bundles = await db.query<{ unit_id: string; received_at: string }>('select unit_id, received_at from received_bundles where unit_id = any($1)', [unitIds]);
  const rows: Rows = { tables: new Map(), checkins: new Map(), self: new Map(), receivedAt: new Map() };
  for (const r of whole.rows) {
    let byTable = rows.tables.get(r.unit_id);
    if (!byTable) rows.tables.set(r.unit_id, (byTable = {}));
    (byTable[r.tbl] ??= []).push(r.record);
  }
  for (const byTable of rows.tables.values()) for (const list of Object.values(byTable)) list.sort(byId);
  for (const r of checkins.rows) if (r.record.retiredAt === null) push(rows.checkins, r.unit_id, r.record);
  for (const list of rows.checkins.values()) list.sort((a, b) => a.at - b.at || byId(a, b));
  for (const r of self.rows) if (r.record.id === selfAssessmentId(r.unit_id, year)) rows.self.set(r.unit_id, r.record);
  for (const r of bundles.rows) push(rows.receivedAt, r.unit_id, Number(r.received_at));
  return rows;
}

/** One unit's year from its batch's rows; null when no profile of it was received, as the local store skips it. */
function unitOf(rows: Rows, unitId: string, enrolledAt: number[]): UnitYearRecords | null {
  const t = rows.tables.get(unitId) ?? {};
  const profile = (t.units as UnitProfile[] | undefined)?.find((p) => p.id === unitId);
  if (!profile) return null;
  const list = <R>(table: WholeTable) => (t[table] ?? []) as R[];
  return {
    profile,
    devices: list<Device>('devices'),
    checkins: rows.checkins.get(unitId) ?? [],
    scans: list<Scan>('scans'),
    dutyLogs: list<DutyLog>('dutyLogs'),
    faults: list<Fault>('faults'),
    trainings: list<Training>('trainings'),
    incidents: list<Incident>('incidents'),
    inspections: list<Inspection>('inspections'),
    copyFilings: list<CopyFiling>('copyFilings'),
    calendars: list<CalendarRecord>('calendars'),
    schedule: list<ScheduleRecord>('schedules').find((s) => s.id === unitId),
    selfRow: rows.self.get(unitId),
    receivedAt: rows.receivedAt.get(unitId) ?? [],
    enrolledAt,
  };
}

/**
 * Visits every enrolled unit but the office's own, a batch at a time, in
 * one read-only snapshot: an ingest while the office evaluates changes
 * nothing it reads half-way.
 */
async function eachUnitYear(pool: Pool, officeUnitId: string, year: number, perBatch: number, visit: (r: UnitYearRecords, unitId: string, identity: Identity) => void): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('begin isolation level repeatable read read only');
    const keys = await keyIdentities(client);
    const enrolledAt = new Map<string, number[]>();
    for (const k of keys) push(enrolledAt, k.unitId, k.enrolledAt);
    const identities = [...enrolledIdentities(keys)].filter(([unitId]) => unitId !== officeUnitId);
    const batches: (typeof identities)[] = [];
    for (let i = 0; i < identities.length; i += perBatch) batches.push(identities.slice(i, i + perBatch));
    const read = (batch: typeof identities) => {
      const reading = readBatch(
        client,
        batch.map(([unitId]) => unitId),
        year,
      );
      // Awaited below; a failure while the batch before is reduced is not left unheard.
      reading.catch(() => undefined);
      return reading;
    };
    // The next batch's first (largest) query is sent before this one is reduced, so the server works meanwhile; two batches in memory at most.
    let next = batches.length > 0 ? read(batches[0]!) : null;
    for (let b = 0; b < batches.length; b++) {
      const rows = await next!;
      next = b + 1 < batches.length ? read(batches[b + 1]!) : null;
      for (const [unitId, identity] of batches[b]!) {
        const r = unitOf(rows, unitId, enrolledAt.get(unitId) ?? []);
        if (r) visit(r, unitId, identity);
      }
    }
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

export async function evaluationUnits(pool: Pool, officeUnitId: string, year: number, now: number, perBatch = UNITS_PER_BATCH): Promise<UnitYearFigures[]> {
  const out: UnitYearFigures[] = [];
  await eachUnitYear(pool, officeUnitId, year, perBatch, (r, unitId, identity) => out.push(unitYearFigures(r, unitId, identity, year, now)));
  return out;
}

export async function noticeUnits(pool: Pool, officeUnitId: string, period: NoticePeriod, now: number, perBatch = UNITS_PER_BATCH): Promise<NoticeUnit[]> {
  const out: NoticeUnit[] = [];
  await eachUnitYear(pool, officeUnitId, noticeYear(period), perBatch, (r, unitId, identity) => {
    const named = noticeUnitOf(r, unitId, identity, period, now);
    if (named) out.push(named);
  });
  return out;
}
