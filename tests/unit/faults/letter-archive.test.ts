import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ContractError } from '../../../src-main/contract/errors';
import { letterMethods } from '../../../src-main/contract/letters';
import { createLetterService } from '../../../src-main/services/letters';
import type { Platform } from '../../../src-main/services/platform';
import { filesUnder } from '../fs-snapshot';
import { letter } from '../letters/fixtures';
import { canMountSmallDisk, mountSmallDisk, type SmallDisk } from './small-disk';

/**
 * Archiving a letter (`letters.render` with `archiveAs`) on a full or read-only data folder: a clear
 * error naming the file, the letters archived before untouched, no temporary file. Real faults on a
 * small tmpfs (see small-disk.ts); skipped, saying so, where no tmpfs can be mounted.
 */

let mountable = false;
const disks: SmallDisk[] = [];

beforeAll(async () => {
  mountable = await canMountSmallDisk();
});

afterEach(async () => {
  for (const disk of disks.splice(0)) await disk.unmount();
});

async function dataFolder(sizeKiB: number): Promise<SmallDisk> {
  const disk = (await mountSmallDisk(sizeKiB))!;
  disks.push(disk);
  // A letter archived earlier, the evidence of what was sent.
  await mkdir(join(disk.dir, 'letters', '2026'), { recursive: true });
  await writeFile(join(disk.dir, 'letters', '2026', 'relance-F-2026-0001.pdf'), '%PDF-1.7 sent in October');
  return disk;
}

async function archive(dataDir: string): Promise<ContractError> {
  const { handlers, stop } = await createLetterService({ dataDir } as Platform, { emit: () => undefined });
  try {
    const args = letterMethods['letters.render'].args.parse({ letter: letter(), archiveAs: 'relance-F-2026-0042' });
    const error = await handlers['letters.render'](args).then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ContractError);
    expect((error as ContractError).code).toBe('io-error');
    return error as ContractError;
  } finally {
    stop();
  }
}

describe('archiving a letter when the data folder fails', () => {
  it('disk full: a clear error, the earlier letters untouched, no temporary file', async ({ skip }) => {
    if (!mountable) skip();
    const disk = await dataFolder(8); // a rendered letter is larger than 8 KiB
    const before = await filesUnder(disk.dir);
    const error = await archive(disk.dir);
    expect(error.message).toBe(`Could not write ${join(disk.dir, 'letters', '2026', 'relance-F-2026-0042.pdf')}: the disk is full`);
    expect(await filesUnder(disk.dir)).toEqual(before);
  });

  it('read-only: a clear error, the earlier letters untouched', async ({ skip }) => {
    if (!mountable) skip();
    const disk = await dataFolder(512);
    const before = await filesUnder(disk.dir);
    disk.makeReadOnly();
    const error = await archive(disk.dir);
    expect(error.message).toBe(`Could not write ${join(disk.dir, 'letters', '2026', 'relance-F-2026-0042.pdf')}: the folder is read-only`);
    expect(await filesUnder(disk.dir)).toEqual(before);
  });
});
