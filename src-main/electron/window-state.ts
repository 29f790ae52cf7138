import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../services/files';

/**
 * The main window's size and place, kept in `window-state.json` in the data folder so that the
 * window opens where the user left it. Plain Node (no `electron` import): the shell passes the
 * displays' work areas in, which keeps the geometry testable.
 */
export interface WindowState {
  /** Absent: let the window be centred. */
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const WINDOW_STATE_FILE = 'window-state.json';
export const DEFAULT_WIDTH = 1280;
export const DEFAULT_HEIGHT = 800;
export const MIN_WIDTH = 900;
export const MIN_HEIGHT = 600;

/** How much of the window (from its top-left area, where the title bar is) must be on a display. */
const VISIBLE_WIDTH = 120;
const VISIBLE_HEIGHT = 40;

export const DEFAULT_WINDOW_STATE: WindowState = { width: DEFAULT_WIDTH, height: DEFAULT_HEIGHT, maximized: false };

const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** Reads what was saved; anything missing, unreadable or malformed gives the defaults. */
export function parseWindowState(raw: unknown): WindowState {
  if (typeof raw !== 'object' || raw === null) return { ...DEFAULT_WINDOW_STATE };
  const record = raw as Record<string, unknown>;
  const state: WindowState = {
    width: isFiniteNumber(record.width) && record.width > 0 ? Math.round(record.width) : DEFAULT_WIDTH,
    height: isFiniteNumber(record.height) && record.height > 0 ? Math.round(record.height) : DEFAULT_HEIGHT,
    maximized: record.maximized === true,
  };
  // A position is only meaningful as a pair.
  if (isFiniteNumber(record.x) && isFiniteNumber(record.y)) {
    state.x = Math.round(record.x);
    state.y = Math.round(record.y);
  }
  return state;
}

export async function loadWindowState(dataDir: string): Promise<WindowState> {
  try {
    const text = await readFile(join(dataDir, WINDOW_STATE_FILE), 'utf8');
    return parseWindowState(JSON.parse(text));
  } catch {
    // First start, or a corrupt file: the defaults are a fine place to start again.
    return { ...DEFAULT_WINDOW_STATE };
  }
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}

/** Width and height of the overlap of two rectangles (0 when they do not meet). */
function overlap(a: Rectangle, b: Rectangle): { width: number; height: number } {
  return {
    width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)),
    height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)),
  };
}

/**
 * Makes a saved state fit the displays connected now (their work areas, the primary one first):
 * - a position whose title bar is on no display (a monitor was unplugged, the resolution changed)
 *   is dropped, and the window is centred on the primary display;
 * - sizes are clamped between the minimum window size and the display that holds the window;
 * - a window partly off its display is moved back onto it.
 */
export function fitToDisplays(state: WindowState, displays: readonly Rectangle[]): WindowState {
  const fitted: WindowState = {
    width: Math.max(Math.round(state.width), MIN_WIDTH),
    height: Math.max(Math.round(state.height), MIN_HEIGHT),
    maximized: state.maximized,
  };
  const primary = displays[0];
  if (!primary) return fitted;

  let home: Rectangle | undefined;
  if (state.x !== undefined && state.y !== undefined) {
    const titleBar: Rectangle = {
      x: state.x,
      y: state.y,
      width: fitted.width,
      height: VISIBLE_HEIGHT,
    };
    home = displays.find((display) => {
      const shared = overlap(titleBar, display);
      return shared.width >= Math.min(VISIBLE_WIDTH, titleBar.width) && shared.height >= VISIBLE_HEIGHT;
    });
  }
  const display = home ?? primary;
  fitted.width = clamp(fitted.width, Math.min(MIN_WIDTH, display.width), display.width);
  fitted.height = clamp(fitted.height, Math.min(MIN_HEIGHT, display.height), display.height);
  if (home && state.x !== undefined && state.y !== undefined) {
    fitted.x = clamp(state.x, home.x, home.x + home.width - fitted.width);
    fitted.y = clamp(state.y, home.y, home.y + home.height - fitted.height);
  }
  return fitted;
}

export interface WindowStateSaver {
  /** Remembers the latest state and writes it after a quiet period (moves and resizes come in bursts). */
  schedule(state: WindowState): void;
  /** Writes a pending state now; resolves when every write has finished. */
  flush(): Promise<void>;
}

export function createWindowStateSaver(
  dataDir: string,
  options: { delayMs?: number; onError?: (error: unknown) => void } = {},
): WindowStateSaver {
  const delayMs = options.delayMs ?? 500;
  const onError = options.onError ?? ((error: unknown) => console.error('[relance] could not save the window state:', error));
  const file = join(dataDir, WINDOW_STATE_FILE);
  let pending: WindowState | null = null;
  let timer: NodeJS.Timeout | null = null;
  // Writes run one after the other, so that an older state never lands after a newer one.
  let writing: Promise<void> = Promise.resolve();

  const writePending = (): Promise<void> => {
    if (timer) {
      clearTimeout(timer);
      timer = null;
    }
    const state = pending;
    pending = null;
    if (state) {
      const bytes = new TextEncoder().encode(`${JSON.stringify(state, null, 2)}\n`);
      writing = writing.then(() => writeFileAtomic(file, bytes)).catch(onError);
    }
    return writing;
  };

  return {
    schedule(state) {
      pending = { ...state };
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void writePending(), delayMs);
      timer.unref?.();
    },
    flush: writePending,
  };
}
