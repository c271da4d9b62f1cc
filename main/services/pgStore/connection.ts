import pg from 'pg';

/**
 * Where the office's database is. A password never comes on a command line
 * or in a URL that `ps`, shell history or a log would show: pg takes it from
 * PGPASSWORD or the password file (~/.pgpass, or PGPASSFILE), so a URL that
 * carries one is refused rather than used.
 */
export type UrlProblem = 'unparsable' | 'notPostgres' | 'password';

export function checkDatabaseUrl(url: string): UrlProblem | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'unparsable';
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') return 'notPostgres';
  if (parsed.password !== '' || parsed.searchParams.has('password')) return 'password';
  return null;
}

/** A pool on a checked URL; the caller ends it. */
export function openPool(url: string, max = 4): pg.Pool {
  const problem = checkDatabaseUrl(url);
  if (problem) throw new Error(`database URL: ${problem}`);
  return new pg.Pool({ connectionString: url, max, application_name: 'zwledger' });
}

/** Where the console's database is, as the office's administrator typed it. */
export interface ServerAddress {
  host: string;
  port: number;
  database: string;
  user: string;
}

/**
 * A pool for the console: the password is handed to pg as a field, never
 * written into a URL, so it cannot end up in a log line that prints one.
 */
export function openServerPool(server: ServerAddress, password: string, max = 4): pg.Pool {
  return new pg.Pool({ ...server, password, max, application_name: 'zwledger-console', connectionTimeoutMillis: 5_000 });
}
