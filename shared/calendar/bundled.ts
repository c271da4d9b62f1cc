import file from '../../assets/calendars/state-council.json';
import type { YearCalendar } from './calendar';

/**
 * The State Council's published holiday calendars of past years, shipped
 * with the app in assets/calendars/ in the same file format a user loads
 * (taken once from the chinese-days package). Later years come from the
 * office's policy bundle or a loaded file, never from a guess of plain
 * weekdays.
 */
export const BUNDLED_CALENDARS: readonly YearCalendar[] = file.years.map((y) => ({ ...y, source: 'bundled' }));
