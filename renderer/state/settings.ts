import { create } from 'zustand';
import { db } from './db';

/** Local preferences of this PC, kept in the meta table (not ledger data, not exported). */

export const IDLE_MINUTES_KEY = 'idleMinutes';
export const DEFAULT_IDLE_MINUTES = 10;
export const IDLE_MINUTES_RANGE = { min: 1, max: 120 } as const;

interface SettingsState {
  idleMinutes: number;
  load: () => Promise<void>;
  setIdleMinutes: (minutes: number) => Promise<void>;
}

export const useSettings = create<SettingsState>((set) => ({
  idleMinutes: DEFAULT_IDLE_MINUTES,
  load: async () => {
    const row = await db.meta.get(IDLE_MINUTES_KEY);
    if (typeof row?.value === 'number') set({ idleMinutes: row.value });
  },
  setIdleMinutes: async (minutes) => {
    const clamped = Math.min(IDLE_MINUTES_RANGE.max, Math.max(IDLE_MINUTES_RANGE.min, Math.round(minutes)));
    await db.meta.put({ key: IDLE_MINUTES_KEY, value: clamped });
    set({ idleMinutes: clamped });
  },
}));
