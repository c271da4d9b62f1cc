import { databaseDirectory, DATABASES_KEY, webLocks, type KeyValueStore } from '../db/databases';
import { openDb, type ZwDb } from '../db/schema';

/** This origin's localStorage; a map where there is none (modules imported by Node tests), where nothing is ever restored. */
function pageStore(): KeyValueStore {
  if (typeof localStorage !== 'undefined') return localStorage;
  const map = new Map<string, string>();
  return { getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v) };
}

/** Which database is the app's (a restore switches it). */
export const databases = databaseDirectory(pageStore(), { locks: webLocks() });

/** The page's one database connection. */
export const db: ZwDb = openDb(databases.live());

if (typeof window !== 'undefined') {
  // What a finished restore left behind (the database it replaced) or an interrupted one began.
  void databases.dropLeftovers().catch(() => undefined);
  // A restore in another tab switched the database: this tab's connection is about to be closed under it.
  window.addEventListener('storage', (event) => {
    if (event.key === DATABASES_KEY && databases.live() !== db.name) window.location.reload();
  });
}
