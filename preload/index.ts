import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_KEY, CHANNEL_NAMES, EVENTS_KEY, OPEN_CHECKIN_EVENT } from '../shared/ipc/channels';

// Exactly the contract's channels, one named function each; ipcRenderer
// itself never reaches the page.
const api = Object.fromEntries(CHANNEL_NAMES.map((channel) => [channel, (request: unknown) => ipcRenderer.invoke(channel, request)]));

contextBridge.exposeInMainWorld(BRIDGE_KEY, Object.freeze(api));

// Events from main, one named subscription each; returns the unsubscribe.
contextBridge.exposeInMainWorld(
  EVENTS_KEY,
  Object.freeze({
    onOpenCheckin(callback: () => void): () => void {
      const listener = () => callback();
      ipcRenderer.on(OPEN_CHECKIN_EVENT, listener);
      return () => ipcRenderer.removeListener(OPEN_CHECKIN_EVENT, listener);
    },
  }),
);
