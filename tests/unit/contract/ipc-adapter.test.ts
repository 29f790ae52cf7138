import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createDispatcher } from '../../../src-main/dispatch';
import { createServices } from '../../../src-main/services';
import { EventHub, fileSecretBox, type Platform } from '../../../src-main/services/platform';
import { forwardEvents, registerIpc } from '../../../src-main/electron/ipc';
import { type Transport } from '../../../src-main/preload/bridge';
import type { RelanceBridge } from '../../../src-main/contract/methods';
import { METHOD_NAMES } from '../../../src-main/contract/names';
import { defineContractSuite } from './contract-suite';

/**
 * A stand-in for Electron's IPC that behaves like it where it matters: arguments and replies are
 * structured-cloned, `ipcMain.handle` has one handler per channel, and `webContents.send` reaches the
 * renderer's `ipcRenderer.on` listeners. The real preload module is loaded against it.
 */
const fakeElectron = vi.hoisted(() => {
  type Handler = (event: unknown, ...args: unknown[]) => unknown;
  const handlers = new Map<string, Handler>();
  const rendererListeners = new Map<string, Set<(event: unknown, payload: unknown) => void>>();
  const exposed: Record<string, unknown> = {};
  const trustedSender = { id: 1 };
  let currentSender: unknown = trustedSender;
  return {
    handlers,
    exposed,
    trustedSender,
    setSender(sender: unknown) {
      currentSender = sender;
    },
    ipcMain: {
      handle(channel: string, handler: Handler) {
        if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
        handlers.set(channel, handler);
      },
      removeHandler(channel: string) {
        handlers.delete(channel);
      },
    },
    ipcRenderer: {
      async invoke(channel: string, ...args: unknown[]) {
        const handler = handlers.get(channel);
        if (!handler) throw new Error(`No handler registered for '${channel}'`);
        return structuredClone(await handler({ sender: currentSender }, ...structuredClone(args)));
      },
      on(channel: string, listener: (event: unknown, payload: unknown) => void) {
        let set = rendererListeners.get(channel);
        if (!set) rendererListeners.set(channel, (set = new Set()));
        set.add(listener);
      },
      removeListener(channel: string, listener: (event: unknown, payload: unknown) => void) {
        rendererListeners.get(channel)?.delete(listener);
      },
    },
    webContents: {
      isDestroyed: () => false,
      send(channel: string, payload: unknown) {
        for (const listener of rendererListeners.get(channel) ?? []) listener({ sender: 'ipc' }, structuredClone(payload));
      },
    },
    contextBridge: {
      exposeInMainWorld(key: string, api: unknown) {
        exposed[key] = api;
      },
    },
  };
});

vi.mock('electron', () => ({ contextBridge: fakeElectron.contextBridge, ipcRenderer: fakeElectron.ipcRenderer }));

async function startElectronSide(dir: string) {
  const hub = new EventHub();
  const platform: Platform = {
    shell: 'electron',
    appVersion: '0.1.0',
    dataDir: join(dir, 'data'),
    chooseSavePath: async ({ suggestedName }) => join(dir, 'chosen', suggestedName),
    showNotification: async () => true,
    openExternal: async () => true,
    // Like the system's viewer: it takes any file that exists.
    openDocument: async (path) => (await import('node:fs/promises')).access(path).then(() => true, () => false),
    printDocument: async (path) => (await import('node:fs/promises')).access(path).then(() => true, () => false),
    supportsDocumentViewer: true,
    languageChanged: () => undefined,
    supportsBackgroundMode: true,
    applyBackgroundMode: () => undefined,
    // Like a keychain: the bytes stored are not the text.
    secrets: {
      kind: 'os',
      available: true,
      encrypt: (text) => Buffer.from(fileSecretBox.encrypt(text).map((byte) => byte ^ 0x5a)),
      decrypt: (bytes) => fileSecretBox.decrypt(Buffer.from(bytes.map((byte) => byte ^ 0x5a))),
    },
  };
  const services = await createServices(platform, hub);
  const unregister = registerIpc({
    ipcMain: fakeElectron.ipcMain as never,
    dispatch: createDispatcher(services.handlers),
    isTrustedSender: (event) => event.sender === (fakeElectron.trustedSender as never),
  });
  const unforward = forwardEvents(hub, () => fakeElectron.webContents as never);
  return () => {
    unforward();
    unregister();
    services.stop();
  };
}

async function loadPreload(): Promise<RelanceBridge> {
  vi.resetModules();
  await import('../../../src-main/preload/index');
  return fakeElectron.exposed.relance as RelanceBridge;
}

defineContractSuite('Electron IPC (preload)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'relance-ipc-'));
  const stop = await startElectronSide(dir);
  const bridge = await loadPreload();
  fakeElectron.setSender(fakeElectron.trustedSender);
  // The same transport the preload uses, for calls the typed bridge cannot express.
  const transport: Transport = {
    call: async (method, args) => {
      const { unwrapReply } = await import('../../../src-main/preload/bridge');
      return unwrapReply(await fakeElectron.ipcRenderer.invoke('relance:call', method, args));
    },
    subscribe: () => () => undefined,
  };
  return {
    bridge,
    transport,
    expectedShell: 'electron',
    teardown: async () => {
      stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
});

describe('Electron IPC adapter', () => {
  it('refuses calls from a sender other than the app window', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'relance-ipc-'));
    const stop = await startElectronSide(dir);
    try {
      const bridge = await loadPreload();
      fakeElectron.setSender({ id: 99 });
      await expect(bridge.app.info({})).rejects.toMatchObject({ code: 'forbidden' });
      fakeElectron.setSender(fakeElectron.trustedSender);
      await expect(bridge.app.info({})).resolves.toMatchObject({ shell: 'electron' });
    } finally {
      stop();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('exposes one function per method and never ipcRenderer itself', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'relance-ipc-'));
    const stop = await startElectronSide(dir);
    try {
      const bridge = (await loadPreload()) as unknown as Record<string, unknown>;
      // One group per service of the contract (each service adds its own, mail, letters…), plus `on`.
      const services = [...new Set(METHOD_NAMES.map((name) => name.split('.')[0]!))];
      expect(services).toEqual(expect.arrayContaining(['app', 'backup', 'files', 'notify', 'scheduler', 'shell', 'mail']));
      expect(Object.keys(bridge).sort()).toEqual([...services, 'on'].sort());
      expect(JSON.stringify(Object.keys(bridge.scheduler as object))).toBe('["setNextWake","getNextWake"]');
      expect(Object.keys(bridge.app as object)).toEqual(['info', 'setLanguage', 'getBackgroundMode', 'setBackgroundMode']);
      expect(Object.values(bridge).some((v) => v === fakeElectron.ipcRenderer)).toBe(false);
    } finally {
      stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
