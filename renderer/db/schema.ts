import Dexie, { type EntityTable, type Table, type Transaction } from 'dexie';
import type { SealedEntry } from '../../shared/changelog/chain';
import type { Account } from '../../shared/domain/account';
import type { Device } from '../../shared/domain/device';
import type { UnitProfile } from '../../shared/domain/unit';
import type { Checkin } from '../../shared/domain/checkin';
import type { RecordMeta } from '../../shared/domain/record';
import type { CalendarRecord, ScheduleRecord } from '../../shared/calendar/stored';
import type { DutyLog } from '../../shared/ledgers/duty';
import type { Fault } from '../../shared/ledgers/fault';
import type { Scan } from '../../shared/ledgers/scan';
import type { Incident } from '../../shared/ledgers/incident';
import type { Inspection } from '../../shared/ledgers/inspection';
import type { Training } from '../../shared/ledgers/training';
import type { CopyFiling } from '../../shared/ledgers/copyFiling';
import type { Maintainer } from '../../shared/ledgers/maintainer';
import type { SelfAssessment } from '../../shared/evaluation/selfAssessment';
import type { EvaluationEntries } from '../../shared/evaluation/officeEntries';
import type { NetworkNotice } from '../../shared/evaluation/networkNotice';
import type { Attachment } from '../../shared/attachments/attachment';
import type { LoggedTable } from '../../shared/changelog/tables';
import type { CryptoSuite } from '../../shared/bundle/suites';
import { MERGED_TABLES, type MergedTable } from '../../shared/console/records';
import type { Identity } from '../../shared/console/merge';
import type { UnitFigures } from '../../shared/console/summary';

/** Local-only state: never exported, never in the change log. */
export interface MetaRow {
  key: string;
  value: unknown;
}

/** Failed sign-ins per username, for the five-strikes lock. Local-only. */
export interface SigninAttempts {
  username: string;
  failures: number;
  lockedUntil: number;
}

/**
 * The change log is stored as commits: the entries one transaction appended,
 * in seq order, at most COMMIT_CHUNK to a row. IndexedDB's cost is per row
 * (a request each), so a bulk write of 50,000 records adds a hundred log rows
 * rather than 50,000. `recordKeys` (`table/id`, multi-entry) finds a record's
 * history.
 */
export interface LogCommit {
  unitId: string;
  /** seq of the first entry */
  seq: number;
  lastSeq: number;
  lastHash: string;
  recordKeys: string[];
  entries: SealedEntry[];
}

export const COMMIT_CHUNK = 500;

export function recordKey(table: string, id: string): string {
  return `${table}/${id}`;
}

export const DB_NAME = 'zwledger';

/** The table holding received records of each merged table. */
export const MERGED_STORE: Record<MergedTable, string> = Object.fromEntries(MERGED_TABLES.map((t) => [t, `merged${t[0]!.toUpperCase()}${t.slice(1)}`])) as Record<MergedTable, string>;

/** The merged tables as versions 6 and 7 shipped them: a shipped version's stores never change. */
const MERGED_IN_V6 = MERGED_TABLES.filter((t) => t !== 'selfAssessments' && t !== 'attachments');


/**
 * Each entry is one Dexie version: the stores it declares and, where records
 * must change, an upgrade. Kept as a list so a test can open a database at any
 * earlier version and upgrade it (DESIGN.md, Storage). Never edit a shipped
 * version; add one.
 */
export const VERSIONS: readonly { version: number; stores: Record<string, string | null>; upgrade?: (tx: Transaction) => Promise<void> }[] = [
  {
    version: 1,
    stores: {
      meta: 'key',
      units: 'id',
      accounts: 'id, unitId, username',
      devices: 'id, unitId',
      changelog: '[unitId+seq], *recordKeys',
      signinAttempts: 'username',
    },
  },
  {
    // Conflict checks inside the write transaction look up active devices by
    // IP and MAC; without these indexes each save scanned the whole register.
    version: 2,
    stores: {
      devices: 'id, unitId, [unitId+ip], [unitId+mac]',
    },
  },
  {
    // Document-officer check-ins, the work calendar (one record per year) and
    // the work schedule (one record per unit).
    version: 3,
    stores: {
      checkins: 'id, [unitId+at]',
      calendars: 'id, unitId',
      schedules: 'id',
    },
  },
  {
    // The rest of the unit's ledgers (issue 3), declared in shared/ledgers.
    version: 4,
    stores: {
      dutyLogs: 'id, unitId',
      faults: 'id, unitId',
      scans: 'id, unitId, [unitId+deviceId]',
      incidents: 'id, unitId',
      inspections: 'id, unitId',
      trainings: 'id, unitId',
      copyFilings: 'id, unitId',
      maintainers: 'id, unitId',
    },
  },
  {
    // The office's console (issue 5): enrolled unit keys, the bundles
    // received, the chain hash at every seq each covers, and the files
    // themselves as evidence — three tables, so that listing what was
    // received never loads a million hashes or the files.
    version: 5,
    stores: {
      enrolledKeys: 'keyId, unitId',
      receivedBundles: 'fileHash, [unitId+fromSeq], unitId',
      receivedHashes: 'fileHash',
      receivedFiles: 'fileHash',
    },
  },
  {
    // What bundles bring, keyed by (unitId, id) in tables of their own (issue
    // 11): a unit's bundle can no longer overwrite another unit's record, nor
    // the office's own, whatever ids it carries. The `id` index finds an id
    // held by another unit. Rows merged into the local tables by earlier
    // versions move here; the local tables keep only this PC's unit.
    version: 6,
    // `unitFigures` keeps each unit's row of the units view, computed as its
    // bundles arrive, so that opening the view reads one row per unit.
    stores: { ...Object.fromEntries(MERGED_IN_V6.map((t) => [MERGED_STORE[t], t === 'checkins' ? '[unitId+id], id, [unitId+at]' : '[unitId+id], id'])), unitFigures: 'unitId' },
    upgrade: moveMergedRows,
  },
  {
    // Ids are minted unique on the PC that creates them (uuidv7, or derived
    // from the unit's own id), so no two units may hold one. A unique index
    // makes the write itself refuse a bundle that names an id another unit
    // holds: the check costs nothing beside the write, where a lookup per
    // incoming record cost more than half the write again (issue 11).
    // Version 6 already refused such ids, so no database holds duplicates.
    version: 7,
    stores: Object.fromEntries(MERGED_IN_V6.map((t) => [MERGED_STORE[t], t === 'checkins' ? '[unitId+id], &id, [unitId+at]' : '[unitId+id], &id'])),
  },
  {
    // The year's self-assessment (issue 13): the unit's own, and as the office receives it.
    version: 8,
    // evaluationEntries and networkNotices: what the office's evaluation group enters and issues (its own records, never merged).
    stores: { selfAssessments: 'id, unitId', [MERGED_STORE.selfAssessments]: '[unitId+id], &id', evaluationEntries: 'id, unitId', networkNotices: 'id, unitId' },
  },
  {
    // Signed paper kept with its record (issue 14): the attachment records
    // (logged, holding each file's SM3) and the files' bytes once per hash.
    version: 9,
    stores: { attachments: 'id, unitId, [ownerTable+ownerId]', attachmentFiles: 'sm3' },
  },
  {
    // The home page reads what its cards show, not the year (issue 14): the
    // scans of the coverage period by day, one device's latest scan where it
    // had none in that period, and this month's duty logs.
    version: 10,
    stores: {
      scans: 'id, unitId, [unitId+deviceId], [unitId+scannedOn], [unitId+deviceId+scannedOn]',
      dutyLogs: 'id, unitId, [unitId+date]',
    },
  },
  {
    // Attachments as the office receives them (issue 14): the records, found
    // by the record they belong to, and the files a bundle carried when the
    // policy asked, kept under (unit, attachment id).
    version: 11,
    stores: { [MERGED_STORE.attachments]: '[unitId+id], &id, [ownerTable+ownerId]', receivedAttachmentFiles: '[unitId+id]' },
  },
];

async function moveMergedRows(tx: Transaction): Promise<void> {
  const local = (await tx.table('meta').get('unitId'))?.value;
  for (const t of MERGED_IN_V6) {
    const foreign = (await tx.table(t).filter((r: RecordMeta) => r.unitId !== local).toArray()) as RecordMeta[];
    if (foreign.length === 0) continue;
    await tx.table(MERGED_STORE[t]).bulkPut(foreign);
    await tx.table(t).bulkDelete(foreign.map((r) => r.id));
  }
}

export type ZwTables = {
  meta: EntityTable<MetaRow, 'key'>;
  units: EntityTable<UnitProfile, 'id'>;
  accounts: EntityTable<Account, 'id'>;
  devices: EntityTable<Device, 'id'>;
  changelog: Table<LogCommit, [string, number]>;
  signinAttempts: EntityTable<SigninAttempts, 'username'>;
  checkins: EntityTable<Checkin, 'id'>;
  calendars: EntityTable<CalendarRecord, 'id'>;
  schedules: EntityTable<ScheduleRecord, 'id'>;
  dutyLogs: EntityTable<DutyLog, 'id'>;
  faults: EntityTable<Fault, 'id'>;
  scans: EntityTable<Scan, 'id'>;
  incidents: EntityTable<Incident, 'id'>;
  inspections: EntityTable<Inspection, 'id'>;
  trainings: EntityTable<Training, 'id'>;
  copyFilings: EntityTable<CopyFiling, 'id'>;
  maintainers: EntityTable<Maintainer, 'id'>;
  selfAssessments: EntityTable<SelfAssessment, 'id'>;
  evaluationEntries: EntityTable<EvaluationEntries, 'id'>;
  networkNotices: EntityTable<NetworkNotice, 'id'>;
  attachments: EntityTable<Attachment, 'id'>;
  attachmentFiles: EntityTable<AttachmentFile, 'sm3'>;
  enrolledKeys: EntityTable<EnrolledKey, 'keyId'>;
  receivedBundles: EntityTable<ReceivedBundle, 'fileHash'>;
  receivedHashes: EntityTable<ReceivedHashes, 'fileHash'>;
  receivedFiles: EntityTable<ReceivedFile, 'fileHash'>;
  receivedAttachmentFiles: Table<ReceivedAttachmentFile, [string, string]>;
  unitFigures: EntityTable<UnitFigures, 'unitId'>;
};

export type ZwDb = Dexie & ZwTables;

/** Opens the app database with every version up to `upTo` (default: all). */
export function openDb(name: string = DB_NAME, upTo: number = Number.POSITIVE_INFINITY, options?: ConstructorParameters<typeof Dexie>[1]): ZwDb {
  const db = new Dexie(name, options) as ZwDb;
  for (const v of VERSIONS) {
    if (v.version > upTo) break;
    const declared = db.version(v.version).stores(v.stores);
    if (v.upgrade) declared.upgrade(v.upgrade);
  }
  return db;
}

/** The logged tables: every write to these goes through the repository. */
export { LOGGED_TABLES, type LoggedTable } from '../../shared/changelog/tables';

/** A unit key the office enrolled after comparing its fingerprint; revoked, never deleted. */
export interface EnrolledKey {
  keyId: string;
  unitId: string;
  unitName: string;
  unitCode: string;
  suite: CryptoSuite;
  publicKey: string;
  fingerprint: string;
  /** Set when the enrolment file was signed by an enrolled key of the same unit. */
  rotatedFrom: string | null;
  enrolledAt: number;
  enrolledBy: string;
  revokedAt: number | null;
  revokedBy: string | null;
  revokedReason: string | null;
}

/** A bundle taken in: what it covers (its hashes are in receivedHashes, its file in receivedFiles). */
export interface ReceivedBundle {
  fileHash: string;
  fileName: string;
  unitId: string;
  unitName: string;
  unitCode: string;
  keyId: string;
  fromSeq: number;
  toSeq: number;
  prevHash: string;
  counts: Partial<Record<LoggedTable, number>>;
  createdAt: number;
  /** The time of the last entry: how current the office's picture of the unit is. */
  lastEntryAt: number;
  receivedAt: number;
  receivedBy: string;
  /** 'gapBefore' while entries before it are missing; 'valid' once they have all arrived. */
  verdict: 'valid' | 'gapBefore';
  /** unitName/unitCode are the enrolled identity; what the manifest printed instead, when it differed. */
  claimed?: Identity | null;
}

/** The chain hash at each seq a received bundle covers: what duplicates and forks are judged against. */
export interface ReceivedHashes {
  fileHash: string;
  hashes: string[];
}

/** A received bundle file, kept as evidence: base64, because a backup is JSON. */
export interface ReceivedFile {
  fileHash: string;
  fileName: string;
  base64: string;
}

/** A file a unit's bundle carried, under the unit and the attachment record that names it; base64 because a backup is JSON. */
export interface ReceivedAttachmentFile {
  unitId: string;
  /** The attachment record's id. */
  id: string;
  sm3: string;
  base64: string;
}

/** An attachment's bytes, base64 because a backup is JSON; keyed by SM3, so a file attached twice is kept once. */
export interface AttachmentFile {
  sm3: string;
  base64: string;
}

export type { CalendarRecord, ScheduleRecord } from '../../shared/calendar/stored';
