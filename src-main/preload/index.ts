import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_CALL_CHANNEL, ipcEventChannel } from '../contract/names';
import { buildBridge, unwrapReply } from './bridge';

/**
 * The sandboxed preload: exposes `window.relance` (one function per contract method, plus `on`),
 * never `ipcRenderer` itself. Listeners receive the payload only, not the IPC event, so the page
 * cannot reach `event.sender`.
 */
const relance = buildBridge({
  call: async (method, args) => unwrapReply(await ipcRenderer.invoke(IPC_CALL_CHANNEL, method, args)),
  subscribe: (event, listener) => {
    const channel = ipcEventChannel(event);
    const handler = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, handler);
    return () => {
      ipcRenderer.removeListener(channel, handler);
    };
  },
});

contextBridge.exposeInMainWorld('relance', relance);
