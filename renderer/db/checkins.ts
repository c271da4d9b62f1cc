import { BACKFILL_GRACE_MS, checkinInput, type Checkin, type CheckinInput } from '../../shared/domain/checkin';
import { yearCalendar, type WorkCalendar, type YearCalendar } from '../../shared/calendar/calendar';
import { calendarFrom, scheduleFrom } from '../../shared/calendar/stored';
import { workSchedule, type WorkSchedule } from '../../shared/calendar/schedule';
import { ValidationError, issuesFromZod } from './errors';
import { commit, newRecord, revise, type Actor } from './repository';
import type { CalendarRecord, ScheduleRecord, ZwDb } from './schema';

/** Check-ins, the work calendar and the work schedule (第二十七条). */


export async function recordCheckin(db: ZwDb, actor: Actor, input: CheckinInput, now = Date.now()): Promise<Checkin> {
  const parsed = checkinInput.safeParse(input);
  if (!parsed.success) throw new ValidationError(issuesFromZod(parsed.error.issues));
  const body = parsed.data;
  // A reason given, even an empty one, means the officer declared a back-fill: it must say when and why.
  const declared = body.backfillReason !== null;
  const reason = body.backfillReason ?? '';
  const issues: { field: string; code: string }[] = [];
  if (body.at > now + BACKFILL_GRACE_MS) issues.push({ field: 'at', code: declared ? 'checkin.futureBackfill' : 'checkin.future' });
  const backfilled = now - body.at > BACKFILL_GRACE_MS;
  if (declared && reason === '') issues.push({ field: 'backfillReason', code: 'checkin.reasonRequired' });
  else if (backfilled && reason.length < 2) issues.push({ field: 'backfillReason', code: 'checkin.reason' });
  if (issues.length > 0) throw new ValidationError(issues);
  const officer = await db.accounts.get(actor.accountId);
  const checkin: Checkin = {
    ...newRecord(actor, {
      officerId: actor.accountId,
      ...(officer ? { officerName: officer.displayName } : {}),
      at: body.at,
      docsReceived: body.docsReceived,
      docsHandled: body.docsHandled,
      note: body.note,
      backfilled,
      backfillReason: backfilled ? reason : null,
    }, now),
  };
  await commit(db, actor, () => [{ table: 'checkins', op: 'create', record: checkin }]);
  return checkin;
}

/** Check-ins of the unit with `from <= at < to`, oldest first. */
export async function listCheckins(db: ZwDb, unitId: string, from: number, to: number): Promise<Checkin[]> {
  // toArray then filter: a Dexie filter would walk a cursor instead of one getAll.
  const all = await db.checkins.where('[unitId+at]').between([unitId, from], [unitId, to], true, false).toArray();
  return all.filter((c) => c.retiredAt === null);
}

export async function loadCalendar(db: ZwDb, unitId: string): Promise<{ calendar: WorkCalendar; years: YearCalendar[] }> {
  return calendarFrom(await db.calendars.where('unitId').equals(unitId).toArray());
}

/** Loads years of the calendar in one transaction: every year valid, or none saved. */
export async function saveCalendarYears(db: ZwDb, actor: Actor, years: readonly YearCalendar[]): Promise<CalendarRecord[]> {
  const parsed = years.map((y) => yearCalendar.safeParse(y));
  const bad = parsed.find((p) => !p.success);
  if (bad && !bad.success) throw new ValidationError(issuesFromZod(bad.error.issues));
  const saved: CalendarRecord[] = [];
  await commit(db, actor, async () => {
    const writes = [];
    for (const p of parsed) {
      if (!p.success) continue;
      const id = `${actor.unitId}/${p.data.year}`;
      const previous = await db.calendars.get(id);
      const record: CalendarRecord = previous ? revise(previous, { ...p.data, retiredAt: null, retiredReason: null }, actor) : { ...newRecord(actor, p.data), id };
      saved.push(record);
      writes.push({ table: 'calendars' as const, op: previous ? ('update' as const) : ('create' as const), record });
    }
    return writes;
  });
  return saved;
}

export async function loadSchedule(db: ZwDb, unitId: string): Promise<{ schedule: WorkSchedule; record: ScheduleRecord | undefined }> {
  const stored = await db.schedules.get(unitId);
  // The schedule's id is its unit's: a row of another unit under it is not this unit's schedule.
  return scheduleFrom(stored?.unitId === unitId ? stored : undefined);
}

export async function saveSchedule(db: ZwDb, actor: Actor, input: unknown): Promise<ScheduleRecord> {
  const parsed = workSchedule.safeParse(input);
  if (!parsed.success) throw new ValidationError(issuesFromZod(parsed.error.issues));
  let saved: ScheduleRecord | undefined;
  await commit(db, actor, async () => {
    const previous = await db.schedules.get(actor.unitId);
    saved = previous ? revise(previous, parsed.data, actor) : { ...newRecord(actor, parsed.data), id: actor.unitId };
    return [{ table: 'schedules', op: previous ? 'update' : 'create', record: saved }];
  });
  return saved!;
}

