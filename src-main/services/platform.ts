import { events, type EventName, type EventPayload } from '../contract/methods';
import type { BackgroundMode } from './background-mode';

/**
 * What the services need from the shell they run in. The Electron shell implements it with dialogs,
 * notifications and `shell.openExternal`; the web host with plain Node. Services never import
 * `electron`, so they run and are tested in plain Node.
 */
export interface Platform {
  shell: 'electron' | 'web';
  appVersion: string;
  /** The app's data folder: journals, archives, backups, secrets. */
  dataDir: string;
  /** Asks where to save a file; `null` when the user cancelled. */
  chooseSavePath(request: { suggestedName: string; filterName?: string; extension: string }): Promise<string | null>;
  /** Shows a desktop notification; `false` when the shell has none (the renderer then shows it in-app). */
  showNotification(notification: { title: string; body: string }): Promise<boolean>;
  /** Opens an allowed URL with the system; `false` when the renderer must open it itself. */
  openExternal(url: string): Promise<boolean>;
  /** Opens a file of the data folder with the system's viewer; `false` when the renderer must show it. */
  openDocument(path: string): Promise<boolean>;
  /**
   * Opens the system's print dialog on a PDF of the data folder (in Electron: falling back to the
   * system's PDF viewer when its own viewer cannot print it); `false` when the shell cannot (the
   * renderer then shows the PDF, whose viewer prints).
   */
  printDocument(path: string): Promise<boolean>;
  /** Whether `openDocument` can show anything (the browser mode has no system viewer). */
  supportsDocumentViewer: boolean;
  /** The renderer's language changed: menus and notifications follow it. */
  languageChanged(language: 'fr' | 'en'): void;
  /** Whether this shell can keep running in the tray and start with the session (Electron only). */
  supportsBackgroundMode: boolean;
  /** The background mode changed (already saved): show or hide the tray, update the login item. */
  applyBackgroundMode(mode: BackgroundMode): void;
  /** Encryption of small secrets at rest (the SMTP password). */
  secrets: SecretBox;
}

/**
 * Encrypts small secrets for storage in the data folder. `os`: with the system's keychain (Electron's
 * `safeStorage`); `file`: no keychain here (browser mode), the bytes are the text itself and only the
 * file's permissions (0600, the user alone) protect it — the settings screen tells the user which.
 */
export interface SecretBox {
  readonly kind: 'os' | 'file';
  /** Whether `encrypt`/`decrypt` work now (Electron: after `ready`, with a keychain). */
  readonly available: boolean;
  encrypt(text: string): Buffer;
  decrypt(bytes: Buffer): string;
}

/** The SecretBox of a shell without a keychain: plain bytes, protected by the file's mode. */
export const fileSecretBox: SecretBox = {
  kind: 'file',
  available: true,
  encrypt: (text) => Buffer.from(text, 'utf8'),
  decrypt: (bytes) => Buffer.from(bytes).toString('utf8'),
};

/** Main → renderer events; each transport forwards them (IPC events, Server-Sent Events). */
export interface EventSink {
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
}

export type EventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

/** A tiny fan-out of contract events: the web host may have several tabs listening, Electron one window. */
export class EventHub implements EventSink {
  private readonly listeners = new Set<EventListener>();

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    // Events are checked against the contract at the source, like call results.
    const checked = events[event].parse(payload) as EventPayload<E>;
    for (const listener of this.listeners) listener(event, checked);
  }
}
