import { openDb, type ZwDb } from '../db/schema';

/** The page's one database connection. */
export const db: ZwDb = openDb();
