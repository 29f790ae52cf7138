import 'fake-indexeddb/auto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { letterMethods } from '../../../src-main/contract/letters';
import { createLetterService } from '../../../src-main/services/letters';
import type { Platform } from '../../../src-main/services/platform';
import { addDays } from '../../../src-renderer/domain/dates';
import { DEFAULT_SETTINGS, type SettingsValues } from '../../../src-renderer/domain/model';
import { planFollowUps, type StepAction } from '../../../src-renderer/domain/planner';
import { builtInPolicies } from '../../../src-renderer/domain/policies';
import type { LiveRecords } from '../../../src-renderer/ui/hooks';
import { aCustomer, anInvoice, stepDone } from '../domain/builders';
import { HAS_PDFTOTEXT, pdfPages } from '../letters/fixtures';

/**
 * "Print today's letters" as the renderer runs it, against the real letters service (its handlers,
 * arguments and results checked by the contract as the dispatcher does) and a real (fake-indexeddb)
 * database: each letter archived and recorded, the failures kept with their reason, one PDF shown.
 */

const harness = vi.hoisted(() => ({ os: {} as Record<string, unknown> }));
vi.mock('../../../src-renderer/os/client', () => ({ os: harness.os, shellKind: 'web' }));
vi.mock('../../../src-renderer/os/clock', () => ({ nowIso: () => '2026-11-23T09:30:00.000Z' }));

const { printLetters } = await import('../../../src-renderer/features/letters/letter-production');
const { getDatabase } = await import('../../../src-renderer/db');

let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'relance-print-'));
  const { handlers } = await createLetterService({ dataDir, supportsDocumentViewer: false } as unknown as Platform, { emit: () => undefined });
  const call = (method: keyof typeof letterMethods) => async (args: unknown) =>
    letterMethods[method].result.parse(await (handlers[method] as (a: unknown) => Promise<unknown>)(letterMethods[method].args.parse(args)));
  harness.os.letters = { archive: call('letters.archive'), renderBatch: call('letters.renderBatch'), mergeArchived: call('letters.mergeArchived'), openArchived: call('letters.openArchived') };
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const TODAY = '2026-11-23';
const address = { lines: ['3 avenue Jean Jaurès'], postcode: '69007', city: 'Lyon', country: 'FR' };
const settings: SettingsValues = {
  ...DEFAULT_SETTINGS,
  shop: { name: 'Quincaillerie Martin', address: { lines: ['5 rue Mercière'], postcode: '69002', city: 'Lyon', country: 'FR' }, iban: 'FR7630006000011234567890189' },
};
const customers = [aCustomer('c1', { name: 'Garage Lefèvre', address }), aCustomer('c2', { name: 'Sans Adresse' })];
const invoices = [anInvoice('i1', 'c1', addDays(TODAY, -31), { number: 'F-2026-0101' }), anInvoice('i2', 'c2', addDays(TODAY, -31), { number: 'F-2026-0102' })];
const interactions = ['i1', 'i2'].flatMap((id) => [stepDone([id], 'first-reminder', { customerId: id === 'i1' ? 'c1' : 'c2' }), stepDone([id], 'second-reminder', { customerId: id === 'i1' ? 'c1' : 'c2' })]);
const records: LiveRecords = { customers, invoices, payments: [], interactions, promises: [], paymentPlans: [], policies: builtInPolicies(), settings };

describe('printLetters', () => {
  it('archives and records each letter, keeps why one could not be written, and shows one PDF of the others', async () => {
    const actions = planFollowUps({ asOf: '2026-11-23T09:30:00.000Z', today: TODAY, ...records }).filter((a): a is StepAction => a.kind === 'step');
    expect(actions.map((a) => `${a.customerId} ${a.channel}`)).toEqual(['c1 formal-notice', 'c2 formal-notice']);
    const orders = actions.map((step) => ({ kind: 'formal-notice' as const, customerId: step.customerId, step }));
    const progress: string[] = [];
    const tab = { show: vi.fn(), close: vi.fn() };

    const result = await printLetters(orders, records, TODAY, () => 'Mise en demeure', (p) => progress.push(`${p.phase} ${p.done}/${p.total}`), tab);

    expect(progress).toEqual(['archiving 0/2', 'archiving 1/2', 'printing 2/2']);
    expect(result.failed).toEqual([{ order: orders[1], reason: 'no-address' }]);
    expect(result.printed).toBe(false);
    expect(result.produced.map((p) => p.archiveId)).toEqual(['letters/2026/2026-11-23 Mise en demeure - Garage Lefèvre.pdf']);
    // The browser mode: the batch's PDF goes to the tab opened at the click.
    expect(tab.show).toHaveBeenCalledTimes(1);
    expect(Buffer.from(tab.show.mock.calls[0]?.[0] as string, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    expect(tab.close).not.toHaveBeenCalled();
    // Its own PDF in the data folder, and the step's trail in the history.
    const archived = await readFile(join(dataDir, 'letters', '2026', '2026-11-23 Mise en demeure - Garage Lefèvre.pdf'));
    expect(archived.subarray(0, 5).toString()).toBe('%PDF-');
    // The batch is the archive's pages (rendered once, merged), not a second layout of the letter.
    if (HAS_PDFTOTEXT) {
      const printedText = pdfPages(new Uint8Array(Buffer.from(tab.show.mock.calls[0]?.[0] as string, 'base64')));
      expect(printedText).toEqual(pdfPages(new Uint8Array(archived)));
      expect(printedText.join('\n')).toContain('F-2026-0101');
    }
    const stored = await getDatabase().interactions.toArray();
    expect(stored.map((e) => [e.customerId, e.kind, e.channel, e.stepId, e.invoiceIds, e.documentPath])).toEqual([
      ['c1', 'letter', 'formal-notice', 'formal-notice', ['i1'], 'letters/2026/2026-11-23 Mise en demeure - Garage Lefèvre.pdf'],
    ]);
  });

  it('closes the waiting tab when no letter could be written', async () => {
    const tab = { show: vi.fn(), close: vi.fn() };
    const result = await printLetters([{ kind: 'statement', customerId: 'c2' }], records, TODAY, () => 'Relevé', () => undefined, tab);
    expect(result).toMatchObject({ produced: [], printed: false, failed: [{ reason: 'no-address' }] });
    expect(tab.close).toHaveBeenCalledTimes(1);
    expect(tab.show).not.toHaveBeenCalled();
  });
});
