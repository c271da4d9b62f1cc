import dayjs from 'dayjs';

/**
 * Dates and times in the user's local zone as `2026-03-24 08:30`. China has
 * one zone and no daylight saving, but the PC's zone is what the user reads,
 * so nothing here assumes UTC+8.
 */
export function formatDateTime(ms: number | null | undefined): string {
  return ms === null || ms === undefined ? '' : dayjs(ms).format('YYYY-MM-DD HH:mm');
}

export function formatTime(ms: number): string {
  return dayjs(ms).format('HH:mm');
}
