import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { archivedLetterId, letterMethods } from '../../../src-main/contract/letters';
import { createLetterService } from '../../../src-main/services/letters';
import type { Platform } from '../../../src-main/services/platform';
import { HAS_PDFTOTEXT, letter, pdfPages, statement } from './fixtures';

/** letters.archive, letters.openArchived and printing, on a real data folder. */

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'relance-archive-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

function platform(desktop: boolean) {
  return {
    dataDir,
    supportsDocumentViewer: desktop,
    openDocument: vi.fn(async () => desktop),
    printDocument: vi.fn(async () => desktop),
  };
}

async function caller(shell: ReturnType<typeof platform>) {
  const { handlers } = await createLetterService(shell as unknown as Platform, { emit: () => undefined });
  return async <M extends keyof typeof letterMethods>(method: M, args: unknown) => {
    const parsed = letterMethods[method].args.parse(args);
    const result = await (handlers[method] as (a: unknown) => Promise<unknown>)(parsed);
    return letterMethods[method].result.parse(result) as Record<string, unknown>;
  };
}

describe('letters.archive', () => {
  it('keeps each letter as its own PDF under letters/<year>/ and answers its id, never overwriting', async () => {
    const call = await caller(platform(false));
    const first = await call('letters.archive', { letter: letter(), name: '2026-11-22 Relance - Brasserie Léon Écuyer' });
    expect(first).toEqual({ id: 'letters/2026/2026-11-22 Relance - Brasserie Léon Écuyer.pdf', pages: 1 });
    const bytes = await readFile(join(dataDir, 'letters', '2026', '2026-11-22 Relance - Brasserie Léon Écuyer.pdf'));
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const second = await call('letters.archive', { letter: letter(), name: '2026-11-22 Relance - Brasserie Léon Écuyer' });
    expect(second.id).toBe('letters/2026/2026-11-22 Relance - Brasserie Léon Écuyer (2).pdf');
  });

  it.each(['../secret', 'a/b', '.hidden', 'x\\y', ''])('refuses the name %j', (name) => {
    expect(letterMethods['letters.archive'].args.safeParse({ letter: letter(), name }).success).toBe(false);
  });
});

describe('archived letter ids', () => {
  it.each([
    ['letters/2026/2026-11-22 Relance - Garage.pdf', true],
    ['letters/2026/../../mail-password.bin', false],
    ['letters/2026/../2025/x.pdf', false],
    ['letters/../letters/2026/x.pdf', false],
    ['/etc/passwd', false],
    ['letters/2026/x.pdf/../../y.pdf', false],
    ['letters/2026/.x.pdf', false],
    ['letters/2026/x.txt', false],
    ['letters\\2026\\x.pdf', false],
    ['letters/26/x.pdf', false],
    ['letters/2026/sub/x.pdf', false],
    ['letters/2026/x\n.pdf', false],
    ['C:/letters/2026/x.pdf', false],
  ])('%j valid: %s', (id, valid) => {
    expect(archivedLetterId.safeParse(id).success).toBe(valid);
  });
});

describe('letters.openArchived', () => {
  it('desktop: opens the archived file with the system viewer, or its print dialog', async () => {
    const shell = platform(true);
    const call = await caller(shell);
    const { id } = await call('letters.archive', { letter: letter(), name: 'relance' });
    expect(await call('letters.openArchived', { id })).toEqual({ status: 'opened' });
    expect(shell.openDocument).toHaveBeenCalledWith(join(dataDir, 'letters', '2026', 'relance.pdf'));
    expect(await call('letters.openArchived', { id, print: true })).toEqual({ status: 'opened' });
    expect(shell.printDocument).toHaveBeenCalledWith(join(dataDir, 'letters', '2026', 'relance.pdf'));
  });

  it('browser mode: answers the PDF for the renderer to show', async () => {
    const call = await caller(platform(false));
    const { id } = await call('letters.archive', { letter: letter(), name: 'relance' });
    const result = await call('letters.openArchived', { id });
    expect(result.status).toBe('open-in-renderer');
    expect(Buffer.compare(Buffer.from(result.pdfBase64 as string, 'base64'), await readFile(join(dataDir, 'letters', '2026', 'relance.pdf')))).toBe(0);
  });

  it('a missing letter is an error, and a link out of the letters folder is refused', async () => {
    const call = await caller(platform(false));
    await expect(call('letters.openArchived', { id: 'letters/2026/absent.pdf' })).rejects.toMatchObject({ code: 'io-error' });
    await writeFile(join(dataDir, 'secret.pdf'), '%PDF- secret');
    await mkdir(join(dataDir, 'letters', '2026'), { recursive: true });
    await symlink(join(dataDir, 'secret.pdf'), join(dataDir, 'letters', '2026', 'link.pdf'));
    await expect(call('letters.openArchived', { id: 'letters/2026/link.pdf' })).rejects.toMatchObject({ code: 'invalid-arguments' });
  });
});

describe('letters.renderBatch with print', () => {
  it('desktop: writes the batch beside the data and opens the print dialog on it', async () => {
    const shell = platform(true);
    const call = await caller(shell);
    const result = await call('letters.renderBatch', { letters: [letter(), letter()], print: true });
    expect(result).toMatchObject({ letters: 2, pages: 2, printed: true });
    const path = join(dataDir, 'documents', 'print', 'courriers-du-jour.pdf');
    expect(shell.printDocument).toHaveBeenCalledWith(path);
    expect(Buffer.compare(await readFile(path), Buffer.from(result.pdfBase64 as string, 'base64'))).toBe(0);
  });

  it('browser mode: printed is false, the renderer opens the PDF', async () => {
    const shell = platform(false);
    const call = await caller(shell);
    expect(await call('letters.renderBatch', { letters: [letter()], print: true })).toMatchObject({ printed: false });
    expect(shell.printDocument).not.toHaveBeenCalled();
    expect((await call('letters.renderBatch', { letters: [letter()] })).printed).toBeUndefined();
  });
});

describe('letters.mergeArchived (print today’s letters from their archives)', () => {
  it('desktop: the archived letters in order in one PDF, pages copied, written beside the data and printed', async () => {
    const shell = platform(true);
    const call = await caller(shell);
    const first = await call('letters.archive', { letter: letter({ subject: 'Première relance' }), name: 'un' });
    const second = await call('letters.archive', { letter: statement(60), name: 'deux' });
    const result = await call('letters.mergeArchived', { ids: [second.id, first.id], print: true });
    expect(result).toMatchObject({ letters: 2, pages: 3, printed: true });
    const path = join(dataDir, 'documents', 'print', 'courriers-du-jour.pdf');
    expect(shell.printDocument).toHaveBeenCalledWith(path);
    expect(Buffer.compare(await readFile(path), Buffer.from(result.pdfBase64 as string, 'base64'))).toBe(0);
    if (HAS_PDFTOTEXT) {
      const merged = pdfPages(new Uint8Array(Buffer.from(result.pdfBase64 as string, 'base64')));
      const archives = [...pdfPages(new Uint8Array(await readFile(join(dataDir, second.id as string)))), ...pdfPages(new Uint8Array(await readFile(join(dataDir, first.id as string))))];
      expect(merged).toEqual(archives);
      expect(merged[0]).toContain('Page 1 / 2');
      expect(merged[2]).toContain('Première relance');
    }
  });

  it('browser mode: printed is false; an id out of the letters folder or a missing file is refused', async () => {
    const shell = platform(false);
    const call = await caller(shell);
    const { id } = await call('letters.archive', { letter: letter(), name: 'un' });
    expect(await call('letters.mergeArchived', { ids: [id], print: true })).toMatchObject({ letters: 1, pages: 1, printed: false });
    expect(shell.printDocument).not.toHaveBeenCalled();
    expect(letterMethods['letters.mergeArchived'].args.safeParse({ ids: ['letters/2026/../../mail-password.bin'] }).success).toBe(false);
    expect(letterMethods['letters.mergeArchived'].args.safeParse({ ids: [] }).success).toBe(false);
    await expect(call('letters.mergeArchived', { ids: [id, 'letters/2026/absent.pdf'] })).rejects.toMatchObject({ code: 'io-error' });
  });
});
