import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { EVENT_NAMES, IPC_CALL_CHANNEL, ipcEventChannel } from '../contract/names';
import type { Dispatch } from '../dispatch';
import { toErrorShape } from '../dispatch';
import { ContractError } from '../contract/errors';
import type { EventHub } from '../services/platform';

/**
 * The Electron transport: one `ipcMain.handle` channel for every call, answered by the shared
 * dispatcher. A call is served only when it comes from the app's own window and its top frame shows
 * the app's own page (fiddle's rule: IPC from anything else is ignored). Replies are
 * `{ ok: true, result }` or `{ ok: false, error }`, as over HTTP, because Electron strips the
 * properties of errors thrown across IPC.
 */
export interface IpcAdapterOptions {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  dispatch: Dispatch;
  /** True when the sender is the app's window showing the app's page. */
  isTrustedSender(event: IpcMainInvokeEvent): boolean;
}

export function registerIpc({ ipcMain, dispatch, isTrustedSender }: IpcAdapterOptions): () => void {
  ipcMain.handle(IPC_CALL_CHANNEL, async (event, method: unknown, args: unknown) => {
    if (!isTrustedSender(event)) {
      return { ok: false, error: new ContractError('forbidden', 'Calls are only accepted from the Relance window').toJSON() };
    }
    try {
      return { ok: true, result: await dispatch(method, args) };
    } catch (error) {
      return { ok: false, error: toErrorShape(error) };
    }
  });
  return () => ipcMain.removeHandler(IPC_CALL_CHANNEL);
}

/** Forwards contract events to the window, on one channel per event. */
export function forwardEvents(hub: EventHub, target: () => WebContents | null): () => void {
  return hub.subscribe((event, payload) => {
    const contents = target();
    if (contents && !contents.isDestroyed() && (EVENT_NAMES as readonly string[]).includes(event)) {
      contents.send(ipcEventChannel(event), payload);
    }
  });
}
