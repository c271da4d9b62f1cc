// The office console's import at scale, run in Chromium by scripts/bench.mjs:
// signed fixture bundles from many units, served over HTTP, imported the way
// the console imports them (read, unzip, parse, verify chain and signature,
// merge), against a raw Dexie bulkPut of the same merged records.
import Dexie from 'dexie';
import { setupUnit } from '../../../renderer/db/accounts';
import { enrolKey, MERGED_TABLES, reviewEnrolment } from '../../../renderer/db/console';
import { openDb, type ZwDb } from '../../../renderer/db/schema';
import type { Actor } from '../../../renderer/db/repository';
import { importMany } from '../../../renderer/features/console/importQueue';
import { unitSummaries } from '../../../renderer/db/consoleSummary';
import { mergedOf, mergedStore } from '../../../renderer/db/merged';
import { parseEnrolment } from '../../../shared/bundle/enrolment';

interface FixtureIndex {
  keys: string[];
  bundles: string[];
}

let state: { db: ZwDb; office: string; units: string[] } | null = null;

const profile = { name: '平凉市政务信息办公室', code: 'PL-XXB', level: 'municipal', area: 'urban', leader: '甲', office: '乙', adminName: '丙', adminPhone: '13800138000', docOfficerName: '丁', docOfficerPhone: '13800138001' } as const;

/** Enrols every unit key (not timed), then imports every bundle (timed). */
export async function importFixtures(base: string) {
  const index = (await (await fetch(`${base}/index.json`)).json()) as FixtureIndex;
  const db = openDb(`bench-console-${Date.now()}`);
  const { unit } = await setupUnit(db, profile, { username: 'admin', displayName: '管理员', role: 'admin' }, 'x');
  const auditor: Actor = { unitId: unit.id, accountId: 'auditor', role: 'auditor' };
  const units: string[] = [];
  for (const name of index.keys) {
    const parsed = parseEnrolment(await (await fetch(`${base}/keys/${name}`)).text());
    if (!parsed.ok) throw new Error(`${name}: ${parsed.detail}`);
    await enrolKey(db, auditor, await reviewEnrolment(db, parsed.enrolment));
    units.push(parsed.enrolment.unitId);
  }
  const files = index.bundles.map((name) => ({ name, size: 0, bytes: async () => new Uint8Array(await (await fetch(`${base}/bundles/${name}`)).arrayBuffer()) }));
  const start = performance.now();
  const outcomes = await importMany(db, auditor, files, () => undefined);
  const importMs = performance.now() - start;
  const verdicts: Record<string, number> = {};
  let entries = 0;
  for (const o of outcomes) {
    verdicts[o.verdict] = (verdicts[o.verdict] ?? 0) + 1;
    if (o.manifest) entries += o.manifest.toSeq - o.manifest.fromSeq + 1;
  }
  state = { db, office: unit.id, units };
  // The aggregated view's rows over everything imported: what the auditor waits for on opening it.
  const t = performance.now();
  const summaries = await unitSummaries(db);
  const summaryMs = performance.now() - t;
  if (summaries.length !== units.length) throw new Error(`${summaries.length} rows for ${units.length} units`);
  return { bundles: outcomes.length, entries, importMs, verdicts, summaryMs, summaryRows: summaries.length };
}

/** The same merged records, written with a raw bulkPut per unit and table into a fresh database. */
export async function rawReference() {
  if (!state) throw new Error('import first');
  const { db, units } = state;
  const raw = openDb(`bench-raw-merge-${Date.now()}`);
  let rawMs = 0;
  let records = 0;
  for (const table of MERGED_TABLES) {
    for (const unitId of units) {
      // What the import stored for this unit, written again into the same store without
      // any check: the floor the verified merge is measured against.
      const rows = await mergedOf(db, table, unitId);
      if (rows.length === 0) continue;
      records += rows.length;
      const start = performance.now();
      await mergedStore(raw, table).bulkPut(rows);
      rawMs += performance.now() - start;
    }
  }
  raw.close();
  await Dexie.delete(raw.name);
  db.close();
  await Dexie.delete(db.name);
  state = null;
  return { records, rawMs };
}
