import type { ZwDb } from './schema';

/** Every row one unit holds in a table keyed by `unitId`: the read the figures, the home page and its trend share. */
export function unitRows<T>(db: ZwDb, table: string, unitId: string): Promise<T[]> {
  return db.table(table).where('unitId').equals(unitId).toArray() as Promise<T[]>;
}
