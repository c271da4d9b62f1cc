import { describe, expect, it } from 'vitest';
import file from '../../../assets/calendars/state-council.json';
import { calendarFile } from '../../../shared/calendar/calendar';
import { BUNDLED_CALENDARS } from '../../../shared/calendar/bundled';

const published = import.meta.glob<{ holidays: Record<string, string>; workdays: Record<string, string> }>('../../../node_modules/chinese-days/dist/years/20{22,23,24,25,26}.json', { eager: true, import: 'default' });

describe('the calendars shipped in assets/', () => {
  it('is a calendar file the app would load from a user, valid year by year', () => {
    const parsed = calendarFile.safeParse(file);
    expect(parsed.success).toBe(true);
    expect(BUNDLED_CALENDARS.map((y) => y.year)).toEqual([2022, 2023, 2024, 2025, 2026]);
    expect(BUNDLED_CALENDARS.every((y) => y.source === 'bundled')).toBe(true);
  });

  it('holds exactly the State Council dates it was taken from', () => {
    expect(Object.keys(published)).toHaveLength(5);
    for (const year of BUNDLED_CALENDARS) {
      const source = Object.entries(published).find(([path]) => path.endsWith(`/${year.year}.json`))![1];
      expect(year.holidays, String(year.year)).toEqual(Object.keys(source.holidays).sort());
      expect(year.workdays, String(year.year)).toEqual(Object.keys(source.workdays).sort());
    }
  });
});
