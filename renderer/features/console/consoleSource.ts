import { BUNDLE_LIMITS } from '../../../shared/bundle/format';
import type { ImportOutcome } from '../../../shared/console/plan';
import type { UnitSummary } from '../../../shared/console/summary';
import type { MergedTable } from '../../../shared/console/records';
import type { ReceivedRow, UnitTables } from '../../../shared/ipc/contract.pg';
import { enrolKeys, MERGED_TABLES, revokeKey, type EnrolmentReview } from '../../db/console';
import { ValidationError } from '../../db/errors';
import type { EnrolledKey } from '../../db/schema';
import { unitSummaries } from '../../db/consoleSummary';
import { localUnitYears, type UnitYears } from '../../db/evaluationOffice';
import { mergedOf, mergedStore, readReceivedAttachment, type ReceivedFileRead } from '../../db/merged';
import type { Attachment } from '../../../shared/attachments/attachment';
import type { Actor } from '../../db/repository';
import type { ZwDb } from '../../db/schema';
import { invoke } from '../../state/ipc';
import { checkpointsOf, type Checkpoint } from '../../../shared/bundle/checkpoint';
import type { OfficeReceived } from '../../../shared/home/officeHome';
import { heldSegments } from '../../db/checkpoint';
import { officeReceived } from '../../db/officeHome';
import { knownUnits, type KnownUnit } from '../../db/policyIssue';
import { PgConsoleError, sessionToken } from '../../state/consoleMode';
import { importMany, type IncomingFile } from './importQueue';
import { sendToMain, type Opener } from './unsealBundle';

/**
 * Where the console's screens get their data: this PC's IndexedDB, or the
 * office's PostgreSQL server through main. One interface, so the units view,
 * a unit's records and the import page are the same pages on either store;
 * the rules behind both are the ones in shared/console.
 */
export interface ConsoleSource extends UnitYears {
  units(now: number, silentDays: number): Promise<UnitSummary[]>;
  /** One unit's received records by table; check-ins newest first. */
  unitRecords(unitId: string): Promise<UnitTables>;
  /** What was received, newest first, and how many unit keys are enrolled. */
  received(): Promise<{ bundles: ReceivedRow[]; keysEnrolled: number }>;
  /** Takes in files one after another, each all or nothing. */
  importFiles(files: readonly IncomingFile[], onEach: (outcome: ImportOutcome, index: number) => void, opener?: Opener): Promise<ImportOutcome[]>;
  /** Every enrolled key, revoked ones too. */
  keys(): Promise<EnrolledKey[]>;
  /** Enrols keys the auditor reviewed; returns how many were written. */
  enrol(reviews: readonly EnrolmentReview[]): Promise<number>;
  /** Revokes a key with its reason; a refusal is a ValidationError the page shows. */
  revoke(keyId: string, reason: string): Promise<void>;
  /** A received attachment's file, checked against its signed hash. */
  attachmentFile(attachment: Attachment): Promise<ReceivedFileRead>;

  // The policy-issue page and the office's home page (shared/console/directory.ts, shared/bundle/checkpoint.ts, shared/home/officeHome.ts).
  /** The units a policy is signed for, by code. */
  knownUnits(officeUnitId: string): Promise<KnownUnit[]>;
  /** What the office holds of each unit's chain, as a policy carries it back. */
  checkpoints(): Promise<Checkpoint[]>;
  /** The home page's half about received data. */
  home(now: number, silentDays: number): Promise<OfficeReceived>;
}

const HISTORY_ROWS = 500;

export function localSource(db: ZwDb, actor: Actor): ConsoleSource {
  return {
    units: (now, silentDays) => unitSummaries(db, now, silentDays),
    unitRecords: async (unitId) => {
      const lists = await Promise.all(
        MERGED_TABLES.map((table: MergedTable) =>
          table === 'checkins' ? mergedStore(db, 'checkins').where('[unitId+at]').between([unitId, 0], [unitId, Number.MAX_SAFE_INTEGER]).reverse().toArray() : mergedOf(db, table, unitId),
        ),
      );
      return Object.fromEntries(MERGED_TABLES.map((table, i) => [table, lists[i]!]));
    },
    received: async () => {
      const all = await db.receivedBundles.orderBy('fileHash').toArray();
      const bundles = all.sort((a, b) => b.receivedAt - a.receivedAt).slice(0, HISTORY_ROWS);
      return { bundles, keysEnrolled: await db.enrolledKeys.count() };
    },
    importFiles: (files, onEach, opener) => importMany(db, actor, files, onEach, opener),
    keys: async () => (await db.enrolledKeys.toArray()).sort((a, b) => a.unitCode.localeCompare(b.unitCode) || b.enrolledAt - a.enrolledAt),
    enrol: async (reviews) => (await enrolKeys(db, actor, reviews)).length,
    revoke: (keyId, reason) => revokeKey(db, actor, keyId, reason),
    attachmentFile: (attachment) => readReceivedAttachment(db, attachment),
    knownUnits: (officeUnitId) => knownUnits(db, officeUnitId),
    checkpoints: async () => checkpointsOf(await heldSegments(db)),
    home: (now, silentDays) => officeReceived(db, now, silentDays),
    ...localUnitYears(db),
  };
}

/** The answer of a PostgreSQL call, or its refusal as an error the page shows. */
function value<T extends { ok: boolean }>(r: T | { ok: false; code: PgConsoleError['code'] }): Extract<T, { ok: true }> {
  if (!r.ok) throw new PgConsoleError((r as { code: PgConsoleError['code'] }).code);
  return r as Extract<T, { ok: true }>;
}

export function pgSource(): ConsoleSource {
  return {
    units: async (now, silentDays) => value(await invoke('pgConsole:units', { session: sessionToken(), now, silentDays })).units,
    unitRecords: async (unitId) => value(await invoke('pgConsole:unitRecords', { session: sessionToken(), unitId })).tables,
    received: async () => {
      const r = value(await invoke('pgConsole:received', { session: sessionToken(), limit: HISTORY_ROWS }));
      return { bundles: r.bundles, keysEnrolled: r.keysEnrolled };
    },
    // Main verifies and merges each file itself, with the keys enrolled in the database.
    importFiles: async (files, onEach, opener) => {
      const out: ImportOutcome[] = [];
      for (let i = 0; i < files.length; i++) {
        const file = files[i]!;
        let outcome: ImportOutcome;
        if (file.size > BUNDLE_LIMITS.fileBytes) outcome = { fileName: file.name, verdict: 'unreadable', detail: `${file.size} bytes` };
        else {
          const sent = await sendToMain(await file.bytes());
          outcome = sent.ok
            ? value(await invoke('pgConsole:ingest', { session: sessionToken(), id: sent.id, fileName: file.name, ...(opener ? { opener } : {}) })).outcome
            : { fileName: file.name, verdict: 'unreadable', detail: sent.code };
        }
        out.push(outcome);
        onEach(outcome, i);
      }
      return out;
    },
    keys: async () => value(await invoke('pgConsole:keys', { session: sessionToken() })).keys,
    // Main parses and reviews each file again against the database before it enrols anything.
    enrol: async (reviews) => value(await invoke('pgConsole:enrol', { session: sessionToken(), files: reviews.map((r) => JSON.stringify(r.enrolment)) })).enrolled.length,
    revoke: async (keyId, reason) => {
      const { result } = value(await invoke('pgConsole:revoke', { session: sessionToken(), keyId, reason }));
      // The same refusals the local store gives, so the page says the same words.
      if (result === 'reason') throw new ValidationError([{ field: 'reason', code: 'retire.reason' }]);
      if (result !== 'revoked') throw new ValidationError([{ field: '', code: 'stale' }]);
    },
    // The server keeps each bundle as received, attachments inside it, but not the files on their own.
    attachmentFile: async () => ({ ok: false, problem: 'notOnServer' }),
    knownUnits: async (officeUnitId) => value(await invoke('pgConsole:knownUnits', { session: sessionToken(), officeUnitId })).units,
    checkpoints: async () => value(await invoke('pgConsole:checkpoints', { session: sessionToken() })).checkpoints,
    home: async (now, silentDays) => {
      const { units, arrivals, selfSubmitted } = value(await invoke('pgConsole:home', { session: sessionToken(), now, silentDays }));
      return { units, arrivals, selfSubmitted };
    },
    // Main reads and reduces the units a batch at a time; only each unit's figures come back.
    evaluationUnits: async (officeUnitId, year, now) => value(await invoke('pgConsole:evaluationUnits', { session: sessionToken(), officeUnitId, year, now })).units,
    noticeUnits: async (officeUnitId, period, now) => value(await invoke('pgConsole:noticeUnits', { session: sessionToken(), officeUnitId, ...period, now })).units,
  };
}
