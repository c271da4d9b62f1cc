// pg.evaluation: 综合考评 on the PostgreSQL store — every unit's year read in main a batch of
// units at a time and reduced to its figures (main/services/pgStore/unitYears.ts, the shared
// rules), over ZW_BENCH_PG_EVALUATION_UNITS units (default 500, as evaluation.rank) with the
// same synthetic year of merged records (test/bench/browser/evaluationYear.ts, about 4,700 a
// unit). The raw reference, timed alternately in the same run, reads the same units' records
// by the same batches without reducing them (`overRawRead`). `replyKB` is what would cross to
// the renderer. The rows are written by SQL rather than by ingesting signed bundles: the
// evaluation reads only these tables, and pg.ingest measures the loading.
import pg from 'pg';
import { tsImport } from 'tsx/esm/api';
import { benchDatabase, benchServer, median } from '../pgCluster.mjs';

const UNITS = Number(process.env.ZW_BENCH_PG_EVALUATION_UNITS ?? 500);
const RUNS = Math.max(1, Math.floor(Number(process.env.ZW_BENCH_REPEATS ?? 3)));
const { migrate } = await tsImport('../../../main/services/pgStore/migrate.ts', import.meta.url);
const { evaluationUnits, UNITS_PER_BATCH } = await tsImport('../../../main/services/pgStore/unitYears.ts', import.meta.url);
const { unitYear, workingDays, YEAR } = await tsImport('../browser/evaluationYear.ts', import.meta.url);

const server = benchServer();
const url = await benchDatabase(server.url, 'zw_bench_evaluation');
const pool = new pg.Pool({ connectionString: url, max: 4 });
await migrate(pool);

const days = workingDays();
const enrolledAt = new Date(YEAR, 0, 1).getTime();
let records = 0;
const unitIds = [];
for (let u = 0; u < UNITS; u++) {
  const { unitId, rows } = unitYear(u, days);
  unitIds.push(unitId);
  const tbl = [];
  const ids = [];
  const json = [];
  for (const [table, list] of Object.entries(rows)) {
    for (const r of list) {
      tbl.push(table);
      ids.push(r.id);
      json.push(JSON.stringify(r));
    }
  }
  records += ids.length;
  await pool.query(
    `insert into enrolled_keys (key_id, unit_id, unit_name, unit_code, suite, public_key, fingerprint, enrolled_at, enrolled_by) values ($1, $2, $3, $4, 'ed25519-sha256', 'x', 'x', $5, 'auditor')`,
    [`key-${unitId}`, unitId, `单位${u}`, `U-${u}`, enrolledAt],
  );
  await pool.query('insert into merged_records (unit_id, tbl, id, rev, seq, record) select $1, t, i, 1, 1, r from unnest($2::text[], $3::text[], $4::json[]) as x(t, i, r)', [unitId, tbl, ids, json]);
  // A bundle a month, as evaluation.rank has them.
  await pool.query(
    `insert into received_bundles (file_hash, file_name, unit_id, unit_name, unit_code, key_id, from_seq, to_seq, counts, created_at, last_entry_at, received_at, received_by, verdict)
     select $1 || '-' || m, m || '.zwb', $1, $2, $3, 'key-' || $1, m * 400 + 1, (m + 1) * 400, '{}', 0, 0, r, 'auditor', 'valid' from unnest($4::bigint[]) with ordinality as x(r, k), lateral (select (k - 1)::int as m) mm`,
    [unitId, `单位${u}`, `U-${u}`, Array.from({ length: 12 }, (_, m) => new Date(YEAR, m, m % 5 === 0 ? 9 : 28).getTime())],
  );
}
await pool.query('analyze');

const now = new Date(YEAR + 1, 0, 10).getTime();
async function rawRead() {
  let n = 0;
  for (let i = 0; i < unitIds.length; i += UNITS_PER_BATCH) {
    const r = await pool.query('select unit_id, tbl, record from merged_records where unit_id = any($1)', [unitIds.slice(i, i + UNITS_PER_BATCH)]);
    n += r.rows.length;
  }
  return n;
}

await rawRead();
await evaluationUnits(pool, 'office', YEAR, now);
const appMs = [];
const rawMs = [];
let reduced = [];
for (let r = 0; r < RUNS; r++) {
  let t = performance.now();
  await rawRead();
  rawMs.push(performance.now() - t);
  t = performance.now();
  reduced = await evaluationUnits(pool, 'office', YEAR, now);
  appMs.push(performance.now() - t);
}
if (reduced.length !== UNITS) throw new Error(`reduced ${reduced.length} of ${UNITS}`);
const ratios = appMs.map((ms, i) => ms / rawMs[i]);
console.log(
  JSON.stringify({
    bench: 'pg.evaluation', units: reduced.length, records, perBatch: UNITS_PER_BATCH, runs: RUNS,
    ms: Math.round(median(appMs)), rawReadMs: Math.round(median(rawMs)), overRawRead: Math.round(median(ratios) * 1000) / 1000,
    replyKB: Math.round(Buffer.byteLength(JSON.stringify(reduced)) / 1024),
  }),
);
await pool.end();
server.stop();
