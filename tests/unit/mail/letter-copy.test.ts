import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshDatabasesFor } from '../db/helpers';
import { startWebHost, type WebHost } from '../../../src-main/web-host';
import { createWebPlatform } from '../../../src-main/services/web-platform';
import { buildBridge } from '../../../src-main/preload/bridge';
import { createHttpTransport } from '../../../src-renderer/os/http-transport';
import type { RelanceBridge } from '../../../src-main/contract/methods';
import { recordLetter } from '../../../src-renderer/db/letters-repo';
import { attachmentsFor, QR_CID } from '../../../src-renderer/features/mail/attachments';
import { OutboxDriver } from '../../../src-renderer/features/mail/outbox-driver';
import { buildLetterInput, letterArchiveName } from '../../../src-renderer/domain/letter-input';
import { draftLetterCopy, letterDeadline } from '../../../src-renderer/domain/letter-copy';
import { htmlAfterEdit } from '../../../src-renderer/domain/reminder-draft';
import { KNOWN_RATES } from '../../../src-renderer/domain/rates';
import { HAS_PDFTOTEXT, pdfPages } from '../letters/fixtures';
import { aCustomer, anInvoice } from '../domain/builders';
import { startTestServer, type TestServer } from './smtp-test-server';

/**
 * A letter's copy by email, end to end below the screens: the formal notice built from the ledger and
 * archived by main (the web host: same dispatcher and services as Electron), recorded with its copy
 * queued in one transaction, then sent by the outbox driver to a real SMTP server on 127.0.0.1. What
 * arrives is read back with mailparser and the PDF with pdftotext.
 */
const database = freshDatabasesFor('letter-copy-mail');

let dir: string;
let host: WebHost;
let bridge: RelanceBridge;
let smtp: TestServer | undefined;
let clock = Date.parse('2026-11-23T09:00:00.000Z');
const now = () => new Date(clock).toISOString();
const drivers: OutboxDriver[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'relance-letter-copy-'));
  host = await startWebHost({ platform: createWebPlatform({ dataDir: join(dir, 'data'), appVersion: '0.1.0', exportDir: join(dir, 'exports') }), rendererDir: join(dir, 'renderer') });
  bridge = buildBridge(createHttpTransport({ baseUrl: host.url, token: host.token })) as RelanceBridge;
  clock = Date.parse('2026-11-23T09:00:00.000Z');
  smtp = await startTestServer();
  await bridge.mail.saveSettings({
    host: '127.0.0.1',
    port: smtp.port,
    security: 'none',
    user: '',
    senderName: 'Boulangerie Éclair',
    senderAddress: 'contact@boulangerie-eclair.fr',
    replyTo: null,
    copyToShop: null,
    signature: '',
  });
});

afterEach(async () => {
  for (const driver of drivers.splice(0)) driver.stop();
  await smtp?.close();
  smtp = undefined;
  await host.close();
  await rm(dir, { recursive: true, force: true });
});

const TODAY = '2026-11-23';
const shop = { name: 'Boulangerie Éclair', address: { lines: ['12 rue des Lilas'], postcode: '69003', city: 'Lyon', country: 'FR' }, iban: 'FR7630006000011234567890189' };
const customer = aCustomer('c1', {
  name: 'Garage Lefèvre',
  address: { lines: ['3 rue Garibaldi'], postcode: '69006', city: 'Lyon', country: 'FR' },
  contacts: [{ id: 'k', name: 'Élodie Müller', civility: 'madame', email: 'elodie@garage-lefevre.fr' }],
});
const invoices = [
  anInvoice('i1', 'c1', '2026-10-01', { number: 'F-2026-0042', totalCents: 123_450 }),
  anInvoice('i2', 'c1', '2026-10-10', { number: 'F-2026-0051', totalCents: 8_000 }),
];

describe('a formal notice also sent by email', () => {
  it.skipIf(!HAS_PDFTOTEXT)('arrives once with the archived PDF byte for byte, after a refused first attempt retried under the same key', async () => {
    const db = await database();
    // The letter, as "print today's letters" produces it: built from the ledger, archived once by main.
    const notice = buildLetterInput({ kind: 'formal-notice', customer, invoices, payments: [], shop, today: TODAY, rates: KNOWN_RATES, deadlineDays: 8 });
    const { id, pages } = await bridge.letters.archive({ letter: notice, name: letterArchiveName(notice, 'Mise en demeure') });
    const archived = await readFile(join(dir, 'data', ...id.split('/')));
    // Its covering email, drafted as the Courriers screen drafts it, queued in the letter's own transaction.
    const draft = draftLetterCopy({ letter: { invoiceIds: ['i1', 'i2'], deadline: letterDeadline(TODAY, 8) }, customer, invoices, shop, today: TODAY }, QR_CID);
    const fileName = id.slice(id.lastIndexOf('/') + 1);
    await recordLetter(
      db,
      { customerId: 'c1', kind: 'formal-notice', subject: notice.subject, invoiceIds: ['i1', 'i2'], archiveId: id, pages, amountCents: 131_450, source: 'letters', deadline: letterDeadline(TODAY, 8) },
      now(),
      undefined,
      {
        fileName,
        source: 'letters',
        draft: { to: { name: 'Élodie Müller', address: draft.contact!.email! }, subject: draft.subject, text: draft.text, html: htmlAfterEdit(draft, draft.text, QR_CID), qrPayload: draft.qrPayload!, pdfInvoiceIds: [] },
      },
    );
    const message = (await db.interactions.toArray()).find((row) => row.kind === 'reminder')!;

    smtp!.failNext(451, '4.3.0 Mailbox busy, try later');
    const driver = new OutboxDriver({ db, transport: bridge.mail, attachments: (m) => attachmentsFor(db, m, bridge.letters.readArchived), now, recheckMs: 3_600_000 });
    drivers.push(driver);
    await driver.start();
    expect((await db.interactions.get(message.id))!.status).toBe('retrying');
    clock += 61_000;
    await driver.kick();
    await driver.kick();
    expect((await db.interactions.get(message.id))!).toMatchObject({ status: 'sent', idempotencyKey: message.idempotencyKey });
    expect(smtp!.received).toHaveLength(1);

    const { parsed, envelope } = smtp!.received[0]!;
    expect(envelope.to).toEqual(['elodie@garage-lefevre.fr']);
    expect(parsed.subject).toMatch(/^Copie de notre courrier : montant dû de 1\s314,50\s€ \(réf\. F-2026-0042, F-2026-0051\)$/u);
    expect(parsed.text).toContain('Bonjour Madame Müller,');
    expect(parsed.text).toContain('Veuillez trouver ci-joint copie du courrier que nous vous adressons par voie postale');
    expect(parsed.attachments.map((a) => a.cid ?? a.filename).sort()).toEqual([fileName, QR_CID].sort());
    const pdf = parsed.attachments.find((a) => a.contentType === 'application/pdf')!;
    expect(pdf.filename).toBe('2026-11-23 Mise en demeure - Garage Lefèvre.pdf');
    expect(Buffer.compare(pdf.content, archived)).toBe(0);
    const text = pdfPages(new Uint8Array(pdf.content)).join('\n');
    expect(text).toContain('Garage Lefèvre');
    expect(text).toContain('F-2026-0042');
    expect(text).toContain('F-2026-0051');
    expect(text).toMatch(/1\s234,50\s€/u);
    expect(text).toMatch(/mise en demeure/i);
  });
});
