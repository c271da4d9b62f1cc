import { describe, expect, it } from 'vitest';
import { WorkCalendar } from '../../../shared/calendar/calendar';
import { BUNDLED_CALENDARS } from '../../../shared/calendar/bundled';
import { DEFAULT_SCHEDULE, formatMinutes } from '../../../shared/calendar/schedule';
import { expectedSlots, type Slot } from '../../../shared/checkins/slots';
import { assessDay, classifyCheckin, countCheckins, nextChange, tally, type CheckinCount } from '../../../shared/checkins/compliance';
import { currentReminder, reminderPlan } from '../../../shared/checkins/reminders';
import { dueSlotsOn, periodReport } from '../../../shared/checkins/report';
import { contract } from '../../../shared/ipc/contract';

// Tuesday 24 November 2026, winter hours: 08:30 09:00 10:00 11:00 12:00 14:00 15:00 16:00 17:00 17:30; ±10 min.
const calendar = new WorkCalendar(BUNDLED_CALENDARS);
const DAY = new Date('2026-11-24T00:00:00');
const expected = expectedSlots(DAY, calendar, DEFAULT_SCHEDULE);
if (expected.status !== 'work') throw new Error('2026-11-24 is a working day');
const slots: Slot[] = expected.slots;
const at = (hhmmss: string) => new Date(`2026-11-24T${hhmmss.length === 5 ? `${hhmmss}:00` : hhmmss}`).getTime();
const checkins = (times: string[]) => times.map((t, i) => ({ id: `c${i}`, at: at(t) }));

function describeCount(c: CheckinCount): string {
  if (c.kind === 'noSlot') return 'noSlot';
  const base = `${c.kind} ${formatMinutes(c.slot.minute)}`;
  return c.kind === 'early' ? `${base} from ${new Date(c.opensAt).toTimeString().slice(0, 5)}` : base;
}

describe('which slot a check-in counts for, and how', () => {
  it.each([
    // [time, check-ins already made that day, tolerance, how it counts]
    ['08:19:59', [], 10, 'early 08:30 from 08:20'],
    ['08:20', [], 10, 'onTime 08:30'],
    ['08:40', [], 10, 'onTime 08:30'],
    ['08:40:01', [], 10, 'late 08:30'],
    ['08:49:59', [], 10, 'late 08:30'],
    ['08:50', [], 10, 'onTime 09:00'],
    ['08:31', ['08:29'], 10, 'repeat 08:30'],
    // The issue's case: 14:00 already checked, 14:35 is before 15:00's window.
    ['14:35', ['14:02'], 10, 'early 15:00 from 14:50'],
    ['14:35', ['14:20'], 10, 'early 15:00 from 14:50'],
    ['14:35', [], 10, 'late 14:00'],
    ['14:49:59', ['14:02'], 10, 'early 15:00 from 14:50'],
    ['14:50', ['14:02'], 10, 'onTime 15:00'],
    ['14:55', ['14:02', '14:52'], 10, 'repeat 15:00'],
    // Lunch: late for 12:00 until 14:00's window opens.
    ['12:30', [], 10, 'late 12:00'],
    ['12:30', ['12:01'], 10, 'early 14:00 from 13:50'],
    // After the end of work: late for 17:30 until midnight, else a repeat.
    ['19:00', [], 10, 'late 17:30'],
    ['23:59:59', [], 10, 'late 17:30'],
    ['19:00', ['17:31'], 10, 'repeat 17:30'],
    // Overlapping windows (±20 min): the earlier slot first, then the later one.
    ['08:45', [], 20, 'onTime 08:30'],
    ['08:45', ['08:30'], 20, 'onTime 09:00'],
    ['08:09:59', [], 20, 'early 08:30 from 08:10'],
  ] as const)('%s after %j (±%i min): %s', (time, before, tol, how) => {
    expect(describeCount(classifyCheckin(at(time), slots, checkins([...before]), tol))).toBe(how);
  });

  it('a day without slots counts nothing', () => {
    expect(classifyCheckin(at('09:00'), [], [], 10)).toEqual({ kind: 'noSlot' });
  });

  it('what the dialog says before saving is what the day then shows', () => {
    const day = ['08:31', '09:45', '10:02', '14:35', '14:36', '15:20', '16:59', '17:29', '18:10'];
    const so_far: { id: string; at: number }[] = [];
    for (const [i, time] of day.entries()) {
      const said = classifyCheckin(at(time), slots, so_far, 10);
      so_far.push({ id: `c${i}`, at: at(time) });
      const shown = countCheckins(slots, so_far, 10).find((r) => r.checkin.id === `c${i}`)!;
      expect(describeCount(shown.count), time).toBe(describeCount(said));
    }
    // Every check-in appears once, with how it counted.
    expect(countCheckins(slots, so_far, 10).map((r) => `${new Date(r.checkin.at).toTimeString().slice(0, 5)} ${describeCount(r.count)}`)).toEqual([
      '08:31 onTime 08:30',
      '09:45 late 09:00',
      '10:02 onTime 10:00',
      '14:35 late 14:00',
      '14:36 early 15:00 from 14:50',
      '15:20 late 15:00',
      '16:59 onTime 17:00',
      // 17:29 fits both 17:00 and 17:30; 17:00 is served, so it is 17:30's.
      '17:29 onTime 17:30',
      '18:10 repeat 17:30',
    ]);
  });
});

describe('a slot is missed only when its late window has closed', () => {
  it.each([
    ['15:09:59', 'pending'],
    ['15:10', 'pending'],
    ['15:10:01', 'overdue'],
    ['15:49:59', 'overdue'],
    ['15:50', 'missed'],
  ])('15:00 without a check-in, at %s: %s', (now, status) => {
    expect(assessDay(slots, checkins(['14:02']), 10, at(now)).find((r) => formatMinutes(r.slot.minute) === '15:00')!.status).toBe(status);
  });

  it('the end of work stays open for a late check-in until midnight', () => {
    const last = (now: number) => assessDay(slots, [], 10, now).at(-1)!.status;
    expect(last(at('23:59:59'))).toBe('overdue');
    expect(last(new Date('2026-11-25T00:00:00').getTime())).toBe('missed');
  });

  it.each([
    ['15:05', at('15:10') + 1],
    ['15:10:01', at('15:50')],
    ['15:50', at('16:10') + 1],
    ['17:45', new Date('2026-11-25T00:00:00').getTime()],
  ])('at %s the day view re-assesses next at the closing window', (now, expected) => {
    expect(nextChange(slots, 10, at(now))).toBe(expected);
    const before = assessDay(slots, [], 10, expected - 1).map((r) => r.status);
    const after = assessDay(slots, [], 10, expected).map((r) => r.status);
    expect(after).not.toEqual(before);
  });

  it('an overdue slot is not yet counted as missed nor as due', () => {
    const t = tally(assessDay(slots, checkins(['08:31', '09:01']), 10, at('10:20')));
    // 10:00 is overdue: it can still be checked late.
    expect(t).toEqual({ due: 2, onTime: 2, late: 0, missed: 0, pending: slots.length - 2 });
  });
});

describe('the banner urges a late check-in exactly while the dialog would count one as late', () => {
  it('minute by minute over the day, with nothing checked yet', () => {
    const plan = reminderPlan(slots, [], DEFAULT_SCHEDULE, at('00:00'));
    for (let t = at('08:00'); t < at('23:59'); t += 30_000) {
      const banner = currentReminder(plan, t);
      const count = classifyCheckin(t, slots, [], DEFAULT_SCHEDULE.toleranceMinutes);
      const bannerLate = banner?.phase === 'late' ? banner.slot.label : undefined;
      const dialogLate = count.kind === 'late' ? formatMinutes(count.slot.minute) : undefined;
      expect(bannerLate, new Date(t).toTimeString()).toBe(dialogLate);
    }
  });

  it('the plan, late windows included, is what main accepts over IPC', () => {
    const plan = reminderPlan(slots, checkins(['08:31']), DEFAULT_SCHEDULE, at('09:00'));
    expect(contract['reminders:setPlan'].request.parse(plan)).toEqual(plan);
    expect(plan.slots.at(-1)!.lateUntil).toBe(new Date('2026-11-25T00:00:00').getTime());
  });

  it('a slot checked late, or on time, is no longer reminded', () => {
    const plan = reminderPlan(slots, checkins(['14:20']), DEFAULT_SCHEDULE, at('14:21'));
    expect(currentReminder(plan, at('14:30'))).toBeNull();
    expect(reminderPlan(slots, checkins(['14:20']), DEFAULT_SCHEDULE, at('14:21')).checked).toEqual([at('14:00')]);
  });

  it('after an early check-in the banner still calls for 15:00', () => {
    const plan = reminderPlan(slots, checkins(['14:02', '14:35']), DEFAULT_SCHEDULE, at('14:36'));
    expect(currentReminder(plan, at('14:56'))).toMatchObject({ phase: 'soon', slot: { label: '15:00' } });
    expect(currentReminder(plan, at('15:12'))).toMatchObject({ phase: 'late', slot: { label: '15:00' } });
  });
});

describe('the day view lists every check-in', () => {
  it('an early check-in appears beside the slots, marked as counting for none', () => {
    const list = [...checkins(['14:02', '14:35'])].map((c) => ({ ...c, officerId: 'w' }));
    const report = periodReport(calendar, DEFAULT_SCHEDULE, list, ['w'], DAY, 1, at('14:40'));
    const day = report.days[0]!;
    expect(day.checkins.map((r) => r.count.kind)).toEqual(['onTime', 'early']);
    expect(day.results.find((r) => formatMinutes(r.slot.minute) === '15:00')!.status).toBe('pending');
    expect(report.unit).toMatchObject({ onTime: 1, late: 0 });
  });

  it('check-ins on a rest day or in a year without a calendar are listed, counting for none', () => {
    const sat = new Date('2026-11-28T10:00:00').getTime();
    const y2027 = new Date('2027-03-02T10:00:00').getTime();
    const list = [{ id: 's', at: sat, officerId: 'w' }, { id: 'u', at: y2027, officerId: 'w' }];
    const rest = periodReport(calendar, DEFAULT_SCHEDULE, list, ['w'], new Date('2026-11-28T00:00:00'), 1, sat + 1);
    expect(rest.days[0]).toMatchObject({ kind: 'rest', checkins: [{ checkin: { id: 's' }, count: { kind: 'noSlot' } }] });
    const unknown = periodReport(calendar, DEFAULT_SCHEDULE, list, ['w'], new Date('2027-03-02T00:00:00'), 1, y2027 + 1);
    expect(unknown.days[0]).toMatchObject({ kind: 'unknown', checkins: [{ checkin: { id: 'u' } }] });
    expect(dueSlotsOn(new Date('2027-03-02T00:00:00'), calendar, DEFAULT_SCHEDULE)).toEqual({ kind: 'unknown', year: 2027, slots: [] });
  });

  it('on the ledger\'s first day only the slots after it began are due, for the dialog as for the report', () => {
    const since = at('13:00');
    const due = dueSlotsOn(DAY, calendar, DEFAULT_SCHEDULE, since);
    expect(due.kind === 'work' && due.slots.map((s) => formatMinutes(s.minute))).toEqual(['14:00', '15:00', '16:00', '17:00', '17:30']);
    expect(dueSlotsOn(new Date('2026-11-23T00:00:00'), calendar, DEFAULT_SCHEDULE, since)).toEqual({ kind: 'before', slots: [] });
  });
});
