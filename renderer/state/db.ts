import { databaseDirectory, DATABASES_KEY, webLocks } from '../db/databases';
import { openDb, type ZwDb } from '../db/schema';

/** Which database is the app's (a restore switches it), kept in this origin's localStorage. */
export const databases = databaseDirectory(window.localStorage, { locks: webLocks() });

/** The page's one database connection. */
export const db: ZwDb = openDb(databases.live());

// What a finished restore left behind (the database it replaced) or an interrupted one began.
void databases.dropLeftovers().catch(() => undefined);

// A restore in another tab switched the database: this tab's connection is about to be closed under it.
window.addEventListener('storage', (event) => {
  if (event.key === DATABASES_KEY && databases.live() !== db.name) window.location.reload();
});
