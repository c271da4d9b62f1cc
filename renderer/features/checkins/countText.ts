import { formatMinutes } from '../../../shared/calendar/schedule';
import { onTimeRate, type CheckinCount, type Tally } from '../../../shared/checkins/compliance';
import type { DaySlotsFrom } from '../../../shared/checkins/report';
import { formatTime } from '../../ui/format';
import type { Translate } from '../../i18n';

/** An on-time rate as the page and the paper print it: one decimal, a dash where nothing was due. */
export function rateText(t: Tally): string {
  const r = onTimeRate(t);
  return r === null ? '—' : `${(r * 100).toFixed(1)}%`;
}

/** What the dialog says before saving: for which slot a check-in at `at` counts, and how. */
export interface CountHint {
  text: string;
  /** It would count for no slot: the officer confirms before saving. */
  uncounted: boolean;
  /** The calendar of that year is missing: saved, counted once it is loaded. */
  unknown: boolean;
}

export function countHint(t: Translate, at: number, day: DaySlotsFrom, count: CheckinCount | undefined, dayLabel: string): CountHint {
  if (day.kind === 'unknown') return { text: t('checkin.count.unknown', { year: day.year, day: dayLabel }), uncounted: false, unknown: true };
  if (day.kind === 'before') return { text: t('checkin.count.before'), uncounted: true, unknown: false };
  if (day.kind === 'rest' || !count || count.kind === 'noSlot') return { text: t('checkin.count.rest', { day: dayLabel }), uncounted: true, unknown: false };
  switch (count.kind) {
    case 'onTime':
    case 'late':
      return { text: t(`checkin.count.${count.kind}`, { slot: formatMinutes(count.slot.minute) }), uncounted: false, unknown: false };
    case 'early':
      return { text: t('checkin.count.early', { time: formatTime(at), slot: formatMinutes(count.slot.minute), opens: formatTime(count.opensAt) }), uncounted: true, unknown: false };
    case 'repeat':
      return { text: t('checkin.count.repeat', { slot: formatMinutes(count.slot.minute) }), uncounted: true, unknown: false };
  }
}
