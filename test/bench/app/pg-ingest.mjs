// pg.ingest: `zwledger ingest --keys-from-db` of the bench's fixture bundles into a
// fresh PostgreSQL database (migrated, keys enrolled), against `zwledger verify` of
// the same files in the same run, measured alternately; the median of
// ZW_BENCH_REPEATS. `overVerify` is ingest's entries per second over verify's
// (goal ≥ 0.8: loading adds under a quarter). Sized by ZW_BENCH_BUNDLE_UNITS and
// ZW_BENCH_BUNDLE_ENTRIES; the server is ZW_BENCH_PG or a throwaway cluster.
import { execFileSync } from 'node:child_process';
import { benchDatabase, benchFixtures, benchServer, builtCli, median } from '../pgCluster.mjs';

const RUNS = Math.max(1, Math.floor(Number(process.env.ZW_BENCH_REPEATS ?? 3)));
const cli = builtCli();
const fx = benchFixtures(cli);
const server = benchServer();
const run = (args) => execFileSync(process.execPath, [cli, ...args], { maxBuffer: 512 * 1024 * 1024, env: { ...process.env, ZW_BENCH: '1' } });

const verifyMs = [];
const ingestMs = [];
let entries = 0;
let failed = 0;
for (let r = 0; r < RUNS; r++) {
  let t = performance.now();
  run(['verify', '--keys', `${fx.dir}/keys`, '--json', ...fx.bundles]);
  verifyMs.push(performance.now() - t);
  const url = await benchDatabase(server.url, 'zw_bench_ingest');
  run(['db', 'migrate', '--db', url]);
  run(['enrol', '--yes', '--db', url, ...fx.keys]);
  t = performance.now();
  const results = JSON.parse(run(['ingest', '--keys-from-db', '--json', '--db', url, ...fx.bundles]).toString());
  ingestMs.push(performance.now() - t);
  entries = results.reduce((n, x) => n + (x.entries ?? 0), 0);
  failed = results.filter((x) => x.verdict !== 'valid').length;
}
const ms = median(ingestMs);
const verify = median(verifyMs);
console.log(JSON.stringify({ bench: 'pg.ingest', units: fx.units, files: fx.bundles.length, entries, failed, runs: RUNS, ms: Math.round(ms), verifyMs: Math.round(verify), entriesPerSecond: Math.round(entries / (ms / 1000)), overVerify: Math.round((verify / ms) * 100) / 100 }));
server.stop();
