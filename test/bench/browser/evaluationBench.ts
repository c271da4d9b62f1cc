// 综合考评 at the office's scale: the figures, scores and ranking of every
// unit's year, against merely reading the records they are computed from, in
// the same run (evaluation.rank). The office database is seeded directly with
// what a year of bundles would have merged: not timed, and not the import's
// figure (console.import measures that).
import Dexie from 'dexie';
import { setupUnit } from '../../../renderer/db/accounts';
import { localUnitYears, officeEvaluation, type EvaluationTiming } from '../../../renderer/db/evaluationOffice';
import { mergedStore } from '../../../renderer/db/merged';
import { openDb, type ZwDb } from '../../../renderer/db/schema';
import type { RecordMeta } from '../../../shared/domain/record';
import type { MergedTable } from '../../../shared/console/records';
import { unitYear, workingDays, YEAR } from './evaluationYear';

const officeProfile = {
  name: '市信息办', code: 'OFFICE', level: 'municipal', area: 'urban', leader: '甲', office: '乙',
  adminName: '丙', adminPhone: '13800138000', docOfficerName: '丁', docOfficerPhone: '13800138001',
} as const;

async function seed(db: ZwDb, units: number) {
  const days = workingDays();
  let records = 0;
  for (let u = 0; u < units; u++) {
    const { unitId, rows } = unitYear(u, days);
    await db.transaction('rw', db.tables, async () => {
      for (const [table, list] of Object.entries(rows) as [MergedTable, object[]][]) {
        records += list.length;
        await mergedStore(db, table).bulkPut(list as RecordMeta[]);
      }
      await db.enrolledKeys.put({ keyId: `key-${unitId}`, unitId, unitName: `单位${u}`, unitCode: `U-${u}`, suite: 'ed25519-sha256', publicKey: 'x', fingerprint: 'x', rotatedFrom: null, enrolledAt: new Date(YEAR, 0, 1).getTime(), enrolledBy: 'auditor', revokedAt: null, revokedBy: null, revokedReason: null });
      await db.receivedBundles.bulkPut(
        Array.from({ length: 12 }, (_, m) => ({ fileHash: `${unitId}-${m}`, fileName: `${m}.zwb`, unitId, unitName: `单位${u}`, unitCode: `U-${u}`, keyId: `key-${unitId}`, fromSeq: m * 400 + 1, toSeq: (m + 1) * 400, prevHash: '', counts: {}, createdAt: 0, lastEntryAt: 0, receivedAt: new Date(YEAR, m, m % 5 === 0 ? 9 : 28).getTime(), receivedBy: 'auditor', verdict: 'valid' as const })),
      );
    });
  }
  return records;
}

export async function evaluationRank(units: number, repeats: number) {
  const benchDb = openDb(`bench-evaluation-${Date.now()}`);
  const { unit } = await setupUnit(benchDb, officeProfile, { username: 'bench', displayName: 'bench', role: 'admin' }, 'x');
  const seedStart = performance.now();
  const records = await seed(benchDb, units);
  const seedMs = performance.now() - seedStart;
  const runs: (EvaluationTiming & { totalMs: number; scored: number })[] = [];
  for (let r = 0; r < repeats; r++) {
    const timing: EvaluationTiming = { readMs: 0, computeMs: 0 };
    const t = performance.now();
    const groups = await officeEvaluation(benchDb, localUnitYears(benchDb, timing), unit.id, YEAR, new Date(YEAR + 1, 0, 10).getTime(), timing);
    const scored = groups.reduce((s, g) => s + g.units.length, 0);
    if (scored !== units) throw new Error(`scored ${scored} of ${units}`);
    runs.push({ ...timing, totalMs: performance.now() - t, scored });
  }
  benchDb.close();
  await Dexie.delete(benchDb.name);
  return { units, records, seedMs, runs };
}
