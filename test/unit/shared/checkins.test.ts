import { describe, expect, it } from 'vitest';
import { WorkCalendar, calendarFile, yearCalendar } from '../../../shared/calendar/calendar';
import { BUNDLED_CALENDARS } from '../../../shared/calendar/bundled';
import { DEFAULT_SCHEDULE, formatMinutes, seasonOn, workSchedule, type WorkSchedule } from '../../../shared/calendar/schedule';
import { expectedSlots, sessionSlots, type Slot } from '../../../shared/checkins/slots';
import { assessDay, onTimeRate, tally } from '../../../shared/checkins/compliance';

const calendar = new WorkCalendar(BUNDLED_CALENDARS);
const times = (slots: readonly { minute: number }[]) => slots.map((s) => formatMinutes(s.minute));
const day = (iso: string) => new Date(`${iso}T00:00:00`);

function slotsOf(iso: string, schedule: WorkSchedule = DEFAULT_SCHEDULE): Slot[] {
  const r = expectedSlots(day(iso), calendar, schedule);
  if (r.status !== 'work') throw new Error(`${iso} is not a working day: ${r.status}`);
  return r.slots;
}

describe('expected slots', () => {
  it('08:30–12:00 and 14:30–18:00 give the ten slots of the rule, each boundary once', () => {
    const s = sessionSlots([
      { name: 'morning', start: 510, end: 720 },
      { name: 'afternoon', start: 870, end: 1080 },
    ]);
    expect(times(s)).toEqual(['08:30', '09:00', '10:00', '11:00', '12:00', '14:30', '15:00', '16:00', '17:00', '18:00']);
    expect(s.map((x) => x.kind)).toEqual(['start', 'hour', 'hour', 'hour', 'end', 'start', 'hour', 'hour', 'hour', 'end']);
  });

  it.each([
    ['a session starting on the hour', [{ name: 'morning' as const, start: 480, end: 720 }], ['08:00', '09:00', '10:00', '11:00', '12:00']],
    ['a session ending off the hour', [{ name: 'morning' as const, start: 510, end: 705 }], ['08:30', '09:00', '10:00', '11:00', '11:45']],
    ['a session shorter than an hour', [{ name: 'morning' as const, start: 545, end: 580 }], ['09:05', '09:40']],
    [
      'a morning that ends where the afternoon starts',
      [
        { name: 'morning' as const, start: 540, end: 720 },
        { name: 'afternoon' as const, start: 720, end: 840 },
      ],
      ['09:00', '10:00', '11:00', '12:00', '13:00', '14:00'],
    ],
  ])('%s', (_name, sessions, expected) => {
    expect(times(sessionSlots(sessions))).toEqual(expected);
  });

  it('a weekday holiday has no slots; an adjusted working Sunday has them', () => {
    expect(expectedSlots(day('2026-10-01'), calendar, DEFAULT_SCHEDULE)).toEqual({ status: 'rest', holiday: true });
    expect(expectedSlots(day('2026-02-16'), calendar, DEFAULT_SCHEDULE)).toEqual({ status: 'rest', holiday: true });
    // 2026-01-04 is a Sunday worked in lieu of New Year.
    const adjusted = expectedSlots(day('2026-01-04'), calendar, DEFAULT_SCHEDULE);
    expect(adjusted).toMatchObject({ status: 'work', adjusted: true, season: 'winter' });
    expect(expectedSlots(day('2026-11-21'), calendar, DEFAULT_SCHEDULE)).toEqual({ status: 'rest', holiday: false });
  });

  it('a year nobody loaded is unknown, never plain weekdays', () => {
    expect(expectedSlots(day('2027-03-02'), calendar, DEFAULT_SCHEDULE)).toEqual({ status: 'unknown', year: 2027 });
    expect(calendar.covers(2027)).toBe(false);
  });

  it('summer and winter hours switch on their days', () => {
    expect(seasonOn(DEFAULT_SCHEDULE, day('2026-04-30'))).toBe('winter');
    expect(seasonOn(DEFAULT_SCHEDULE, day('2026-05-01'))).toBe('summer');
    expect(seasonOn(DEFAULT_SCHEDULE, day('2026-09-30'))).toBe('summer');
    expect(seasonOn(DEFAULT_SCHEDULE, day('2026-10-01'))).toBe('winter');
    expect(times(slotsOf('2026-04-30')).at(-1)).toBe('17:30');
    expect(times(slotsOf('2026-05-06')).at(-1)).toBe('18:00');
  });

  it('slot times are local wall-clock times', () => {
    const first = slotsOf('2026-11-24')[0]!;
    const d = new Date(first.at);
    expect([d.getFullYear(), d.getMonth() + 1, d.getDate(), d.getHours(), d.getMinutes()]).toEqual([2026, 11, 24, 8, 30]);
  });
});

describe('compliance', () => {
  const slots = slotsOf('2026-11-24'); // winter: 08:30 … 12:00, 14:00 … 17:30
  const at = (hhmm: string, sec = 0) => new Date(`2026-11-24T${hhmm}:${String(sec).padStart(2, '0')}`).getTime();
  const endOfDay = new Date('2026-11-25T00:00:00').getTime();
  const statuses = (checkins: string[], now = endOfDay, tol = 10) =>
    assessDay(slots, checkins.map((t, i) => ({ id: `c${i}`, at: at(t) })), tol, now).map((r) => `${formatMinutes(r.slot.minute)} ${r.status}`);

  it('exactly at the tolerance edge is on time; a second past it is late', () => {
    expect(statuses(['08:40'])[0]).toBe('08:30 onTime');
    expect(statuses(['08:20'])[0]).toBe('08:30 onTime');
    const oneSecondLate = assessDay(slots, [{ id: 'x', at: at('08:40', 1) }], 10, endOfDay);
    expect(oneSecondLate[0]!.status).toBe('late');
  });

  it('a later check-in before the next slot counts as late, not missed', () => {
    expect(statuses(['09:25']).slice(0, 2)).toEqual(['08:30 missed', '09:00 late']);
    expect(statuses(['08:45']).slice(0, 2)).toEqual(['08:30 late', '09:00 missed']);
  });

  it('a check-in that fits two slots serves the earlier one only', () => {
    const r = assessDay(slots, [{ id: 'a', at: at('08:45') }], 20, endOfDay);
    expect(r.slice(0, 2).map((x) => x.status)).toEqual(['onTime', 'missed']);
    const two = assessDay(slots, [{ id: 'a', at: at('08:45') }, { id: 'b', at: at('08:50') }], 20, endOfDay);
    expect(two.slice(0, 2).map((x) => x.status)).toEqual(['onTime', 'onTime']);
  });

  it('the end of work may be checked late until midnight; lunch check-ins count for the 12:00 slot as late', () => {
    expect(statuses(['19:00']).at(-1)).toBe('17:30 late');
    expect(statuses(['12:30'])[4]).toBe('12:00 late');
  });

  it('slots still open are pending, not missed', () => {
    const noon = at('12:05');
    const r = statuses(['08:31', '09:02'], noon);
    expect(r.slice(0, 5)).toEqual(['08:30 onTime', '09:00 onTime', '10:00 missed', '11:00 missed', '12:00 pending']);
    const t = tally(assessDay(slots, [{ id: 'a', at: at('08:31') }, { id: 'b', at: at('09:02') }], 10, noon));
    expect(t).toEqual({ due: 4, onTime: 2, late: 0, missed: 2, pending: slots.length - 4 });
    expect(onTimeRate(t)).toBe(0.5);
  });

  it('a full day on time is 100%', () => {
    const all = assessDay(slots, slots.map((s, i) => ({ id: String(i), at: s.at + 60_000 })), 10, endOfDay);
    expect(onTimeRate(tally(all))).toBe(1);
  });
});

describe('calendar and schedule files', () => {
  it('accepts the office calendar format and refuses dates of another year or both off and on', () => {
    expect(calendarFile.safeParse({ years: [{ year: 2027, holidays: ['2027-01-01'], workdays: ['2027-02-06'], source: '市信息办' }] }).success).toBe(true);
    expect(yearCalendar.safeParse({ year: 2027, holidays: ['2026-12-31'], workdays: [], source: 'x' }).success).toBe(false);
    expect(yearCalendar.safeParse({ year: 2027, holidays: ['2027-02-30'], workdays: [], source: 'x' }).success).toBe(false);
    expect(yearCalendar.safeParse({ year: 2027, holidays: ['2027-02-06'], workdays: ['2027-02-06'], source: 'x' }).success).toBe(false);
    expect(calendarFile.safeParse({ years: [], extra: 1 }).success).toBe(false);
  });

  it('refuses sessions out of order', () => {
    const bad = { ...DEFAULT_SCHEDULE, summer: { morning: { start: '12:00', end: '08:30' }, afternoon: DEFAULT_SCHEDULE.summer.afternoon } };
    expect(workSchedule.safeParse(bad).success).toBe(false);
    expect(workSchedule.safeParse({ ...DEFAULT_SCHEDULE, toleranceMinutes: 30 }).success).toBe(false);
    expect(workSchedule.safeParse(DEFAULT_SCHEDULE).success).toBe(true);
  });
});

describe('period report', () => {
  it('counts the unit and each officer, skips rest days and marks unknown years', async () => {
    const { periodReport } = await import('../../../shared/checkins/report');
    const mon = slotsOf('2026-11-23');
    const checkins = [
      ...mon.map((s, i) => ({ id: `a${i}`, at: s.at, officerId: 'a' })),
      { id: 'b0', at: slotsOf('2026-11-24')[0]!.at + 60_000, officerId: 'b' },
    ];
    const now = new Date('2026-11-25T00:00:00').getTime();
    const report = periodReport(calendar, DEFAULT_SCHEDULE, checkins, ['a', 'b'], day('2026-11-22'), 3, now);
    expect(report.days.map((d) => d.kind)).toEqual(['rest', 'work', 'work']);
    expect(report.unit).toMatchObject({ due: 2 * mon.length, onTime: mon.length + 1, missed: mon.length - 1 });
    expect(report.byOfficer.get('a')).toMatchObject({ onTime: mon.length, missed: mon.length });
    expect(report.byOfficer.get('b')).toMatchObject({ onTime: 1 });
    expect(report.unknownYears).toEqual([]);
    const nextYear = periodReport(calendar, DEFAULT_SCHEDULE, [], [], day('2026-12-31'), 2, now);
    expect(nextYear.days.map((d) => d.kind)).toEqual(['work', 'unknown']);
    expect(nextYear.unknownYears).toEqual([2027]);
    const since = periodReport(calendar, DEFAULT_SCHEDULE, checkins, ['a'], day('2026-11-22'), 3, now, new Date('2026-11-24T08:00:00').getTime());
    expect(since.days.map((d) => d.kind)).toEqual(['before', 'before', 'work']);
    expect(since.unit.onTime).toBe(1);
  });
});
