import dayjs, { type Dayjs } from 'dayjs';

/**
 * For pickers of what already happened (shared/ledgers/pastOnly.ts): days
 * after today are greyed out. A later hour of today is refused on saving,
 * beside the field, by the same rule the repository applies.
 */
export const afterToday = (day: Dayjs): boolean => day.isAfter(dayjs(), 'day');
