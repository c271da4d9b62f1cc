import { create } from 'zustand';
import type { IndexedDevice } from './search';

/**
 * The devices ticked in the register, kept apart from the grid's columns so
 * that ticking one re-renders its checkbox only, and typing a search
 * re-renders no row for the sake of selection.
 */
interface SelectionState {
  ids: ReadonlySet<string>;
  /**
   * Reads the list on screen when "select all shown" is pressed. A reader,
   * not the list: handing the store each keystroke's list would render the
   * page a second time per keystroke.
   */
  shown: () => readonly IndexedDevice[];
  setShown: (shown: () => readonly IndexedDevice[]) => void;
  toggle: (id: string) => void;
  selectShown: () => void;
  clear: () => void;
}

export const useSelection = create<SelectionState>((set, get) => ({
  ids: new Set(),
  shown: () => [],
  setShown: (shown) => set({ shown }),
  toggle: (id) => {
    const ids = new Set(get().ids);
    if (ids.has(id)) ids.delete(id);
    else ids.add(id);
    set({ ids });
  },
  // Retired devices cannot be edited or retired again: they are never selected.
  selectShown: () => set({ ids: new Set(get().shown().filter((r) => r.state !== 'retired').map((r) => r.device.id)) }),
  clear: () => set({ ids: new Set() }),
}));
