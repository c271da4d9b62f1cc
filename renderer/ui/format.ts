import dayjs from 'dayjs';
import type { Translate } from '../i18n';

/**
 * Dates and times in the user's local zone as `2026-03-24 08:30`. China has
 * one zone and no daylight saving, but the PC's zone is what the user reads,
 * so nothing here assumes UTC+8.
 */
export function formatDateTime(ms: number | null | undefined): string {
  return ms === null || ms === undefined ? '' : dayjs(ms).format('YYYY-MM-DD HH:mm');
}

/** A document's date as official documents write it: 2026年12月4日. */
export function formatDocumentDate(ms: number): string {
  return dayjs(ms).format('YYYY年M月D日');
}

export function formatTime(ms: number): string {
  return dayjs(ms).format('HH:mm');
}

/** A span of change-log entries: "第 33 条" for one, "第 31–33 条" for more, never "第 33–33 条". */
export function entryRange(t: Translate, from: number, to: number): string {
  return from === to ? t('entries.one', { n: from }) : t('entries.range', { from, to });
}

/**
 * Which change of a record a revision is: the first revision is its creation,
 * so revision 3 is "第 2 次修改". Undefined for the creation itself.
 */
export function revisionText(t: Translate, rev: number): string | undefined {
  return rev > 1 ? t('history.rev', { n: rev - 1 }) : undefined;
}

/** A file's size as people read it: KB below a megabyte, MB with one decimal above. */
export const sizeText = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);
