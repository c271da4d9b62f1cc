import { describe, expect, it } from 'vitest';
import { freshDb, unitWithAdmin, entryCount } from './helpers';
import { listCheckins, loadCalendar, loadSchedule, recordCheckin, saveCalendarYears, saveSchedule } from '../../../renderer/db/checkins';
import { DEFAULT_SCHEDULE } from '../../../shared/calendar/schedule';
import { verifyUnitChain } from '../../../renderer/db/integrity';

const NOW = new Date('2026-11-24T09:01:00').getTime();

describe('check-ins', () => {
  it('records a check-in now, stamped with the officer, in the change log', async () => {
    const db = freshDb();
    const admin = await unitWithAdmin(db);
    const officer = { ...admin, accountId: 'officer-1', role: 'docOfficer' as const };
    const c = await recordCheckin(db, officer, { at: NOW, docsReceived: 3, docsHandled: 2, note: '', backfillReason: null }, NOW);
    expect(c).toMatchObject({ officerId: 'officer-1', backfilled: false, backfillReason: null, docsReceived: 3 });
    expect(await listCheckins(db, admin.unitId, NOW - 1000, NOW + 1000)).toHaveLength(1);
    expect(await verifyUnitChain(db, admin.unitId)).toMatchObject({ ok: true, count: 3 });
  });

  it('a past time needs a reason and is marked as filled in; a future time is refused', async () => {
    const db = freshDb();
    const admin = { ...(await unitWithAdmin(db)), role: 'docOfficer' as const };
    const past = NOW - 30 * 60_000;
    await expect(recordCheckin(db, admin, { at: past, docsReceived: null, docsHandled: null, note: '', backfillReason: null }, NOW)).rejects.toMatchObject({ issues: [{ field: 'backfillReason', code: 'checkin.reason' }] });
    const c = await recordCheckin(db, admin, { at: past, docsReceived: null, docsHandled: null, note: '', backfillReason: '忘记签到' }, NOW);
    expect(c).toMatchObject({ backfilled: true, backfillReason: '忘记签到', at: past, createdAt: NOW });
    await expect(recordCheckin(db, admin, { at: NOW + 5 * 60_000, docsReceived: null, docsHandled: null, note: '', backfillReason: null }, NOW)).rejects.toMatchObject({ issues: [{ field: 'at', code: 'checkin.future' }] });
    await expect(recordCheckin(db, admin, { at: NOW, docsReceived: -1, docsHandled: null, note: '', backfillReason: null }, NOW)).rejects.toMatchObject({ issues: [{ field: 'docsReceived' }] });
  });

  it.each([
    ['an empty reason', { at: NOW - 30 * 60_000, backfillReason: '' }, [{ field: 'backfillReason', code: 'checkin.reasonRequired' }]],
    ['a reason of spaces', { at: NOW - 30 * 60_000, backfillReason: '   ' }, [{ field: 'backfillReason', code: 'checkin.reasonRequired' }]],
    ['a time ahead of now', { at: NOW + 2 * 60_000, backfillReason: '忘记签到' }, [{ field: 'at', code: 'checkin.futureBackfill' }]],
    ['a time ahead of now and no reason', { at: NOW + 2 * 60_000, backfillReason: '' }, [{ field: 'at', code: 'checkin.futureBackfill' }, { field: 'backfillReason', code: 'checkin.reasonRequired' }]],
  ])('a declared back-fill with %s is refused and nothing is saved', async (_name, input, issues) => {
    const db = freshDb();
    const officer = { ...(await unitWithAdmin(db)), role: 'docOfficer' as const };
    const entries = await entryCount(db);
    await expect(recordCheckin(db, officer, { ...input, docsReceived: null, docsHandled: null, note: '' }, NOW)).rejects.toMatchObject({ issues });
    expect(await entryCount(db)).toBe(entries);
    expect(await listCheckins(db, officer.unitId, 0, NOW * 2)).toHaveLength(0);
  });

  it('only the document officer checks in', async () => {
    const db = freshDb();
    const admin = await unitWithAdmin(db);
    await expect(recordCheckin(db, admin, { at: NOW, docsReceived: null, docsHandled: null, note: '', backfillReason: null }, NOW)).rejects.toMatchObject({ issues: [{ code: 'forbidden' }] });
    await expect(recordCheckin(db, { ...admin, role: 'duty' }, { at: NOW, docsReceived: null, docsHandled: null, note: '', backfillReason: null }, NOW)).rejects.toMatchObject({ issues: [{ code: 'forbidden' }] });
  });
});

describe('calendar and schedule', () => {
  it('an imported year replaces nothing bundled but adds the year; a bad year saves none of the file', async () => {
    const db = freshDb();
    const admin = await unitWithAdmin(db);
    const before = await loadCalendar(db, admin.unitId);
    expect(before.calendar.covers(2026)).toBe(true);
    expect(before.calendar.covers(2027)).toBe(false);
    const y2027 = { year: 2027, holidays: ['2027-01-01'], workdays: [], source: '市信息办' };
    await expect(saveCalendarYears(db, admin, [y2027, { year: 2028, holidays: ['2027-05-01'], workdays: [], source: 'x' }])).rejects.toBeTruthy();
    expect((await loadCalendar(db, admin.unitId)).calendar.covers(2027)).toBe(false);
    await saveCalendarYears(db, admin, [y2027]);
    const after = await loadCalendar(db, admin.unitId);
    expect(after.calendar.covers(2027)).toBe(true);
    expect(after.calendar.dayKind(new Date(2027, 0, 1))).toEqual({ kind: 'rest', holiday: true });
    // Loading the same year again is a new revision, not a second record.
    const [again] = await saveCalendarYears(db, admin, [{ ...y2027, holidays: ['2027-01-01', '2027-01-02'] }]);
    expect(again).toMatchObject({ rev: 2 });
    expect(await db.calendars.count()).toBe(1);
  });

  it('the schedule defaults, saves, and refuses sessions out of order', async () => {
    const db = freshDb();
    const admin = await unitWithAdmin(db);
    expect((await loadSchedule(db, admin.unitId)).schedule).toEqual(DEFAULT_SCHEDULE);
    await saveSchedule(db, admin, { ...DEFAULT_SCHEDULE, toleranceMinutes: 15 });
    expect((await loadSchedule(db, admin.unitId)).schedule.toleranceMinutes).toBe(15);
    const entries = await entryCount(db);
    await expect(saveSchedule(db, admin, { ...DEFAULT_SCHEDULE, winter: { morning: { start: '09:00', end: '08:00' }, afternoon: DEFAULT_SCHEDULE.winter.afternoon } })).rejects.toMatchObject({ issues: [{ code: 'schedule.order' }] });
    expect(await entryCount(db)).toBe(entries);
    await expect(saveSchedule(db, { ...admin, role: 'docOfficer' }, DEFAULT_SCHEDULE)).rejects.toMatchObject({ issues: [{ code: 'forbidden' }] });
  });
});
