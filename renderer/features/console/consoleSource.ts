import { BUNDLE_LIMITS } from '../../../shared/bundle/format';
import type { ImportOutcome } from '../../../shared/console/plan';
import type { UnitSummary } from '../../../shared/console/summary';
import type { MergedTable } from '../../../shared/console/records';
import type { ReceivedRow, UnitTables } from '../../../shared/ipc/contract.pg';
import { MERGED_TABLES } from '../../db/console';
import { unitSummaries } from '../../db/consoleSummary';
import { mergedOf, mergedStore } from '../../db/merged';
import type { Actor } from '../../db/repository';
import type { ZwDb } from '../../db/schema';
import { invoke } from '../../state/ipc';
import { PgConsoleError, sessionToken } from '../../state/consoleMode';
import { importMany, type IncomingFile } from './importQueue';
import { sendToMain, type Opener } from './unsealBundle';

/**
 * Where the console's screens get their data: this PC's IndexedDB, or the
 * office's PostgreSQL server through main. One interface, so the units view,
 * a unit's records and the import page are the same pages on either store;
 * the rules behind both are the ones in shared/console.
 */
export interface ConsoleSource {
  units(now: number, silentDays: number): Promise<UnitSummary[]>;
  /** One unit's received records by table; check-ins newest first. */
  unitRecords(unitId: string): Promise<UnitTables>;
  /** What was received, newest first, and how many unit keys are enrolled. */
  received(): Promise<{ bundles: ReceivedRow[]; keysEnrolled: number }>;
  /** Takes in files one after another, each all or nothing. */
  importFiles(files: readonly IncomingFile[], onEach: (outcome: ImportOutcome, index: number) => void, opener?: Opener): Promise<ImportOutcome[]>;
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
  };
}

/** The answer of a PostgreSQL call, or its refusal as an error the page shows. */
function value<T extends { ok: boolean }>(r: T | { ok: false; code: PgConsoleError['code']; found?: number; needs?: number }): Extract<T, { ok: true }> {
  if (!r.ok) {
    const f = r as { code: PgConsoleError['code']; found?: number; needs?: number };
    throw new PgConsoleError(f.code, f.found, f.needs);
  }
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
  };
}
