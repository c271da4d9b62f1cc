import { LEDGER_SPECS, LEDGER_TABLES, type LedgerTable } from '../../shared/ledgers/registry';
import { fieldsOf, type LedgerRecord } from './ledgers';
import type { ZwDb } from './schema';

/** The ledgers whose records name devices (a scan's device, a ticket's devices), from the ledger registry. */
export const DEVICE_REFS = LEDGER_TABLES.flatMap((table) => LEDGER_SPECS[table].refs.filter((r) => r.table === 'devices').map((ref) => ({ table, ref })));

/**
 * Every ledger record that names one device, newest first per ledger. A
 * single reference with its own index (a scan's device) is read through it;
 * lists of devices (tickets, incidents) are few per unit and are filtered.
 */
export async function recordsNamingDevice(db: ZwDb, unitId: string, deviceId: string): Promise<Map<LedgerTable, LedgerRecord[]>> {
  const out = new Map<LedgerTable, LedgerRecord[]>();
  for (const { table, ref } of DEVICE_REFS) {
    const t = db.table<LedgerRecord>(table);
    const index = `[unitId+${ref.field}]`;
    const rows =
      !ref.many && t.schema.idxByName[index]
        ? await t.where(index).equals([unitId, deviceId]).toArray()
        : await t
            .where('unitId')
            .equals(unitId)
            .filter((r) => {
              const value = fieldsOf(r)[ref.field];
              return ref.many ? Array.isArray(value) && value.includes(deviceId) : value === deviceId;
            })
            .toArray();
    out.set(table, rows.sort((a, b) => b.createdAt - a.createdAt));
  }
  return out;
}

/** The day of each device's latest virus scan (第二十二条), for telling which devices have gone unseen. */
export async function lastScanByDevice(db: ZwDb, unitId: string): Promise<Map<string, string>> {
  const last = new Map<string, string>();
  // One getAll rather than a cursor: a cursor pays a round trip per scan, and a unit of 50,000 devices has tens of thousands.
  for (const s of await db.scans.where('unitId').equals(unitId).toArray()) {
    if (s.retiredAt !== null) continue;
    const known = last.get(s.deviceId);
    if (known === undefined || s.scannedOn > known) last.set(s.deviceId, s.scannedOn);
  }
  return last;
}
