import y2022 from 'chinese-days/dist/years/2022.json';
import y2023 from 'chinese-days/dist/years/2023.json';
import y2024 from 'chinese-days/dist/years/2024.json';
import y2025 from 'chinese-days/dist/years/2025.json';
import y2026 from 'chinese-days/dist/years/2026.json';
import type { YearCalendar } from './calendar';

/**
 * The published State Council calendars of past years, from the chinese-days
 * package. Only the years it lists are taken; its fallback for later years
 * (plain weekdays) is never used — later years come from the office.
 */
const published: Record<number, { holidays: Record<string, string>; workdays: Record<string, string> }> = {
  2022: y2022,
  2023: y2023,
  2024: y2024,
  2025: y2025,
  2026: y2026,
};

export const BUNDLED_CALENDARS: readonly YearCalendar[] = Object.entries(published).map(([year, data]) => ({
  year: Number(year),
  holidays: Object.keys(data.holidays).sort(),
  workdays: Object.keys(data.workdays).sort(),
  source: 'bundled',
}));
