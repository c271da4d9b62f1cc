// The PostgreSQL server for the pg benchmarks: ZW_BENCH_PG when given (a URL whose
// role may create databases), else a throwaway cluster of our own started by
// scripts/pg-throwaway.sh and stopped however the script ends.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';

const root = resolve(import.meta.dirname, '../..');

export function benchServer() {
  if (process.env.ZW_BENCH_PG) return { url: process.env.ZW_BENCH_PG, stop: () => undefined };
  const dir = mkdtempSync(join(tmpdir(), 'zw-bench-pg-'));
  const out = execFileSync('bash', [join(root, 'scripts/pg-throwaway.sh'), 'start', dir], { encoding: 'utf8' });
  const url = /ZW_TEST_PG=(\S+)/.exec(out)[1];
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    execFileSync('bash', [join(root, 'scripts/pg-throwaway.sh'), 'stop', dir], { stdio: 'ignore' });
  };
  process.on('exit', stop);
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => (stop(), process.exit(130)));
  return { url, stop };
}

/** A fresh database on the server, its URL, and how to drop it. */
export async function benchDatabase(serverUrl, name) {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** The built command line (out/cli), built here unless `npm run bench` already did. */
export function builtCli() {
  if (process.env.ZW_BENCH_APP_BUILT !== '1' || !existsSync(join(root, 'out/cli/zwledger.mjs'))) execFileSync(process.execPath, [join(root, 'scripts/build.mjs'), 'cli'], { stdio: 'inherit', cwd: root });
  return join(root, 'out/cli/zwledger.mjs');
}

/** The bench's signed fixtures (as scripts/bench.mjs keeps them under .bench/), written once. */
export function benchFixtures(cli) {
  const units = Number(process.env.ZW_BENCH_BUNDLE_UNITS ?? 500);
  const entries = Number(process.env.ZW_BENCH_BUNDLE_ENTRIES ?? 2_000);
  const dir = join(root, `.bench/fixtures-${units}x${entries}`);
  if (!existsSync(join(dir, 'index.json'))) {
    rmSync(dir, { recursive: true, force: true });
    execFileSync(process.execPath, [cli, 'fixture', '--units', String(units), '--entries', String(entries), '--out', dir], { stdio: 'ignore' });
    writeFileSync(join(dir, 'index.json'), JSON.stringify({ keys: readdirSync(join(dir, 'keys')).sort(), bundles: readdirSync(join(dir, 'bundles')).sort() }));
  }
  return { dir, units, entries, keys: readdirSync(join(dir, 'keys')).sort().map((n) => join(dir, 'keys', n)), bundles: readdirSync(join(dir, 'bundles')).sort().map((n) => join(dir, 'bundles', n)) };
}

export function median(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/**
 * The units view's tables written by SQL, as the PostgreSQL benches seed them: `units` enrolled
 * units, each with four bundles of `entries` entries received `daysApart` days apart (one unit
 * in ten lacking its second, so later ones wait with a gap), and each unit's figures kept as an
 * ingest keeps them.
 */
export async function seedReceivedUnits(pool, { units, now, entries, daysApart }) {
  const day = 86_400_000;
  await pool.query(
    `insert into enrolled_keys (key_id, unit_id, unit_name, unit_code, suite, public_key, fingerprint, enrolled_at, enrolled_by)
     select 'key-' || u, 'unit-' || u, '单位' || u, 'PL-' || lpad(u::text, 5, '0'), 'sm2-sm3', 'pk', 'fp', $2, 'bench' from generate_series(1, $1) u`,
    [units, now - 400 * day],
  );
  await pool.query(
    `insert into received_bundles (file_hash, file_name, unit_id, unit_name, unit_code, key_id, from_seq, to_seq, counts, created_at, last_entry_at, received_at, received_by, verdict)
     select 'h-' || u || '-' || b, 'f.zwb', 'unit-' || u, '单位' || u, 'PL-' || lpad(u::text, 5, '0'), 'key-' || u, (b - 1) * $4 + 1, b * $4, '{}', $2::bigint, $2::bigint - ((4 - b) * $5 + u % 60) * $3::bigint, $2::bigint - ((4 - b) * $5 + u % 60) * $3::bigint, 'bench', case when u % 10 = 0 and b > 2 then 'gapBefore' else 'valid' end
     from generate_series(1, $1) u, generate_series(1, 4) b where not (u % 10 = 0 and b = 2)`,
    [units, now, day, entries, daysApart],
  );
  await pool.query(
    `insert into unit_figures (unit_id, active_devices, violations, compliance, provisional, up_to)
     select unit_id, 40 + length(unit_id) % 7, (length(unit_id) % 3), 0.9, false, max(last_entry_at) from received_bundles group by unit_id`,
  );
}
