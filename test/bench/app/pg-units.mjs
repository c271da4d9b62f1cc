// pg.units: the console's units view computed from PostgreSQL (main/services/pgStore/units.ts,
// the shared coverage and summary rules) over ZW_BENCH_PG_UNITS units (default 5,000), each
// enrolled with four bundles received, one unit in ten with a gap, and its figures kept as
// an ingest keeps them. The rows are written by SQL rather than by ingesting signed
// bundles: the view reads only these tables, and 5,000 units of signed fixtures would
// take the shared machine far longer than the figure measures. Goal < 500 ms.
import pg from 'pg';
import { tsImport } from 'tsx/esm/api';
import { benchDatabase, benchServer, median, seedReceivedUnits } from '../pgCluster.mjs';

const UNITS = Number(process.env.ZW_BENCH_PG_UNITS ?? 5_000);
const RUNS = Math.max(1, Math.floor(Number(process.env.ZW_BENCH_REPEATS ?? 3)));
const { migrate } = await tsImport('../../../main/services/pgStore/migrate.ts', import.meta.url);
const { unitSummaries } = await tsImport('../../../main/services/pgStore/units.ts', import.meta.url);

const server = benchServer();
const url = await benchDatabase(server.url, 'zw_bench_units');
const pool = new pg.Pool({ connectionString: url, max: 4 });
await migrate(pool);
const now = Date.UTC(2026, 10, 24);
// Four bundles per unit of 500 entries each, a week apart; every tenth unit lacks its second.
await seedReceivedUnits(pool, { units: UNITS, now, entries: 500, daysApart: 7 });
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
