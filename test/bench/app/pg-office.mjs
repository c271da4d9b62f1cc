// pg.home and pg.policy: what the office's home page and 签发政策包 read from PostgreSQL
// (main/services/pgStore/officeHome.ts, policyReads.ts, by the shared rules) over
// ZW_BENCH_PG_UNITS units (default 5,000), each enrolled, with its profile, four bundles
// received over the year (one unit in ten missing its second), their segments, and a
// self-assessment. As in pg-units.mjs the rows are written by SQL, not by ingesting signed
// bundles; segments are of 10 entries, since the reads take only each unit's top hash.
// Figures, each the median of ZW_BENCH_REPEATS runs taken alternately with its reference:
//   pg.home   ms of the home page's call, and overUnitsView: that over the units view alone
//             (the part the page already had); goal: the home page costs little beyond it.
//   pg.policy ms of the known units and the checkpoints, and overRawRead: that over reading
//             the same tables' rows raw (keys, profiles, bundle ranges).
import pg from 'pg';
import { tsImport } from 'tsx/esm/api';
import { benchDatabase, benchServer, median, seedReceivedUnits } from '../pgCluster.mjs';

const UNITS = Number(process.env.ZW_BENCH_PG_UNITS ?? 5_000);
const RUNS = Math.max(1, Math.floor(Number(process.env.ZW_BENCH_REPEATS ?? 3)));
const PER = 10;
const { migrate } = await tsImport('../../../main/services/pgStore/migrate.ts', import.meta.url);
const { unitSummaries } = await tsImport('../../../main/services/pgStore/units.ts', import.meta.url);
const { officeReceived } = await tsImport('../../../main/services/pgStore/officeHome.ts', import.meta.url);
const { checkpoints, knownUnits } = await tsImport('../../../main/services/pgStore/policyReads.ts', import.meta.url);

const server = benchServer();
const url = await benchDatabase(server.url, 'zw_bench_office');
const pool = new pg.Pool({ connectionString: url, max: 4 });
await migrate(pool);
const now = Date.now();
const year = new Date(now).getFullYear();
// Four bundles a unit, received about a quarter apart; every tenth unit lacks its second.
await seedReceivedUnits(pool, { units: UNITS, now, entries: PER, daysApart: 90 });
await pool.query(
  `insert into received_segments (file_hash, unit_id, from_seq, to_seq, prev_hash, hashes)
   select file_hash, unit_id, from_seq, to_seq, repeat('0', 64), array(select md5(file_hash || s) || md5(s || file_hash) from generate_series(from_seq, to_seq) s) from received_bundles`,
);
// Each unit's profile, and its self-assessment of this year: submitted by two units in three.
await pool.query(
  `insert into merged_records (unit_id, tbl, id, rev, seq, record)
   select 'unit-' || u, 'units', 'unit-' || u, 1, 1, json_build_object('id', 'unit-' || u, 'unitId', 'unit-' || u, 'rev', 1, 'name', '单位' || u, 'code', 'PL-' || lpad(u::text, 5, '0'), 'level', case when u % 2 = 0 then 'county' else 'municipal' end, 'area', 'urban', 'retiredAt', null)
   from generate_series(1, $1) u
   union all
   select 'unit-' || u, 'selfAssessments', 'unit-' || u || '/' || $2, 1, 2, json_build_object('id', 'unit-' || u || '/' || $2, 'unitId', 'unit-' || u, 'rev', 1, 'year', $2::int, 'status', case when u % 3 = 0 then 'draft' else 'submitted' end, 'retiredAt', null, 'items', '[]'::json)
   from generate_series(1, $1) u`,
  [UNITS, year],
);
await pool.query('analyze');

const time = async (fn) => {
  const t = performance.now();
  const out = await fn();
  return [performance.now() - t, out];
};
const rawRead = () =>
  Promise.all([
    pool.query('select unit_id, unit_name, unit_code, enrolled_at, revoked_at from enrolled_keys'),
    pool.query("select record from merged_records where tbl = 'units' and id = unit_id"),
    pool.query('select unit_id, from_seq, to_seq, received_at from received_bundles'),
  ]);
const policyRead = () => Promise.all([knownUnits(pool, 'office'), checkpoints(pool)]);

// Once each before timing: the view's figures are kept, the caches warm.
await officeReceived(pool, now, 31);
await policyRead();
const home = [];
const view = [];
const policy = [];
const raw = [];
let last;
let read;
for (let r = 0; r < RUNS; r++) {
  view.push((await time(() => unitSummaries(pool, now, 31)))[0]);
  let ms;
  [ms, last] = await time(() => officeReceived(pool, now, 31));
  home.push(ms);
  raw.push((await time(rawRead))[0]);
  [ms, read] = await time(policyRead);
  policy.push(ms);
}
const [units, held] = read;
console.log(
  JSON.stringify({
    bench: 'pg.home',
    units: last.units.length,
    selfSubmitted: last.selfSubmitted,
    bundlesInYear: last.arrivals.reduce((n, m) => n + m.bundles, 0),
    runs: RUNS,
    ms: Math.round(median(home)),
    unitsViewMs: Math.round(median(view)),
    overUnitsView: Number((median(home) / median(view)).toFixed(2)),
  }),
);
console.log(
  JSON.stringify({
    bench: 'pg.policy',
    units: units.length,
    checkpoints: held.length,
    withHoles: held.filter((c) => c.missing.length > 0).length,
    runs: RUNS,
    ms: Math.round(median(policy)),
    rawReadMs: Math.round(median(raw)),
    overRawRead: Number((median(policy) / median(raw)).toFixed(2)),
  }),
);
await pool.end();
server.stop();
