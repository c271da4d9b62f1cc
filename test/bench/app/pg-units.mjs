// pg.units: the console's units view computed from PostgreSQL (main/services/pgStore/units.ts,
// the shared coverage and summary rules) over ZW_BENCH_PG_UNITS units (default 5,000), each
// enrolled with four bundles received, one unit in ten with a gap, and its figures kept as
// an ingest keeps them. The rows are written by SQL rather than by ingesting signed
// bundles: the view reads only these tables, and 5,000 units of signed fixtures would
// take the shared machine far longer than the figure measures. Goal < 500 ms.
import pg from 'pg';
import { tsImport } from 'tsx/esm/api';
import { benchDatabase, benchServer, median } from '../pgCluster.mjs';

const UNITS = Number(process.env.ZW_BENCH_PG_UNITS ?? 5_000);
const RUNS = Math.max(1, Math.floor(Number(process.env.ZW_BENCH_REPEATS ?? 3)));
const { migrate } = await tsImport('../../../main/services/pgStore/migrate.ts', import.meta.url);
const { unitSummaries } = await tsImport('../../../main/services/pgStore/units.ts', import.meta.url);

const server = benchServer();
const url = await benchDatabase(server.url, 'zw_bench_units');
const pool = new pg.Pool({ connectionString: url, max: 4 });
await migrate(pool);
const day = 86_400_000;
const now = Date.UTC(2026, 10, 24);
await pool.query(
  `insert into enrolled_keys (key_id, unit_id, unit_name, unit_code, suite, public_key, fingerprint, enrolled_at, enrolled_by)
   select 'key-' || u, 'unit-' || u, '单位' || u, 'PL-' || lpad(u::text, 5, '0'), 'sm2-sm3', 'pk', 'fp', $2, 'bench' from generate_series(1, $1) u`,
  [UNITS, now - 400 * day],
);
// Four bundles per unit of 500 entries each; every tenth unit lacks its second.
await pool.query(
  `insert into received_bundles (file_hash, file_name, unit_id, unit_name, unit_code, key_id, from_seq, to_seq, counts, created_at, last_entry_at, received_at, received_by, verdict)
   select 'h-' || u || '-' || b, 'f.zwb', 'unit-' || u, '单位' || u, 'PL-' || lpad(u::text, 5, '0'), 'key-' || u, (b - 1) * 500 + 1, b * 500, '{}', $2::bigint, $2::bigint - ((4 - b) * 7 + u % 60) * $3::bigint, $2::bigint - ((4 - b) * 7 + u % 60) * $3::bigint, 'bench', case when u % 10 = 0 and b > 2 then 'gapBefore' else 'valid' end
   from generate_series(1, $1) u, generate_series(1, 4) b where not (u % 10 = 0 and b = 2)`,
  [UNITS, now, day],
);
await pool.query(
  `insert into unit_figures (unit_id, active_devices, violations, compliance, provisional, up_to)
   select unit_id, 40 + length(unit_id) % 7, (length(unit_id) % 3), 0.9, false, max(last_entry_at) from received_bundles group by unit_id`,
);
await pool.query('analyze');

await unitSummaries(pool, now);
const samples = [];
let rows = [];
for (let r = 0; r < RUNS; r++) {
  const t = performance.now();
  rows = await unitSummaries(pool, now);
  samples.push(performance.now() - t);
}
const gaps = rows.filter((r) => r.gaps.length > 0).length;
console.log(JSON.stringify({ bench: 'pg.units', units: rows.length, withGaps: gaps, silent: rows.filter((r) => r.silent).length, runs: RUNS, ms: Math.round(median(samples)) }));
await pool.end();
server.stop();
