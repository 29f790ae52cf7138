import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from './files';

/**
 * The desktop app's background mode, kept by main in `<data>/background.json` and read at start-up,
 * before any window (it decides whether the window starts hidden and whether closing it quits):
 * - `keepRunningInTray`: closing the window hides it and Relance stays in the notification area, so
 *   the planner and the scheduler's wake-ups keep working;
 * - `launchAtLogin`: the system starts Relance (hidden, in the tray) when the user opens a session.
 *
 * Both are off by default: on a first run, closing the window quits as everywhere else, and nothing
 * is added to the session's start-up without the user asking for it.
 */
export interface BackgroundMode {
  keepRunningInTray: boolean;
  launchAtLogin: boolean;
}

export const BACKGROUND_MODE_FILE = 'background.json';

export const DEFAULT_BACKGROUND_MODE: Readonly<BackgroundMode> = Object.freeze({
  keepRunningInTray: false,
  launchAtLogin: false,
});

/** Reads what was saved; anything missing or not a boolean takes its default. */
export function parseBackgroundMode(raw: unknown): BackgroundMode {
  const record = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  return {
    keepRunningInTray:
      typeof record.keepRunningInTray === 'boolean' ? record.keepRunningInTray : DEFAULT_BACKGROUND_MODE.keepRunningInTray,
    launchAtLogin: typeof record.launchAtLogin === 'boolean' ? record.launchAtLogin : DEFAULT_BACKGROUND_MODE.launchAtLogin,
  };
}

export class BackgroundModeStore {
  readonly file: string;
  private mode: BackgroundMode = { ...DEFAULT_BACKGROUND_MODE };
  // Writes run one after the other, so that an older choice never lands after a newer one.
  private writing: Promise<unknown> = Promise.resolve();

  constructor(dataDir: string) {
    this.file = join(dataDir, BACKGROUND_MODE_FILE);
  }

  /** Reads the file; a first start or a corrupt file gives the defaults (never an error). */
  async load(): Promise<BackgroundMode> {
    try {
      this.mode = parseBackgroundMode(JSON.parse(await readFile(this.file, 'utf8')));
    } catch {
      this.mode = { ...DEFAULT_BACKGROUND_MODE };
    }
    return this.current;
  }

  get current(): BackgroundMode {
    return { ...this.mode };
  }

  /** Saves the choice (atomically); the in-memory value changes only once it is on disk. */
  async set(mode: BackgroundMode): Promise<BackgroundMode> {
    const next = parseBackgroundMode(mode);
    const bytes = new TextEncoder().encode(`${JSON.stringify(next, null, 2)}\n`);
    const write = this.writing.catch(() => undefined).then(() => writeFileAtomic(this.file, bytes));
    this.writing = write;
    await write;
    this.mode = next;
    return this.current;
  }
}
