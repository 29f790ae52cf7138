import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ContractError } from '../../src-main/contract/errors';
import { BackupStore, dailyBackupDate, KEEP_DAILY_BACKUPS } from '../../src-main/services/backups';

const temporaryDirs: string[] = [];

async function dataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'relance-backups-'));
  temporaryDirs.push(dir);
  return dir;
}

afterEach(async () => {
  for (const dir of temporaryDirs.splice(0)) {
    await chmod(join(dir, 'backups'), 0o700).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  }
});

const bytes = (text: string) => new TextEncoder().encode(text);

/** Noon UTC on the day `offset` days after 2026-11-01: the same calendar day in Paris. */
function noonOfDay(offset: number): string {
  return new Date(Date.UTC(2026, 10, 1 + offset, 12)).toISOString();
}

async function expectContractError(promise: Promise<unknown>, code: string): Promise<ContractError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ContractError);
  expect((error as ContractError).code).toBe(code);
  return error as ContractError;
}

describe('BackupStore.saveDaily', () => {
  it('names a compressed backup .json.gz, replaces the same day\'s plain file, lists and reads it back', async () => {
    const dir = await dataDir();
    const store = new BackupStore(dir);
    await store.saveDaily(bytes('{"relance":1}'), '2026-11-23T08:30:00.000Z');
    const compressed = new Uint8Array([0x1f, 0x8b, 8, 0, 1, 2, 3]);
    const saved = await store.saveDaily(compressed, '2026-11-23T17:00:00.000Z');
    expect(saved).toMatchObject({ fileName: 'relance-2026-11-23.json.gz', date: '2026-11-23', replaced: true });
    expect(await readdir(join(dir, 'backups'))).toEqual(['relance-2026-11-23.json.gz']);
    expect(await store.list()).toEqual([{ fileName: 'relance-2026-11-23.json.gz', date: '2026-11-23', bytes: 7 }]);
    expect(await store.read('relance-2026-11-23.json.gz')).toEqual(compressed);
    expect(dailyBackupDate('relance-2026-11-23.json.gz')).toBe('2026-11-23');
    expect(dailyBackupDate('relance-2026-11-23.gz')).toBeNull();
  });

  it('writes relance-YYYY-MM-DD.json in <dataDir>/backups, with the bytes given', async () => {
    const dir = await dataDir();
    const store = new BackupStore(dir);
    const saved = await store.saveDaily(bytes('{"relance":1}'), '2026-11-23T08:30:00.000Z');

    expect(saved).toEqual({
      fileName: 'relance-2026-11-23.json',
      date: '2026-11-23',
      bytes: 13,
      replaced: false,
      deleted: [],
    });
    expect(await readFile(join(dir, 'backups', 'relance-2026-11-23.json'), 'utf8')).toBe('{"relance":1}');
    // No temporary file left behind.
    expect(await readdir(join(dir, 'backups'))).toEqual(['relance-2026-11-23.json']);
  });

  it('takes the day in the shop’s time zone (23:30 UTC is already tomorrow in Paris)', async () => {
    const store = new BackupStore(await dataDir());
    expect((await store.saveDaily(bytes('a'), '2026-11-22T23:30:00.000Z')).date).toBe('2026-11-23');
    expect((await store.saveDaily(bytes('a'), '2026-11-22T23:30:00.000Z', 'UTC')).date).toBe('2026-11-22');
    expect((await store.saveDaily(bytes('a'), '2026-11-23T02:00:00.000Z', 'America/New_York')).date).toBe(
      '2026-11-22',
    );
  });

  it('replaces the backup of the same day', async () => {
    const dir = await dataDir();
    const store = new BackupStore(dir);
    await store.saveDaily(bytes('morning'), '2026-11-23T07:00:00.000Z');
    const second = await store.saveDaily(bytes('evening'), '2026-11-23T19:00:00.000Z');

    expect(second.replaced).toBe(true);
    expect(await readdir(join(dir, 'backups'))).toEqual(['relance-2026-11-23.json']);
    expect(await readFile(join(dir, 'backups', 'relance-2026-11-23.json'), 'utf8')).toBe('evening');
  });

  it(`keeps the last ${KEEP_DAILY_BACKUPS} days and never touches other files`, async () => {
    const dir = await dataDir();
    const folder = join(dir, 'backups');
    await mkdir(folder, { recursive: true });
    const foreign = [
      'notes.txt',
      'relance-2026-11-01.json.bak',
      'relance-backup-avant-migration.json',
      'relance-2026-02-30.json', // not a real date: not one of ours
      'RELANCE-2026-10-01.json',
      '.0123456789ab.tmp',
    ];
    for (const name of foreign) await writeFile(join(folder, name), 'keep me');
    await mkdir(join(folder, 'relance-2020-01-01.json')); // a folder with a backup's name

    const store = new BackupStore(dir);
    const deleted: string[] = [];
    for (let day = 0; day < 20; day += 1) {
      deleted.push(...(await store.saveDaily(bytes(`day ${day}`), noonOfDay(day))).deleted);
    }

    const listed = await store.list();
    expect(listed).toHaveLength(KEEP_DAILY_BACKUPS);
    expect(listed[0]!.fileName).toBe('relance-2026-11-20.json');
    expect(listed.at(-1)!.fileName).toBe('relance-2026-11-07.json');
    expect(deleted).toEqual([
      'relance-2026-11-01.json',
      'relance-2026-11-02.json',
      'relance-2026-11-03.json',
      'relance-2026-11-04.json',
      'relance-2026-11-05.json',
      'relance-2026-11-06.json',
    ]);
    const remaining = await readdir(folder);
    for (const name of foreign) expect(remaining).toContain(name);
    expect(remaining).toContain('relance-2020-01-01.json');
    expect(remaining).toHaveLength(KEEP_DAILY_BACKUPS + foreign.length + 1);
  });

  it('never deletes the file it just wrote, even among backups dated in the future', async () => {
    const dir = await dataDir();
    const store = new BackupStore(dir);
    for (let day = 0; day < KEEP_DAILY_BACKUPS; day += 1) await store.saveDaily(bytes('future'), noonOfDay(100 + day));
    const saved = await store.saveDaily(bytes('today'), noonOfDay(0));
    expect(saved.deleted).toEqual([]);
    expect(await readFile(join(dir, 'backups', saved.fileName), 'utf8')).toBe('today');
  });

  it('refuses an empty backup (a good file of the day is never replaced by nothing)', async () => {
    const dir = await dataDir();
    const store = new BackupStore(dir);
    await store.saveDaily(bytes('good'), noonOfDay(0));
    await expectContractError(store.saveDaily(new Uint8Array(), noonOfDay(0)), 'invalid-arguments');
    expect(await readFile(join(dir, 'backups', 'relance-2026-11-01.json'), 'utf8')).toBe('good');
  });

  it('refuses an unknown time zone', async () => {
    const store = new BackupStore(await dataDir());
    await expectContractError(store.saveDaily(bytes('a'), noonOfDay(0), 'Europe/Atlantis'), 'invalid-arguments');
  });

  it('serialises saves made at the same time', async () => {
    const dir = await dataDir();
    const store = new BackupStore(dir);
    await Promise.all(
      Array.from({ length: 20 }, (_, day) => store.saveDaily(bytes(`day ${day}`), noonOfDay(day))),
    );
    expect(await store.list()).toHaveLength(KEEP_DAILY_BACKUPS);
  });

  it('reports a folder it cannot write as an io-error naming the path (the data folder is a file)', async () => {
    const dir = await dataDir();
    const notAFolder = join(dir, 'data-is-a-file');
    await writeFile(notAFolder, 'not a folder');
    const store = new BackupStore(notAFolder);
    const error = await expectContractError(store.saveDaily(bytes('a'), noonOfDay(0)), 'io-error');
    expect(error.message).toContain(join(notAFolder, 'backups'));
    await expectContractError(store.list(), 'io-error');
  });

  // chmod does not stop root (the CI runs as root): the case above covers it there.
  it.skipIf(process.getuid?.() === 0)('reports a read-only folder as an io-error', async () => {
    const dir = await dataDir();
    await mkdir(join(dir, 'backups'));
    await chmod(join(dir, 'backups'), 0o500);
    const error = await expectContractError(new BackupStore(dir).saveDaily(bytes('a'), noonOfDay(0)), 'io-error');
    expect(error.message).toMatch(/permission denied|read-only/);
  });
});

describe('BackupStore.list and read', () => {
  it('lists nothing when no backup was ever made', async () => {
    expect(await new BackupStore(await dataDir()).list()).toEqual([]);
  });

  it('lists newest first, with sizes, and reads a backup back', async () => {
    const store = new BackupStore(await dataDir());
    await store.saveDaily(bytes('second day'), noonOfDay(1));
    await store.saveDaily(bytes('first'), noonOfDay(0));
    await store.saveDaily(bytes('third day!'), noonOfDay(2));

    expect(await store.list()).toEqual([
      { fileName: 'relance-2026-11-03.json', date: '2026-11-03', bytes: 10 },
      { fileName: 'relance-2026-11-02.json', date: '2026-11-02', bytes: 10 },
      { fileName: 'relance-2026-11-01.json', date: '2026-11-01', bytes: 5 },
    ]);
    expect(new TextDecoder().decode(await store.read('relance-2026-11-02.json'))).toBe('second day');
  });

  it.each([
    '../relance-2026-11-01.json',
    'relance-2026-11-01.json/../../secret',
    '/etc/passwd',
    '..',
    'notes.txt',
    'relance-2026-02-30.json',
    'relance-2026-11-01.json\0',
    'backups/relance-2026-11-01.json',
    'relance-2026-11-01.JSON',
    '',
  ])('refuses to read %j', async (name) => {
    const dir = await dataDir();
    const store = new BackupStore(dir);
    await store.saveDaily(bytes('a'), noonOfDay(0));
    await writeFile(join(dir, 'backups', 'notes.txt'), 'private');
    await expectContractError(store.read(name), 'invalid-arguments');
  });

  it('says clearly when a backup does not exist', async () => {
    const store = new BackupStore(await dataDir());
    const error = await expectContractError(store.read('relance-2026-11-01.json'), 'io-error');
    expect(error.message).toContain('relance-2026-11-01.json');
  });

  it('knows its file names', () => {
    expect(dailyBackupDate('relance-2026-11-23.json')).toBe('2026-11-23');
    expect(dailyBackupDate('relance-2026-11-23.json.tmp')).toBeNull();
    expect(dailyBackupDate('relance-2026-13-01.json')).toBeNull();
  });
});

describe('BackupStore.saveBeforeRestore and the browser mode’s own folder', () => {
  it('keeps the data put aside before a restore, never pruned by the daily backups', async () => {
    const dir = await dataDir();
    const store = new BackupStore(dir, 2);
    const saved = await store.saveBeforeRestore(bytes('{"current":true}'), '2026-11-23T08:30:00.000Z');
    expect(saved.fileName).toBe('relance-avant-restauration-2026-11-23T08-30-00-000Z.json');
    for (let day = 0; day < 5; day += 1) await store.saveDaily(bytes(`{"day":${day}}`), noonOfDay(day));
    expect(await readFile(saved.path, 'utf8')).toBe('{"current":true}');
    expect((await store.list()).map((b) => b.fileName)).toEqual(['relance-2026-11-05.json', 'relance-2026-11-04.json']);
    await expectContractError(store.saveBeforeRestore(new Uint8Array(), '2026-11-23T08:30:00.000Z'), 'invalid-arguments');
  });

  it('keeps the browser mode’s daily backups apart from the desktop app’s', async () => {
    const dir = await dataDir();
    const desktop = new BackupStore(dir);
    const browser = new BackupStore(dir, undefined, 'browser');
    await desktop.saveDaily(bytes('{"shop":"desktop"}'), noonOfDay(0));
    expect(await browser.list()).toEqual([]);
    await browser.saveDaily(bytes('{"shop":"demo"}'), noonOfDay(0));
    expect(new TextDecoder().decode(await desktop.read('relance-2026-11-01.json'))).toBe('{"shop":"desktop"}');
    expect(new TextDecoder().decode(await browser.read('relance-2026-11-01.json'))).toBe('{"shop":"demo"}');
    expect(await readdir(join(dir, 'backups'))).toEqual(expect.arrayContaining(['browser', 'relance-2026-11-01.json']));
  });
});
