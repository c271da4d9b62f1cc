import { create } from 'zustand';
import type { LedgerTable } from '../../../shared/ledgers/registry';
import { listLedger, type LedgerRecord } from '../../db/ledgers';
import { db } from '../../state/db';

/** Each ledger's records for the signed-in unit, loaded once and updated in place by writes. */
interface LedgerState {
  records: Partial<Record<LedgerTable, LedgerRecord[]>>;
  loading: Partial<Record<LedgerTable, boolean>>;
  load: (table: LedgerTable, unitId: string) => Promise<void>;
  upsert: (table: LedgerTable, saved: readonly LedgerRecord[]) => void;
  /** Forget everything (after a restore or a change of user). */
  reset: () => void;
}

export const useLedgers = create<LedgerState>((set, get) => ({
  records: {},
  loading: {},
  load: async (table, unitId) => {
    set((s) => ({ loading: { ...s.loading, [table]: true } }));
    const rows = await listLedger(db, table, unitId);
    set((s) => ({ records: { ...s.records, [table]: rows }, loading: { ...s.loading, [table]: false } }));
  },
  upsert: (table, saved) => {
    const byId = new Map((get().records[table] ?? []).map((r) => [r.id, r]));
    for (const r of saved) byId.set(r.id, r);
    set((s) => ({ records: { ...s.records, [table]: [...byId.values()] } }));
  },
  reset: () => set({ records: {}, loading: {} }),
}));
