import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ContractError } from '../../../src-main/contract/errors';
import { BackupStore } from '../../../src-main/services/backups';
import { writeFileAtomic } from '../../../src-main/services/files';
import { filesUnder } from '../fs-snapshot';
import { canMountSmallDisk, mountSmallDisk, type SmallDisk } from './small-disk';

/**
 * The data folder failing under the daily backup and the atomic file writer: a clear error naming
 * the path, the files already there untouched, no temporary file left behind.
 *
 * How each fault is made, honestly:
 * - disk full: a real 64 KiB tmpfs (ENOSPC from the kernel), when this process may mount one;
 * - read-only: that tmpfs remounted read-only (EROFS, which stops root too); without mounting rights,
 *   chmod (which stops a normal user; skipped for root, where it stops nothing);
 * - a path through a regular file (ENOTDIR) and a target name taken by a folder (EISDIR): anyone.
 */

const NOW = '2026-11-23T11:00:00.000Z'; // 12:00 in Paris: the backup of 2026-11-23
const TODAY_FILE = 'relance-2026-11-23.json';
const YESTERDAY_FILE = 'relance-2026-11-22.json';
const isRoot = process.getuid?.() === 0;
let mountable = false;
const scratch: string[] = [];
const disks: SmallDisk[] = [];

beforeAll(async () => {
  mountable = await canMountSmallDisk();
  if (!mountable) console.log('faults: no tmpfs can be mounted here: the disk-full cases are skipped');
});

afterEach(async () => {
  for (const disk of disks.splice(0)) await disk.unmount();
  for (const dir of scratch.splice(0)) {
    await chmod(join(dir, 'backups'), 0o700).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  }
});

afterAll(async () => {
  for (const disk of disks.splice(0)) await disk.unmount();
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'relance-faults-'));
  scratch.push(dir);
  return dir;
}

async function smallDisk(sizeKiB: number): Promise<string> {
  const disk = await mountSmallDisk(sizeKiB);
  if (!disk) throw new Error('no tmpfs');
  disks.push(disk);
  return disk.dir;
}

async function failure(promise: Promise<unknown>): Promise<ContractError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ContractError);
  expect((error as ContractError).code).toBe('io-error');
  return error as ContractError;
}

const text = (value: string) => new TextEncoder().encode(value);

/** A data folder that already holds yesterday's and today's backups, and a file of the user's. */
async function dataFolderWithBackups(dir: string): Promise<void> {
  await mkdir(join(dir, 'backups'), { recursive: true });
  await writeFile(join(dir, 'backups', YESTERDAY_FILE), '{"yesterday":true}');
  await writeFile(join(dir, 'backups', TODAY_FILE), '{"this morning":true}');
  await writeFile(join(dir, 'backups', 'notes.txt'), 'the user’s own file');
}

describe('the daily backup when the data folder fails', () => {
  it.runIf(isRoot)('probe: the tests run as root, where chmod stops nothing (hence tmpfs and ENOTDIR below)', async () => {
    const dir = await tempDir();
    await chmod(dir, 0o500);
    await writeFile(join(dir, 'written-anyway'), 'x');
    await chmod(dir, 0o700);
  });

  it('disk full: a clear error naming the file, the morning backup untouched, no temporary file', async ({ skip }) => {
    if (!mountable) skip();
    const dir = await smallDisk(64);
    await dataFolderWithBackups(dir);
    const before = await filesUnder(dir);
    const store = new BackupStore(dir);

    const error = await failure(store.saveDaily(new Uint8Array(200 * 1024).fill(0x7b), NOW, 'Europe/Paris'));
    expect(error.message).toBe(`Could not write ${join(dir, 'backups', TODAY_FILE)}: the disk is full`);
    expect(await filesUnder(dir)).toEqual(before);

    // Once space is back, the same save works and replaces the morning's backup.
    const saved = await store.saveDaily(text('{"noon":true}'), NOW, 'Europe/Paris');
    expect(saved).toMatchObject({ fileName: TODAY_FILE, replaced: true });
    expect(await readFile(join(dir, 'backups', TODAY_FILE), 'utf8')).toBe('{"noon":true}');
  });

  it('read-only data folder: a clear error naming the file, every file untouched', async ({ skip }) => {
    let dir: string;
    let makeReadOnly: () => Promise<void>;
    if (mountable) {
      const disk = await mountSmallDisk(256);
      disks.push(disk!);
      dir = disk!.dir;
      makeReadOnly = async () => disk!.makeReadOnly();
    } else {
      if (isRoot) skip(); // chmod stops nothing for root, and no tmpfs can be mounted here
      dir = await tempDir();
      makeReadOnly = () => chmod(join(dir, 'backups'), 0o500);
    }
    await dataFolderWithBackups(dir);
    const before = await filesUnder(dir);
    await makeReadOnly();

    const error = await failure(new BackupStore(dir).saveDaily(text('{"noon":true}'), NOW, 'Europe/Paris'));
    expect(error.message).toMatch(new RegExp(`^Could not write ${join(dir, 'backups', TODAY_FILE)}: (the folder is read-only|permission denied)$`));
    expect(await filesUnder(dir)).toEqual(before);
    // Reading still works: the backups can be listed and restored from a read-only folder.
    expect((await new BackupStore(dir).list()).map((file) => file.fileName)).toEqual([TODAY_FILE, YESTERDAY_FILE]);
  });

  it('the data folder is a regular file (ENOTDIR): a clear error, the file untouched', async () => {
    const dir = await tempDir();
    const blocker = join(dir, 'Relance');
    await writeFile(blocker, 'a file where the data folder should be');
    const before = await filesUnder(dir);

    const daily = await failure(new BackupStore(blocker).saveDaily(text('{}'), NOW, 'Europe/Paris'));
    expect(daily.message).toBe(`Could not write ${join(blocker, 'backups', TODAY_FILE)}: part of the path is a file, not a folder`);
    const beforeRestore = await failure(new BackupStore(blocker).saveBeforeRestore(text('{}'), NOW));
    expect(beforeRestore.message).toContain(join(blocker, 'backups', 'before-restore'));
    expect(beforeRestore.message).toContain('part of the path is a file, not a folder');
    expect(await filesUnder(dir)).toEqual(before);
  });

  it('today’s file name taken by a folder: the write fails at the rename, the temporary file is removed', async () => {
    const dir = await tempDir();
    await dataFolderWithBackups(dir);
    await rm(join(dir, 'backups', TODAY_FILE));
    await mkdir(join(dir, 'backups', TODAY_FILE, 'inside'), { recursive: true });
    const before = await filesUnder(dir);

    const error = await failure(new BackupStore(dir).saveDaily(text('{"noon":true}'), NOW, 'Europe/Paris'));
    expect(error.message).toMatch(new RegExp(`^Could not write ${join(dir, 'backups', TODAY_FILE)}: `));
    expect(await filesUnder(dir)).toEqual(before);
  });
});

describe('writeFileAtomic when the disk fails', () => {
  it('disk full while writing: the previous file intact, no temporary file', async ({ skip }) => {
    if (!mountable) skip();
    const dir = await smallDisk(64);
    const target = join(dir, 'letters', 'relance-F-2026-0042.pdf');
    await writeFileAtomic(target, text('%PDF-1.7 the first version'));
    const before = await filesUnder(dir);

    const error = await failure(writeFileAtomic(target, new Uint8Array(100 * 1024).fill(0x25)));
    expect(error.message).toBe(`Could not write ${target}: the disk is full`);
    expect(await filesUnder(dir)).toEqual(before);
  });

  it('read-only disk: a clear error, the previous file intact', async ({ skip }) => {
    if (!mountable) skip();
    const disk = await mountSmallDisk(64);
    disks.push(disk!);
    const target = join(disk!.dir, 'exports', 'relevé.csv');
    await writeFileAtomic(target, text('N° facture;Montant\n'));
    const before = await filesUnder(disk!.dir);
    disk!.makeReadOnly();

    const error = await failure(writeFileAtomic(target, text('N° facture;Montant\nF-1;12,00\n')));
    expect(error.message).toBe(`Could not write ${target}: the folder is read-only`);
    expect(await filesUnder(disk!.dir)).toEqual(before);
  });

  it('a parent that is a file, a target that is a folder: clear errors, nothing left behind', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'exports'), 'a file, not a folder');
    await mkdir(join(dir, 'letters', 'relance.pdf', 'inside'), { recursive: true });
    const before = await filesUnder(dir);

    const underFile = await failure(writeFileAtomic(join(dir, 'exports', 'relevé.csv'), text('x')));
    expect(underFile.message).toBe(`Could not write ${join(dir, 'exports', 'relevé.csv')}: part of the path is a file, not a folder`);
    const onFolder = await failure(writeFileAtomic(join(dir, 'letters', 'relance.pdf'), text('%PDF')));
    expect(onFolder.message).toMatch(new RegExp(`^Could not write ${join(dir, 'letters', 'relance.pdf')}: `));
    expect(await filesUnder(dir)).toEqual(before);
  });
});
