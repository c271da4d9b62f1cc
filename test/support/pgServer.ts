import pg from 'pg';

/**
 * A real PostgreSQL for the store's tests: ZW_TEST_PG names a server whose
 * role may create databases (`.ci/run` starts a throwaway cluster and sets
 * it). Each test gets a database of its own, dropped afterwards. Without a
 * server the tests skip locally, saying why, and fail under CI.
 */
export const PG_URL = process.env.ZW_TEST_PG ?? '';

export const PG_MISSING = PG_URL === '' ? 'ZW_TEST_PG is not set: the PostgreSQL store tests need a server (see .ci/run)' : null;

if (PG_MISSING && process.env.CI === 'true') throw new Error(`${PG_MISSING}; under CI the PostgreSQL tests must run`);
if (PG_MISSING) console.warn(`skipped: ${PG_MISSING}`);

let counter = 0;

/** A fresh empty database on the test server; `drop` ends every pool on it first. */
export async function freshDatabase(): Promise<{ url: string; pool: pg.Pool; drop: () => Promise<void> }> {
  const name = `zwt_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 4 });
  // `drop … with (force)` ends any connection still closing; that is expected, not an error of the run.
  pool.on('error', () => undefined);
  return {
    url: url.toString(),
    pool,
    drop: async () => {
      await pool.end();
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/**
 * Every row of every table the store writes, in a fixed order, without the
 * moment each was received: two databases that took in the same bundles
 * compare equal however and however often they took them.
 */
export async function dumpStore(pool: pg.Pool): Promise<Record<string, unknown[]>> {
  const q = async (sql: string) => (await pool.query(sql)).rows;
  return {
    schema_migrations: await q('select version, name from schema_migrations order by version'),
    enrolled_keys: await q('select key_id, unit_id, unit_name, unit_code, suite, public_key, fingerprint, rotated_from, revoked_reason from enrolled_keys order by key_id'),
    received_bundles: await q('select file_hash, file_name, unit_id, unit_name, unit_code, claimed_name, claimed_code, key_id, from_seq, to_seq, counts, created_at, last_entry_at, received_by, verdict from received_bundles order by file_hash'),
    received_segments: await q('select * from received_segments order by file_hash'),
    received_files: await q('select file_hash, file_name, md5(bytes) as bytes from received_files order by file_hash'),
    merged_records: await q('select unit_id, tbl, id, rev, seq, record::text as record from merged_records order by unit_id, tbl, id'),
    unit_figures: await q('select * from unit_figures order by unit_id'),
  };
}
