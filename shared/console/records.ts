import { z } from 'zod';
import { yearCalendar } from '../calendar/calendar';
import { workSchedule } from '../calendar/schedule';
import type { LoggedTable } from '../changelog/tables';
import { checkinInput } from '../domain/checkin';
import { deviceInput } from '../domain/device';
import { META_KEYS, type RecordMeta } from '../domain/record';
import { unitProfileInput } from '../domain/unit';
import { LEDGER_SPECS, LEDGER_TABLES } from '../ledgers/registry';
import { selfAssessmentInput } from '../evaluation/selfAssessment';
import { attachmentInput } from '../attachments/attachment';

/**
 * What a received bundle may put into the office's store, and the shape each
 * record must have: the same schemas the unit's own forms are parsed with,
 * plus the fields the repository adds. A bundle is untrusted input even when
 * its signature holds (a unit's PC can be tampered with before it signs).
 *
 * Accounts are not taken in: they carry no password, and the office's
 * sign-in must only ever see the office's own accounts.
 */
export const MERGED_TABLES = ['units', 'devices', 'checkins', 'calendars', 'schedules', ...LEDGER_TABLES, 'selfAssessments', 'attachments'] as const satisfies readonly LoggedTable[];
export type MergedTable = (typeof MERGED_TABLES)[number];

export function isMergedTable(table: string): table is MergedTable {
  return (MERGED_TABLES as readonly string[]).includes(table);
}

const id = z.string().min(1).max(80);
const time = z.number().int().min(0).max(8_640_000_000_000_000);

const meta = z
  .object({
    unitId: id,
    id,
    rev: z.number().int().min(1).max(1_000_000_000),
    createdAt: time,
    createdBy: z.string().max(80),
    updatedAt: time,
    updatedBy: z.string().max(80),
    retiredAt: time.nullable(),
    retiredReason: z.string().max(400).nullable(),
  })
  .strict();

/** Fields a table's records carry beyond meta and the form's body, set by the repository. */
const EXTRAS: Partial<Record<MergedTable, z.ZodObject>> = {
  devices: z.object({ configCleared: z.boolean().nullable(), configClearedBy: z.string().max(60).nullable(), configClearedAt: time.nullable() }).strict(),
  checkins: z.object({ officerId: id, officerName: z.string().max(60).optional(), backfilled: z.boolean() }).strict(),
};

const BODY: Record<MergedTable, z.ZodType<Record<string, unknown>, unknown>> = {
  units: unitProfileInput.strict(),
  devices: deviceInput,
  checkins: checkinInput,
  calendars: yearCalendar,
  schedules: workSchedule,
  selfAssessments: selfAssessmentInput,
  attachments: attachmentInput,
  ...(Object.fromEntries(LEDGER_TABLES.map((t) => [t, LEDGER_SPECS[t].schema])) as Record<(typeof LEDGER_TABLES)[number], z.ZodType<Record<string, unknown>, unknown>>),
};

/**
 * Ids the app derives from the unit id: a unit's profile and schedule carry
 * its id, a calendar year and a year's self-assessment are `<unitId>/<year>`. Anything else under these
 * tables would claim a slot of another unit.
 */
function derivedIdOk(table: MergedTable, record: Record<string, unknown>): boolean {
  if (table === 'units' || table === 'schedules') return record.id === record.unitId;
  if (table === 'calendars' || table === 'selfAssessments') return record.id === `${String(record.unitId)}/${String(record.year)}`;
  return true;
}

export type RecordCheck = { ok: true; record: RecordMeta } | { ok: false; field: string };

/**
 * Parses one record of `table` as the unit's own repository would have
 * written it. The record returned is the parsed one, so that what is stored
 * is exactly what the schemas allow.
 */
export function checkRecord(table: MergedTable, input: unknown): RecordCheck {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return { ok: false, field: '' };
  const record = input as Record<string, unknown>;
  const metaPart: Record<string, unknown> = {};
  const extraPart: Record<string, unknown> = {};
  const bodyPart: Record<string, unknown> = {};
  const extras = EXTRAS[table];
  for (const [key, value] of Object.entries(record)) {
    if ((META_KEYS as readonly string[]).includes(key)) metaPart[key] = value;
    else if (extras && key in extras.shape) extraPart[key] = value;
    else bodyPart[key] = value;
  }
  const m = meta.safeParse(metaPart);
  if (!m.success) return { ok: false, field: fieldOf(m.error) };
  const x = extras ? extras.safeParse(extraPart) : null;
  if (x && !x.success) return { ok: false, field: fieldOf(x.error) };
  const b = BODY[table].safeParse(bodyPart);
  if (!b.success) return { ok: false, field: fieldOf(b.error) };
  const parsed = { ...b.data, ...(x?.data ?? {}), ...m.data } as unknown as RecordMeta;
  if (!derivedIdOk(table, parsed as unknown as Record<string, unknown>)) return { ok: false, field: 'id' };
  return { ok: true, record: parsed };
}

function fieldOf(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return '';
  // An unknown key is reported by zod on the object itself, naming the keys.
  if (issue.code === 'unrecognized_keys') return issue.keys.join(', ');
  return issue.path.map(String).join('.');
}
