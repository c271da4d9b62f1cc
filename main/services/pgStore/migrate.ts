import type { Pool } from 'pg';
import { LATEST_VERSION, MIGRATIONS } from './migrations';

/** Any number serialises migrations: two `db migrate` at once apply each step once. */
const MIGRATE_LOCK = 0x7a77_6d67;

export interface MigrateResult {
  from: number;
  to: number;
  applied: { version: number; name: string }[];
}

/**
 * Brings the schema up to `upTo` (default: the latest), each migration in
 * its own transaction together with its row in schema_migrations, so a step
 * is either wholly there or not at all. A database newer than this build is
 * left alone and reported, never downgraded.
 */
export async function migrate(pool: Pool, upTo: number = LATEST_VERSION, now: () => number = Date.now): Promise<MigrateResult> {
  const client = await pool.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATE_LOCK]);
    await client.query('create table if not exists schema_migrations (version integer primary key, name text not null, applied_at bigint not null)');
    const from = await schemaVersion(pool);
    const applied: MigrateResult['applied'] = [];
    for (const m of MIGRATIONS) {
      if (m.version <= from || m.version > upTo) continue;
      await client.query('begin');
      try {
        await client.query(m.sql);
        await client.query('insert into schema_migrations (version, name, applied_at) values ($1, $2, $3)', [m.version, m.name, now()]);
        await client.query('commit');
      } catch (error) {
        await client.query('rollback');
        throw error;
      }
      applied.push({ version: m.version, name: m.name });
    }
    return { from, to: Math.max(from, applied.at(-1)?.version ?? from), applied };
  } finally {
    await client.query('select pg_advisory_unlock($1)', [MIGRATE_LOCK]).catch(() => undefined);
    client.release();
  }
}

/** The highest migration applied; 0 for an empty database. */
export async function schemaVersion(pool: Pool): Promise<number> {
  const exists = await pool.query<{ t: string | null }>("select to_regclass('schema_migrations')::text as t");
  if (exists.rows[0]?.t === null || exists.rows[0]?.t === undefined) return 0;
  const r = await pool.query<{ v: number | null }>('select max(version) as v from schema_migrations');
  return r.rows[0]?.v ?? 0;
}

/** Thrown where a command needs the latest schema and the database has another. */
export class SchemaVersionError extends Error {
  constructor(readonly found: number) {
    super(`schema version ${found}, this build needs ${LATEST_VERSION}`);
  }
}

export async function requireLatest(pool: Pool): Promise<void> {
  const found = await schemaVersion(pool);
  if (found !== LATEST_VERSION) throw new SchemaVersionError(found);
}
