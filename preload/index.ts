import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_KEY, CHANNEL_NAMES } from '../shared/ipc/channels';

// Exactly the contract's channels, one named function each; ipcRenderer
// itself never reaches the page.
const api = Object.fromEntries(CHANNEL_NAMES.map((channel) => [channel, (request: unknown) => ipcRenderer.invoke(channel, request)]));

contextBridge.exposeInMainWorld(BRIDGE_KEY, Object.freeze(api));
