import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { letterInputSchema, letterMethods } from '../../../src-main/contract/letters';
import { LETTER_METHOD_NAMES } from '../../../src-main/contract/letters-names';
import { methods } from '../../../src-main/contract/methods';
import { createLetterService } from '../../../src-main/services/letters';
import type { Platform } from '../../../src-main/services/platform';
import { countPdfPages, remittanceFor } from '../../../src-main/services/letters/render';
import { letter, shop, statement } from './fixtures';

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'relance-letters-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

async function service() {
  const platform = { dataDir } as Platform;
  return createLetterService(platform, { emit: () => undefined });
}

/** Calls a handler the way the dispatcher does: arguments and result checked against the contract. */
async function call<M extends (typeof LETTER_METHOD_NAMES)[number]>(method: M, args: unknown) {
  const { handlers } = await service();
  const parsed = letterMethods[method].args.parse(args);
  const result = await (handlers[method] as (a: unknown) => Promise<unknown>)(parsed);
  return letterMethods[method].result.parse(result) as Record<string, unknown>;
}

describe('letters service', () => {
  it('is part of the contract', () => {
    expect(LETTER_METHOD_NAMES).toEqual(['letters.render', 'letters.renderBatch', 'letters.archive', 'letters.openArchived', 'letters.readArchived', 'letters.mergeArchived', 'letters.warmUp']);
    for (const name of LETTER_METHOD_NAMES) expect(methods[name]).toBe(letterMethods[name]);
  });

  it('letters.render returns the PDF and archives it atomically under <data>/letters/<year>/', async () => {
    const result = await call('letters.render', { letter: letter(), archiveAs: 'relance-F-2026-0042' });
    const bytes = Buffer.from(result.pdfBase64 as string, 'base64');
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(result.pages).toBe(1);
    const expectedPath = join(dataDir, 'letters', '2026', 'relance-F-2026-0042.pdf');
    expect(result.archivedPath).toBe(expectedPath);
    expect(Buffer.compare(await readFile(expectedPath), bytes)).toBe(0);

    // An archive is evidence: a second letter with the same name never replaces the first.
    const again = await call('letters.render', { letter: letter(), archiveAs: 'relance-F-2026-0042.pdf' });
    expect(again.archivedPath).toBe(join(dataDir, 'letters', '2026', 'relance-F-2026-0042 (2).pdf'));
  });

  it('letters.render without archiveAs writes nothing', async () => {
    const result = await call('letters.render', { letter: letter() });
    expect(result.archivedPath).toBeUndefined();
  });

  it('letters.renderBatch renders every letter into one PDF', async () => {
    const result = await call('letters.renderBatch', { letters: [letter(), statement(60), letter()] });
    const bytes = Buffer.from(result.pdfBase64 as string, 'base64');
    expect(result.letters).toBe(3);
    expect(result.pages).toBe(countPdfPages(bytes));
    expect(result.pages).toBeGreaterThanOrEqual(4);
  });

  it.each([
    ['a folder in the archive name', { letter: letter(), archiveAs: '../escape' }, 'archiveAs'],
    ['a hidden file name', { letter: letter(), archiveAs: '.hidden' }, 'archiveAs'],
    ['an invalid IBAN', { letter: { ...letter(), shop: { ...shop, iban: 'FR76 0000' } } }, 'letter.shop.iban'],
    ['a date that is not one', { letter: { ...letter(), date: '2026-02-30' } }, 'letter.date'],
    ['a logo that is not a PNG or JPEG data URL', { letter: { ...letter(), shop: { ...shop, logoDataUrl: 'https://x/logo.png' } } }, 'letter.shop.logoDataUrl'],
    ['fractional cents', { letter: { ...letter(), invoices: [{ ...letter().invoices[0]!, amountDueCents: 10.5 }] } }, 'letter.invoices.0.amountDueCents'],
    ['a line break in the recipient name', { letter: { ...letter(), recipient: { ...letter().recipient, name: 'A\nB' } } }, 'letter.recipient.name'],
    ['a payment plan without instalments', { letter: { ...letter(), kind: 'payment-plan' } }, 'letter.instalments'],
    ['instalments on a reminder', { letter: { ...letter(), instalments: [{ dueDate: '2026-12-01', amountCents: 100 }] } }, 'letter.instalments'],
  ])('refuses %s', (_label, args, path) => {
    const parsed = letterMethods['letters.render'].args.safeParse(args);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path.join('.'))).toContain(path);
  });

  it('refuses an empty batch', () => {
    expect(letterMethods['letters.renderBatch'].args.safeParse({ letters: [] }).success).toBe(false);
  });

  it('accepts a letter without IBAN, logo or invoices', () => {
    const { iban: _iban, bic: _bic, logoDataUrl: _logo, ...bare } = shop;
    expect(letterInputSchema.safeParse({ ...letter(), shop: bare, invoices: [] }).success).toBe(true);
  });
});

describe('remittanceFor', () => {
  it('lists the invoice numbers, cut at 140 characters on a whole number', () => {
    expect(remittanceFor(['F-1', 'F-2'])).toBe('F-1 F-2');
    const many = Array.from({ length: 40 }, (_, index) => `F-2026-${String(index).padStart(4, '0')}`);
    const text = remittanceFor(many);
    expect([...text].length).toBeLessThanOrEqual(140);
    expect(text.endsWith(' …')).toBe(true);
    expect(text.startsWith('F-2026-0000 F-2026-0001')).toBe(true);
  });
});
