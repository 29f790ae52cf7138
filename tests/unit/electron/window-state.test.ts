import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_WINDOW_STATE,
  MIN_HEIGHT,
  MIN_WIDTH,
  WINDOW_STATE_FILE,
  createWindowStateSaver,
  fitToDisplays,
  loadWindowState,
  type Rectangle,
} from '../../../src-main/electron/window-state';

const laptop: Rectangle = { x: 0, y: 0, width: 1440, height: 870 };
/** A second monitor to the right of the laptop. */
const external: Rectangle = { x: 1440, y: 0, width: 2560, height: 1400 };

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'relance-window-state-'));
});
afterEach(async () => {
  vi.useRealTimers();
  await rm(dir, { recursive: true, force: true });
});

describe('loading and saving the window state', () => {
  it('gives the defaults (1280×800, centred) on first start', async () => {
    expect(await loadWindowState(dir)).toEqual({ width: 1280, height: 800, maximized: false });
    expect(DEFAULT_WINDOW_STATE).not.toHaveProperty('x');
  });

  it('round-trips through window-state.json', async () => {
    const saver = createWindowStateSaver(dir, { delayMs: 10 });
    saver.schedule({ x: 1500, y: 40, width: 1600, height: 1000, maximized: true });
    await saver.flush();
    expect(JSON.parse(await readFile(join(dir, WINDOW_STATE_FILE), 'utf8'))).toEqual({
      x: 1500,
      y: 40,
      width: 1600,
      height: 1000,
      maximized: true,
    });
    expect(await loadWindowState(dir)).toEqual({ x: 1500, y: 40, width: 1600, height: 1000, maximized: true });
    // The atomic write leaves no temporary file behind.
    expect(await readdir(dir)).toEqual([WINDOW_STATE_FILE]);
  });

  it('writes a burst of moves once, with the last state, after a quiet period', async () => {
    vi.useFakeTimers();
    const saver = createWindowStateSaver(dir, { delayMs: 500 });
    for (let x = 0; x < 20; x += 1) saver.schedule({ x, y: 0, width: 1000, height: 700, maximized: false });
    await vi.advanceTimersByTimeAsync(499);
    await expect(readFile(join(dir, WINDOW_STATE_FILE), 'utf8')).rejects.toThrow();
    await vi.advanceTimersByTimeAsync(1);
    vi.useRealTimers();
    await vi.waitFor(async () => {
      expect(JSON.parse(await readFile(join(dir, WINDOW_STATE_FILE), 'utf8'))).toMatchObject({ x: 19 });
    });
  });

  it('falls back to the defaults when the file is corrupt or malformed', async () => {
    const file = join(dir, WINDOW_STATE_FILE);
    await writeFile(file, '{"x": 10, "wid');
    expect(await loadWindowState(dir)).toEqual(DEFAULT_WINDOW_STATE);
    await writeFile(file, '"just a string"');
    expect(await loadWindowState(dir)).toEqual(DEFAULT_WINDOW_STATE);
    await writeFile(file, JSON.stringify({ x: 'left', y: 5, width: -3, height: 'tall', maximized: 'yes' }));
    expect(await loadWindowState(dir)).toEqual(DEFAULT_WINDOW_STATE);
  });

  it('reports a failed write instead of throwing', async () => {
    const onError = vi.fn();
    // A file where the data folder should be: the write cannot succeed.
    const blocked = join(dir, 'not-a-folder');
    await writeFile(blocked, 'x');
    const saver = createWindowStateSaver(blocked, { onError });
    saver.schedule({ width: 1000, height: 700, maximized: false });
    await saver.flush();
    expect(onError).toHaveBeenCalledTimes(1);
  });
});

describe('fitToDisplays', () => {
  it('keeps a position that is on a current display', () => {
    expect(fitToDisplays({ x: 1600, y: 100, width: 1600, height: 1000, maximized: false }, [laptop, external])).toEqual({
      x: 1600,
      y: 100,
      width: 1600,
      height: 1000,
      maximized: false,
    });
  });

  it('drops a position that is on no display any more (monitor unplugged) and fits the primary one', () => {
    const fitted = fitToDisplays({ x: 1600, y: 100, width: 1600, height: 1000, maximized: true }, [laptop]);
    expect(fitted).not.toHaveProperty('x');
    expect(fitted).not.toHaveProperty('y');
    expect(fitted).toEqual({ width: 1440, height: 870, maximized: true });
  });

  it('drops a position whose title bar is above or left of every display', () => {
    expect(fitToDisplays({ x: 100, y: -500, width: 1000, height: 700, maximized: false }, [laptop])).not.toHaveProperty('x');
    expect(fitToDisplays({ x: -990, y: 100, width: 1000, height: 700, maximized: false }, [laptop])).not.toHaveProperty('x');
  });

  it('moves a window that hangs off the edge of its display back onto it', () => {
    expect(fitToDisplays({ x: 1000, y: 500, width: 1000, height: 700, maximized: false }, [laptop])).toEqual({
      x: 440,
      y: 170,
      width: 1000,
      height: 700,
      maximized: false,
    });
  });

  it('clamps sizes between the minimum and the display', () => {
    expect(fitToDisplays({ width: 300, height: 200, maximized: false }, [laptop])).toEqual({
      width: MIN_WIDTH,
      height: MIN_HEIGHT,
      maximized: false,
    });
    expect(fitToDisplays({ width: 5000, height: 4000, maximized: false }, [laptop])).toEqual({
      width: 1440,
      height: 870,
      maximized: false,
    });
    // A display smaller than the minimum: the window still fits on it.
    expect(fitToDisplays({ width: 1280, height: 800, maximized: false }, [{ x: 0, y: 0, width: 800, height: 560 }])).toEqual({
      width: 800,
      height: 560,
      maximized: false,
    });
  });

  it('without any display known, only raises sizes to the minimum and centres the window', () => {
    expect(fitToDisplays({ x: 5, y: 6, width: 1000, height: 100, maximized: false }, [])).toEqual({
      width: 1000,
      height: MIN_HEIGHT,
      maximized: false,
    });
  });
});
