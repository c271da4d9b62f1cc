import { create } from 'zustand';

/**
 * Which device the register shows on its own page. A store, not the
 * register's local state, so the address plan can open a device too.
 */
interface DeviceViewState {
  openId: string | undefined;
  open: (id: string) => void;
  close: () => void;
}

export const useDeviceView = create<DeviceViewState>((set) => ({
  openId: undefined,
  open: (openId) => set({ openId }),
  close: () => set({ openId: undefined }),
}));
