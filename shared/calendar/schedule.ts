import { z } from 'zod';

/**
 * Working hours: morning and afternoon sessions, different in summer and in
 * winter; Gansu units switch on fixed dates each year. Times are minutes
 * after local midnight. China keeps one zone and no daylight saving, but
 * nothing here assumes UTC+8: a day is the PC's local day.
 */

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'schedule.time');
const monthDay = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'schedule.monthDay');

const session = z.object({ start: hhmm, end: hhmm }).strict();
const season = z.object({ morning: session, afternoon: session }).strict();

export const workSchedule = z
  .object({
    summer: season,
    winter: season,
    /** First day of the summer schedule, `MM-DD`. */
    summerFrom: monthDay,
    /** First day of the winter schedule, `MM-DD`. */
    winterFrom: monthDay,
    /** A check-in within this many minutes of a slot counts for it. */
    toleranceMinutes: z.number().int().min(1).max(29),
    /** Remind this many minutes before each slot. */
    remindBeforeMinutes: z.number().int().min(0).max(30),
  })
  .strict()
  .superRefine((s, ctx) => {
    for (const name of ['summer', 'winter'] as const) {
      const { morning, afternoon } = s[name];
      const times = [morning.start, morning.end, afternoon.start, afternoon.end].map(toMinutes);
      for (let i = 1; i < times.length; i++) {
        if (times[i]! <= times[i - 1]! && !(i === 2 && times[2] === times[1])) {
          ctx.addIssue({ code: 'custom', message: 'schedule.order', path: [name] });
          break;
        }
      }
    }
    if (s.summerFrom === s.winterFrom) ctx.addIssue({ code: 'custom', message: 'schedule.switch', path: ['winterFrom'] });
  });

export type WorkSchedule = z.output<typeof workSchedule>;

/** The default: the provincial summer and winter hours. Every unit can change it. */
export const DEFAULT_SCHEDULE: WorkSchedule = {
  summer: { morning: { start: '08:30', end: '12:00' }, afternoon: { start: '14:30', end: '18:00' } },
  winter: { morning: { start: '08:30', end: '12:00' }, afternoon: { start: '14:00', end: '17:30' } },
  summerFrom: '05-01',
  winterFrom: '10-01',
  toleranceMinutes: 10,
  remindBeforeMinutes: 5,
};

export function toMinutes(time: string): number {
  const [h, m] = time.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

export function formatMinutes(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Which season's hours apply on a date: summer from `summerFrom` until the day before `winterFrom`. */
export function seasonOn(schedule: WorkSchedule, date: Date): 'summer' | 'winter' {
  const md = `${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
  const { summerFrom, winterFrom } = schedule;
  const inSummer = summerFrom < winterFrom ? md >= summerFrom && md < winterFrom : md >= summerFrom || md < winterFrom;
  return inSummer ? 'summer' : 'winter';
}
