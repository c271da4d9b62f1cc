import { create } from 'zustand';
import type { Device } from '../../../shared/domain/device';
import { listDevices } from '../../db/devices';
import { db } from '../../state/db';
import { indexDevice, type IndexedDevice } from './search';

/** The register of the signed-in unit, held in memory for instant search; writes update it in place. */
interface DeviceState {
  unitId: string | undefined;
  rows: IndexedDevice[];
  loading: boolean;
  load: (unitId: string) => Promise<void>;
  upsert: (device: Device) => void;
  /** Many saved devices at once (a batch edit of thousands): one pass, not one search per device. */
  upsertMany: (devices: readonly Device[]) => void;
}

export const useDevices = create<DeviceState>((set, get) => ({
  unitId: undefined,
  rows: [],
  loading: false,
  load: async (unitId) => {
    set({ loading: true });
    const devices = await listDevices(db, unitId);
    set({ unitId, rows: devices.map(indexDevice), loading: false });
  },
  upsert: (device) => {
    const rows = get().rows;
    const at = rows.findIndex((r) => r.device.id === device.id);
    const next = rows.slice();
    if (at === -1) next.push(indexDevice(device));
    else next[at] = indexDevice(device);
    set({ rows: next });
  },
  upsertMany: (devices) => {
    const saved = new Map(devices.map((d) => [d.id, d]));
    const next = get().rows.map((r) => {
      const d = saved.get(r.device.id);
      if (!d) return r;
      saved.delete(d.id);
      return indexDevice(d);
    });
    for (const d of saved.values()) next.push(indexDevice(d));
    set({ rows: next });
  },
}));
