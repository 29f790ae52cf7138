import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  BACKGROUND_MODE_FILE,
  BackgroundModeStore,
  DEFAULT_BACKGROUND_MODE,
  parseBackgroundMode,
} from '../../../src-main/services/background-mode';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'relance-background-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the background mode store', () => {
  it('is off by default (first start)', async () => {
    const store = new BackgroundModeStore(dir);
    expect(await store.load()).toEqual({ keepRunningInTray: false, launchAtLogin: false });
    expect(DEFAULT_BACKGROUND_MODE).toEqual({ keepRunningInTray: false, launchAtLogin: false });
  });

  it('keeps a choice across restarts, written atomically (no temporary file left)', async () => {
    const store = new BackgroundModeStore(dir);
    await store.load();
    expect(await store.set({ keepRunningInTray: true, launchAtLogin: true })).toEqual({ keepRunningInTray: true, launchAtLogin: true });
    expect(store.current).toEqual({ keepRunningInTray: true, launchAtLogin: true });
    expect(JSON.parse(await readFile(join(dir, BACKGROUND_MODE_FILE), 'utf8'))).toEqual({
      keepRunningInTray: true,
      launchAtLogin: true,
    });
    expect(await readdir(dir)).toEqual([BACKGROUND_MODE_FILE]);

    const again = new BackgroundModeStore(dir);
    expect(await again.load()).toEqual({ keepRunningInTray: true, launchAtLogin: true });
  });

  it('keeps the last of several quick changes', async () => {
    const store = new BackgroundModeStore(dir);
    await Promise.all([
      store.set({ keepRunningInTray: true, launchAtLogin: false }),
      store.set({ keepRunningInTray: false, launchAtLogin: true }),
      store.set({ keepRunningInTray: true, launchAtLogin: true }),
    ]);
    expect(await new BackgroundModeStore(dir).load()).toEqual({ keepRunningInTray: true, launchAtLogin: true });
  });

  it.each([
    ['not JSON', '{"keepRunningInTray": tr'],
    ['an array', '[true, true]'],
    ['null', 'null'],
    ['strings', '{"keepRunningInTray": "true", "launchAtLogin": 1}'],
  ])('falls back to the defaults when the file is %s', async (_name, content) => {
    await writeFile(join(dir, BACKGROUND_MODE_FILE), content);
    expect(await new BackgroundModeStore(dir).load()).toEqual({ keepRunningInTray: false, launchAtLogin: false });
  });

  it('keeps what it can read of a partial file', () => {
    expect(parseBackgroundMode({ keepRunningInTray: true })).toEqual({ keepRunningInTray: true, launchAtLogin: false });
    expect(parseBackgroundMode({ launchAtLogin: true, other: 1 })).toEqual({ keepRunningInTray: false, launchAtLogin: true });
  });

  it('does not change its value when the file cannot be written', async () => {
    const blocker = join(dir, 'a-file');
    await writeFile(blocker, '');
    const store = new BackgroundModeStore(join(blocker, 'data'));
    await store.load();
    await expect(store.set({ keepRunningInTray: true, launchAtLogin: false })).rejects.toMatchObject({ code: 'io-error' });
    expect(store.current).toEqual({ keepRunningInTray: false, launchAtLogin: false });
  });
});
