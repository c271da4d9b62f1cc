import type { Pool, PoolClient } from 'pg';
import type { CalendarRecord, ScheduleRecord } from '../../../shared/calendar/stored';
import { readFigures, type FigureReads, type UnitFigures } from '../../../shared/console/summary';
import type { Checkin } from '../../../shared/domain/checkin';
import type { Device } from '../../../shared/domain/device';

type Queryable = Pool | PoolClient;

/** The figure reads (shared/console/summary.ts) answered from merged_records. */
function figureReads(db: Queryable): FigureReads {
  const records = async <R>(sql: string, params: unknown[]): Promise<R[]> => (await db.query<{ record: R }>(sql, params)).rows.map((r) => r.record);
  return {
    devices: (unitId) => records<Device>("select record from merged_records where unit_id = $1 and tbl = 'devices'", [unitId]),
    checkins: (unitId, from, end) =>
      records<Checkin>(
        "select record from merged_records where unit_id = $1 and tbl = 'checkins' and (record ->> 'at')::bigint >= $2 and (record ->> 'at')::bigint < $3 and record ->> 'retiredAt' is null order by (record ->> 'at')::bigint",
        [unitId, from, end],
      ),
    calendars: (unitId) => records<CalendarRecord>("select record from merged_records where unit_id = $1 and tbl = 'calendars'", [unitId]),
    schedule: async (unitId) => (await records<ScheduleRecord>("select record from merged_records where unit_id = $1 and tbl = 'schedules' and id = $1", [unitId]))[0],
  };
}

/** Recomputes and keeps one unit's figures up to its last entry; inside the ingest's transaction, so the row always matches the records. */
export async function refreshFigures(db: Queryable, unitId: string, lastEntryAt: number): Promise<UnitFigures> {
  const f = await readFigures(figureReads(db), unitId, lastEntryAt);
  await db.query(
    `insert into unit_figures (unit_id, active_devices, violations, compliance, provisional, up_to) values ($1, $2, $3, $4, $5, $6)
     on conflict (unit_id) do update set active_devices = excluded.active_devices, violations = excluded.violations, compliance = excluded.compliance, provisional = excluded.provisional, up_to = excluded.up_to`,
    [unitId, f.activeDevices, f.violations, f.compliance, f.provisional, lastEntryAt],
  );
  return f;
}

interface FigureRow {
  unit_id: string;
  active_devices: number;
  violations: number;
  compliance: number | null;
  provisional: boolean;
  up_to: string;
}

export async function keptFigures(db: Queryable): Promise<Map<string, UnitFigures>> {
  const rows = (await db.query<FigureRow>('select unit_id, active_devices, violations, compliance, provisional, up_to from unit_figures')).rows;
  return new Map(rows.map((r) => [r.unit_id, { unitId: r.unit_id, activeDevices: r.active_devices, violations: r.violations, compliance: r.compliance, provisional: r.provisional, upTo: Number(r.up_to) }]));
}
