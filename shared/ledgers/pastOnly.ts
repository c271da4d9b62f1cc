import { isoDay } from '../calendar/calendar';

/**
 * Times that record what already happened — a fault reported, a technician
 * arrived, a scan run, a day on duty — cannot lie ahead of now. The schema
 * cannot know "now" (the office merges records written days earlier), so
 * the repository checks these at write time with its own clock, and the
 * form greys out the future in the same fields.
 */

export type PastFieldKind = 'moment' | 'moments' | 'date';

export interface PastField {
  field: string;
  kind: PastFieldKind;
}

/** A minute's grace: pickers work to the minute, and the PC clock ticks while the form is open. */
export const FUTURE_GRACE_MS = 60_000;

export function futureIssues(fields: readonly PastField[], body: Record<string, unknown>, now: number): { field: string; code: string }[] {
  const today = isoDay(new Date(now));
  const issues: { field: string; code: string }[] = [];
  for (const { field, kind } of fields) {
    const value = body[field];
    const ahead =
      kind === 'date'
        ? typeof value === 'string' && value !== '' && value > today
        : (kind === 'moments' ? (Array.isArray(value) ? value : []) : [value]).some((t) => typeof t === 'number' && t > now + FUTURE_GRACE_MS);
    if (ahead) issues.push({ field, code: kind === 'date' ? 'futureDate' : 'futureTime' });
  }
  return issues;
}
