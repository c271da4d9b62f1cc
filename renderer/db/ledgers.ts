import type { RecordMeta } from '../../shared/domain/record';
import { futureIssues } from '../../shared/ledgers/pastOnly';
import { LEDGER_SPECS, type LedgerRef, type LedgerTable } from '../../shared/ledgers/registry';
import { ValidationError, issuesFromZod, NotFoundError, type FieldIssue } from './errors';
import { commit, current, newRecord, revise, type Actor } from './repository';
import type { ZwDb } from './schema';

/**
 * One repository for every declared ledger (shared/ledgers/registry.ts):
 * parse with the ledger's schema, check its references and uniqueness inside
 * the write transaction, write record and change log together. A ledger adds
 * a declaration, not a repository.
 */

export type LedgerRecord = RecordMeta;

/** A record's fields by name, for code that works on any ledger. */
export function fieldsOf(record: RecordMeta): Record<string, unknown> {
  return record as unknown as Record<string, unknown>;
}

export const RETIRE_REASON = { min: 2, max: 200 } as const;

function parse(table: LedgerTable, input: unknown, now: number, row?: number): { body?: Record<string, unknown>; issues: FieldIssue[] } {
  const spec = LEDGER_SPECS[table];
  const parsed = spec.schema.safeParse(input);
  const issues: FieldIssue[] = parsed.success ? futureIssues(spec.pastOnly ?? [], parsed.data, now) : issuesFromZod(parsed.error.issues);
  if (parsed.success && issues.length === 0) return { body: parsed.data, issues };
  return { issues: row === undefined ? issues : issues.map((i) => ({ ...i, vars: { ...i.vars, row: String(row + 1) } })) };
}

function refIds(ref: LedgerRef, body: Record<string, unknown>): string[] {
  const value = body[ref.field];
  if (ref.many) return Array.isArray(value) ? (value as string[]) : [];
  return typeof value === 'string' && value !== '' ? [value] : [];
}

/**
 * References must name records of this unit; a newly added reference must be
 * active. A reference the record already had may have been retired since
 * (a ticket keeps the device it was about).
 */
async function checkRefs(db: ZwDb, unitId: string, table: LedgerTable, body: Record<string, unknown>, previous?: Record<string, unknown>): Promise<FieldIssue[]> {
  const issues: FieldIssue[] = [];
  for (const ref of LEDGER_SPECS[table].refs) {
    const ids = [...new Set(refIds(ref, body))];
    if (ids.length === 0) continue;
    const had = new Set(previous ? refIds(ref, previous) : []);
    const found = await db.table(ref.table).bulkGet(ids);
    const bad = ids.filter((id, i) => {
      const r = found[i] as RecordMeta | undefined;
      return !r || r.unitId !== unitId || (r.retiredAt !== null && !had.has(id));
    });
    if (bad.length > 0) issues.push({ field: ref.field, code: `ref.${ref.table}` });
  }
  return issues;
}

function uniqueKey(fields: readonly string[], body: Record<string, unknown>): string {
  return JSON.stringify(fields.map((f) => body[f]));
}

async function checkUnique(db: ZwDb, unitId: string, table: LedgerTable, bodies: readonly (Record<string, unknown> & { id?: string })[]): Promise<FieldIssue[]> {
  const fields = LEDGER_SPECS[table].unique;
  if (!fields) return [];
  const taken = new Map<string, string>();
  await db.table(table).where('unitId').equals(unitId).each((r: LedgerRecord) => {
    if (r.retiredAt === null) taken.set(uniqueKey(fields, fieldsOf(r)), r.id);
  });
  const issues: FieldIssue[] = [];
  for (const body of bodies) {
    const key = uniqueKey(fields, body);
    const other = taken.get(key);
    if (other !== undefined && other !== body.id) issues.push({ field: fields[0]!, code: `unique.${table}` });
    taken.set(key, body.id ?? key);
  }
  return issues;
}

/** Creates records in one transaction: all of them, or none when any is refused. */
export async function createLedgerRecords<R extends RecordMeta>(
  db: ZwDb,
  actor: Actor,
  table: LedgerTable,
  inputs: readonly unknown[],
  /** A write that must happen with these records or not at all (an export's mark beside its copy filing). */
  also?: { tables: readonly string[]; run: () => Promise<void> },
): Promise<R[]> {
  if (inputs.length === 0) throw new ValidationError([{ field: '', code: 'required' }]);
  const now = Date.now();
  const bodies: Record<string, unknown>[] = [];
  const issues: FieldIssue[] = [];
  inputs.forEach((input, row) => {
    const r = parse(table, input, now, inputs.length > 1 ? row : undefined);
    if (r.body) bodies.push(r.body);
    issues.push(...r.issues);
  });
  // The same refusal on every row of a batch (one form fanned out) is said once.
  if (issues.length > 0) throw new ValidationError(dedupe(issues));
  const records = bodies.map((body) => newRecord(actor, body, now) as R);
  await commit(db, actor, async () => {
    const refused: FieldIssue[] = [];
    for (const record of records) refused.push(...(await checkRefs(db, actor.unitId, table, fieldsOf(record))));
    refused.push(...(await checkUnique(db, actor.unitId, table, records.map(fieldsOf))));
    if (refused.length > 0) throw new ValidationError(dedupe(refused));
    await also?.run();
    return records.map((record) => ({ table, op: 'create' as const, record }));
  }, also?.tables);
  return records;
}

export async function updateLedgerRecord<R extends RecordMeta>(db: ZwDb, actor: Actor, table: LedgerTable, id: string, expectedRev: number, input: unknown): Promise<R> {
  const { body, issues } = parse(table, input, Date.now());
  if (!body) throw new ValidationError(issues);
  let saved: R | undefined;
  await commit(db, actor, async () => {
    const previous = await current<R>(db, table, id, expectedRev);
    if (previous.retiredAt !== null) throw new ValidationError([{ field: '', code: 'stale' }]);
    const refused = [...(await checkRefs(db, actor.unitId, table, body, fieldsOf(previous))), ...(await checkUnique(db, actor.unitId, table, [{ ...body, id }]))];
    if (refused.length > 0) throw new ValidationError(refused);
    saved = revise(previous, body as Partial<R>, actor);
    return [{ table, op: 'update', record: saved }];
  });
  if (!saved) throw new NotFoundError(id);
  return saved;
}

/** Retirement, never deletion: the record stays, marked with when and why. */
export async function retireLedgerRecord<R extends RecordMeta>(db: ZwDb, actor: Actor, table: LedgerTable, id: string, expectedRev: number, reason: string): Promise<R> {
  const text = reason.trim();
  if (text.length < RETIRE_REASON.min) throw new ValidationError([{ field: 'reason', code: 'retire.reason' }]);
  if (text.length > RETIRE_REASON.max) throw new ValidationError([{ field: 'reason', code: 'tooLong' }]);
  let saved: R | undefined;
  await commit(db, actor, async () => {
    const previous = await current<R>(db, table, id, expectedRev);
    if (previous.retiredAt !== null) throw new ValidationError([{ field: '', code: 'stale' }]);
    const now = Date.now();
    saved = revise(previous, { retiredAt: now, retiredReason: text } as Partial<R>, actor, now);
    return [{ table, op: 'retire', record: saved }];
  });
  if (!saved) throw new NotFoundError(id);
  return saved;
}

export function listLedger<R extends RecordMeta>(db: ZwDb, table: LedgerTable, unitId: string): Promise<R[]> {
  return db.table(table).where('unitId').equals(unitId).toArray() as Promise<R[]>;
}

function dedupe(issues: FieldIssue[]): FieldIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.field}/${i.code}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
