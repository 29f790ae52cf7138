import type { RelanceBridge } from '../../src-main/contract/methods';
import { buildBridge } from '../../src-main/preload/bridge';
import { createHttpTransport, takeTokenFromLocation } from './http-transport';

declare global {
  interface Window {
    /** Installed by the Electron preload; absent in the browser mode. */
    relance?: RelanceBridge;
  }
}

/**
 * The renderer's side of the contract. In Electron the preload has installed `window.relance`; in a
 * browser we install the same object over HTTP. Features import `os` and never know which it is.
 */
function connect(): { bridge: RelanceBridge; shell: 'electron' | 'web' } {
  if (window.relance) return { bridge: window.relance, shell: 'electron' };
  const token = takeTokenFromLocation(window.location, window.sessionStorage, window.history);
  const bridge = buildBridge(createHttpTransport({ baseUrl: window.location.origin + '/', token })) as RelanceBridge;
  return { bridge, shell: 'web' };
}

const connection = connect();

export const os: RelanceBridge = connection.bridge;
export const shellKind = connection.shell;

/** Opens an external link through the contract's allow-list; the browser mode opens it itself. */
export async function openExternal(url: string): Promise<void> {
  const result = await os.shell.openExternal({ url });
  if (result.status === 'open-in-renderer') window.open(result.url, '_blank', 'noopener,noreferrer');
}

export { toBase64 } from './base64';
