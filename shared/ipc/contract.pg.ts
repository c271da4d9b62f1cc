import { z } from 'zod';
import { CRYPTO_SUITES } from '../bundle/suites';
import type { ImportOutcome } from '../console/plan';
import type { UnitSummary } from '../console/summary';
import type { MergedTable } from '../console/records';
import type { RecordMeta } from '../domain/record';
import { UNIT_AREAS, UNIT_LEVELS, type UnitProfile } from '../domain/unit';
import { checkpointSchema } from '../bundle/checkpoint';
import { FIGURE_IDS, type FigureId } from '../evaluation/figures';
import { noticeThresholds, noticeUnit } from '../evaluation/networkNotice';
import type { SelfAssessment } from '../evaluation/selfAssessment';
import { isoDate } from '../ledgers/fields';

/**
 * The console's PostgreSQL store over IPC (DESIGN.md, Two stores at the
 * office). The renderer names a server and hands its password over once,
 * to be tested and kept by main; from then on it asks for the console's
 * data and never holds a connection string or a password. Every call is
 * made for a live sign-in session, which main checks against the account's
 * role itself.
 */

/** Why main could not use the server: the renderer shows each in Chinese. */
export const PG_FAILURES = [
  'wrongPassword',
  'unreachable',
  'noDatabase',
  'schemaOld',
  'schemaNew',
  'permission',
  'serverError',
  'locked',
  'notPg',
  'forbidden',
  'noSession',
] as const;
export type PgFailure = (typeof PG_FAILURES)[number];

const session = z.string().regex(/^[0-9a-f]{64}$/);
const unitIdField = z.string().regex(/^[A-Za-z0-9-]{1,64}$/);
const inboxId = z.string().regex(/^[0-9a-f]{32}$/);

/** A host name or an IPv4/IPv6 address; nothing a shell or a URL could read as more. */
export const serverAddress = z
  .object({
    host: z.string().trim().min(1).max(253).regex(/^[A-Za-z0-9.:\-[\]]+$/),
    port: z.number().int().min(1).max(65535),
    database: z.string().trim().min(1).max(63).regex(/^[^\s'"\\]+$/),
    user: z.string().trim().min(1).max(63).regex(/^[^\s'"\\]+$/),
  })
  .strict();
export type ServerAddressInput = z.infer<typeof serverAddress>;

const serverPassword = z.string().max(256);
const failure = z.object({ ok: z.literal(false), code: z.enum(PG_FAILURES), found: z.number().int().optional(), needs: z.number().int().optional() }).strict();
export type PgFailureResult = z.infer<typeof failure>;

/** A bundle taken in by main, as the import page lists it. */
const received = z
  .object({
    fileHash: z.string(),
    fileName: z.string(),
    unitName: z.string(),
    claimed: z.object({ unitName: z.string(), unitCode: z.string() }).strict().nullable().optional(),
    fromSeq: z.number().int(),
    toSeq: z.number().int(),
    receivedAt: z.number(),
    verdict: z.enum(['valid', 'gapBefore']),
  })
  .strict();
export type ReceivedRow = z.infer<typeof received>;

/** An enrolled key as the keys page shows it (renderer/db/schema.ts EnrolledKey). */
const enrolledKey = z
  .object({
    keyId: z.string(),
    unitId: z.string(),
    unitName: z.string(),
    unitCode: z.string(),
    suite: z.enum(CRYPTO_SUITES),
    publicKey: z.string(),
    fingerprint: z.string(),
    rotatedFrom: z.string().nullable(),
    enrolledAt: z.number(),
    enrolledBy: z.string(),
    revokedAt: z.number().nullable(),
    revokedBy: z.string().nullable(),
    revokedReason: z.string().nullable(),
  })
  .strict();
export type EnrolledKeyRow = z.infer<typeof enrolledKey>;

// Main builds these from rows the shared rules wrote and checked; the contract checks their outer shape.
const isObject = (v: unknown) => typeof v === 'object' && v !== null;
const outcome = z.custom<ImportOutcome>((v) => isObject(v) && typeof (v as { fileName?: unknown }).fileName === 'string' && typeof (v as { verdict?: unknown }).verdict === 'string');
const summary = z.custom<UnitSummary>((v) => isObject(v) && typeof (v as { unitId?: unknown }).unitId === 'string');
const record = z.custom<RecordMeta>((v) => isObject(v) && typeof (v as { id?: unknown }).id === 'string');

// What the policy-issue page and the office's home page read of the received data (their own blocks below).
const knownUnit = z
  .object({ unitId: z.string(), unitCode: z.string(), unitName: z.string(), level: z.enum(UNIT_LEVELS).nullable(), area: z.enum(UNIT_AREAS).nullable() })
  .strict();
const monthArrivals = z.object({ month: z.string().regex(/^\d{4}-\d{2}$/), bundles: z.number().int().min(0), units: z.number().int().min(0) }).strict();
// The office's evaluation and notices: each unit's year reduced in main (shared/evaluation/unitYear.ts), never its records.
const officeUnitId = unitIdField;
const yearField = z.number().int().min(2000).max(2100);
const figureValue = z.object({ value: z.number().nullable(), provisional: z.boolean(), coveredDays: z.number(), periodDays: z.number() }).strict();
const profile = z.custom<UnitProfile>((v) => isObject(v) && typeof (v as { id?: unknown }).id === 'string' && (UNIT_LEVELS as readonly unknown[]).includes((v as { level?: unknown }).level));
const selfAssessment = z.custom<SelfAssessment>((v) => isObject(v) && (v as { status?: unknown }).status === 'submitted' && Array.isArray((v as { items?: unknown }).items));
const unitYear = z
  .object({
    unitId: unitIdField,
    identity: z.object({ unitName: z.string(), unitCode: z.string() }).strict(),
    profile,
    self: selfAssessment.optional(),
    figures: z.partialRecord(z.enum(FIGURE_IDS as [FigureId, ...FigureId[]]), figureValue),
  })
  .strict();

export const pgContract = {
  /** Which store the console reads, and the server's address (never its password); `ready` once main can reach it. */
  'pgConsole:status': {
    request: z.object({ session }).strict(),
    response: z.object({ mode: z.enum(['local', 'pg']), server: serverAddress.nullable(), ready: z.boolean() }).strict(),
  },
  /** Connects with what was typed, changes nothing, and says whether the schema is this build's. */
  'pgConsole:test': {
    request: z.object({ session, server: serverAddress, password: serverPassword }).strict(),
    response: z.union([z.object({ ok: z.literal(true), version: z.number().int() }).strict(), failure]),
  },
  /** Creates or upgrades the schema on the typed server: the administrator's choice after a test found it old. */
  'pgConsole:migrate': {
    request: z.object({ session, server: serverAddress, password: serverPassword }).strict(),
    response: z.union([z.object({ ok: z.literal(true), from: z.number().int(), to: z.number().int() }).strict(), failure]),
  },
  /** Tests again, keeps the address with the password sealed, and switches the console to the server. */
  'pgConsole:save': {
    request: z.object({ session, unitId: unitIdField, server: serverAddress, password: serverPassword }).strict(),
    response: z.union([z.object({ ok: z.literal(true) }).strict(), failure]),
  },
  /** Back to this PC's own database; the kept password is forgotten. */
  'pgConsole:useLocal': {
    request: z.object({ session }).strict(),
    response: z.union([z.object({ ok: z.literal(true) }).strict(), failure]),
  },
  /**
   * Takes in one file sent before through the sealed inbox (sealed:begin /
   * sealed:append); a sealed one is opened with the office key for the
   * auditor's password, like sealed:open.
   */
  'pgConsole:ingest': {
    request: z
      .object({
        session,
        id: inboxId,
        fileName: z.string().min(1).max(255),
        opener: z.object({ unitId: unitIdField, accountId: unitIdField, password: z.string().max(128) }).strict().optional(),
      })
      .strict(),
    response: z.union([z.object({ ok: z.literal(true), outcome }).strict(), failure]),
  },
  'pgConsole:units': {
    request: z.object({ session, now: z.number().int().min(0), silentDays: z.number().int().min(1).max(366) }).strict(),
    response: z.union([z.object({ ok: z.literal(true), units: z.array(summary) }).strict(), failure]),
  },
  /** One unit's received records by table, check-ins newest first. */
  'pgConsole:unitRecords': {
    request: z.object({ session, unitId: unitIdField }).strict(),
    response: z.union([z.object({ ok: z.literal(true), tables: z.record(z.string(), z.array(record)) }).strict(), failure]),
  },
  /** What was received, newest first, and how many unit keys are enrolled. */
  'pgConsole:received': {
    request: z.object({ session, limit: z.number().int().min(1).max(1000) }).strict(),
    response: z.union([z.object({ ok: z.literal(true), bundles: z.array(received), keysEnrolled: z.number().int() }).strict(), failure]),
  },
  /** Every enrolled key, revoked ones with their reason, as the keys page lists them. */
  'pgConsole:keys': {
    request: z.object({ session }).strict(),
    response: z.union([z.object({ ok: z.literal(true), keys: z.array(enrolledKey) }).strict(), failure]),
  },
  /**
   * Enrols keys the auditor reviewed and ticked: their files' text, parsed
   * and reviewed again by main against the database (a rotation is only one
   * if an enrolled key signed it). Keys already there are left as they are.
   */
  'pgConsole:enrol': {
    request: z.object({ session, files: z.array(z.string().min(2).max(64 * 1024)).min(1).max(1000) }).strict(),
    response: z.union([z.object({ ok: z.literal(true), enrolled: z.array(z.string()), refused: z.number().int() }).strict(), failure]),
  },
  'pgConsole:revoke': {
    request: z.object({ session, keyId: z.string().min(1).max(200), reason: z.string().max(500) }).strict(),
    response: z.union([z.object({ ok: z.literal(true), result: z.enum(['revoked', 'unknown', 'alreadyRevoked', 'reason']) }).strict(), failure]),
  },
  /** The units a policy is signed for: enrolled ones, with level and area from their received profiles. */
  'pgConsole:knownUnits': {
    request: z.object({ session, officeUnitId: unitIdField }).strict(),
    response: z.union([z.object({ ok: z.literal(true), units: z.array(knownUnit) }).strict(), failure]),
  },
  /** The office's checkpoint of every unit it received from, as a policy carries them back. */
  'pgConsole:checkpoints': {
    request: z.object({ session }).strict(),
    response: z.union([z.object({ ok: z.literal(true), checkpoints: z.array(checkpointSchema) }).strict(), failure]),
  },
  /** The office home page's half about received data, in one call: the units view, monthly arrivals, self-assessments submitted. */
  'pgConsole:home': {
    request: z.object({ session, now: z.number().int().min(0), silentDays: z.number().int().min(1).max(366) }).strict(),
    response: z.union([z.object({ ok: z.literal(true), units: z.array(summary), arrivals: z.array(monthArrivals).max(12), selfSubmitted: z.number().int().min(0) }).strict(), failure]),
  },
  /** Every enrolled unit's year but the office's own, reduced to the figures the evaluation scores, with its submitted self-assessment. */
  'pgConsole:evaluationUnits': {
    request: z.object({ session, officeUnitId, year: yearField, now: z.number().int().min(0) }).strict(),
    response: z.union([z.object({ ok: z.literal(true), units: z.array(unitYear) }).strict(), failure]),
  },
  /** The units a network notice over the period would name, and why. */
  'pgConsole:noticeUnits': {
    request: z
      .object({ session, officeUnitId, from: isoDate, to: isoDate, thresholds: noticeThresholds, now: z.number().int().min(0) })
      .strict()
      .refine((r) => r.from <= r.to && r.from.slice(0, 4) === r.to.slice(0, 4), { path: ['to'], message: 'notice.period' }),
    response: z.union([z.object({ ok: z.literal(true), units: z.array(noticeUnit) }).strict(), failure]),
  },
} as const;

export type UnitTables = Partial<Record<MergedTable, RecordMeta[]>>;
