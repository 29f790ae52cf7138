import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshDatabasesFor } from '../db/helpers';
import { startWebHost, type WebHost } from '../../../src-main/web-host';
import { createWebPlatform } from '../../../src-main/services/web-platform';
import { buildBridge } from '../../../src-main/preload/bridge';
import { createHttpTransport } from '../../../src-renderer/os/http-transport';
import type { RelanceBridge } from '../../../src-main/contract/methods';
import { claimForSending, queueEmail } from '../../../src-renderer/db/outbox-repo';
import type { StepAction } from '../../../src-renderer/domain/planner';
import type { RelanceDatabase } from '../../../src-renderer/db/database';
import { attachmentsFor, QR_CID } from '../../../src-renderer/features/mail/attachments';
import { OutboxDriver } from '../../../src-renderer/features/mail/outbox-driver';
import { epcQrPayload } from '../../../src-renderer/domain/epc-qr';
import { freePort, startTestServer, type TestServer } from './smtp-test-server';
import { aCustomer, anInvoice } from '../domain/builders';
import { draftReminder, htmlAfterEdit } from '../../../src-renderer/domain/reminder-draft';
import { draftLetterCopy, letterDeadline } from '../../../src-renderer/domain/letter-copy';
import { recordLetter } from '../../../src-renderer/db/letters-repo';
import { buildLetterInput, letterArchiveName, type LetterRequest } from '../../../src-renderer/domain/letter-input';
import type { Contact, Invoice } from '../../../src-renderer/domain/model';
import { KNOWN_RATES } from '../../../src-renderer/domain/rates';
import { HAS_PDFTOTEXT, pdfPages } from '../letters/fixtures';
import { readFile } from 'node:fs/promises';

/**
 * The renderer's outbox driven against the real web host (the same dispatcher and mail service as
 * Electron) and a real SMTP server on 127.0.0.1: what arrives, how often, and what the rows say.
 */
const database = freshDatabasesFor('outbox-driver');

let dir: string;
let host: WebHost;
let bridge: RelanceBridge;
let smtp: TestServer | undefined;
let clock = Date.parse('2026-11-23T09:00:00.000Z');
const now = () => new Date(clock).toISOString();
const drivers: OutboxDriver[] = [];

async function configure(port: number) {
  await bridge.mail.saveSettings({
    host: '127.0.0.1',
    port,
    security: 'none',
    user: '',
    senderName: 'Boulangerie Martin',
    senderAddress: 'contact@boulangerie-martin.fr',
    replyTo: null,
    copyToShop: null,
    signature: '',
  });
}

/** A driver wired as the app wires it (features/mail/mail-runtime.ts), archived letters readable. */
function driverFor(db: RelanceDatabase): OutboxDriver {
  const driver = new OutboxDriver({ db, transport: bridge.mail, attachments: (m) => attachmentsFor(db, m, bridge.letters.readArchived), now, recheckMs: 3_600_000 });
  drivers.push(driver);
  return driver;
}

function action(customerId: string, invoiceId: string): StepAction {
  return {
    kind: 'step',
    key: `${customerId}|email|first-reminder|${invoiceId}`,
    customerId,
    customerName: customerId,
    invoiceIds: [invoiceId],
    dueSince: '2026-11-20',
    channel: 'email',
    tone: 'friendly',
    templateId: 'first-reminder',
    policyId: 'default',
    stepId: 'first-reminder',
    stepIndex: 1,
    automatic: false,
    newDeadline: '2026-12-01',
    reasons: [{ invoiceId, number: `F-${invoiceId}`, daysLate: 3, dueDate: '2026-11-20', balanceCents: 12_000, stepNumber: 2, stepCount: 6, policyId: 'default', policyName: 'Standard', stepId: 'first-reminder', cause: 'due' }],
  };
}

const QR = epcQrPayload({ name: 'Boulangerie Martin', iban: 'FR7630006000011234567890189', amountCents: 12_000, remittance: 'F-1' });

async function queue(db: RelanceDatabase, customerId: string, invoiceId: string, to = `${customerId}@client.fr`) {
  return queueEmail(
    db,
    action(customerId, invoiceId),
    { to: { name: 'Élodie Müller', address: to }, subject: `Facture F-${invoiceId} : montant dû`, text: 'Bonjour Élodie,\nmontant dû : 120,00 €', html: '<p>Bonjour Élodie,<br>montant dû : 120,00 €</p><p><img src="cid:sepa-qr@relance" alt="QR"></p>', qrPayload: QR, pdfInvoiceIds: [] },
    'today',
    now(),
  );
}

const LETTER_DAY = '2026-11-23';
const LETTER_SHOP = { name: 'Boulangerie Éclair', address: { lines: ['12 rue des Lilas'], postcode: '69003', city: 'Lyon', country: 'FR' }, iban: 'FR7630006000011234567890189' };

/**
 * A letter to Garage Lefèvre (customer c1, its one contact given) as main archives it: built from the
 * ledger on `LETTER_DAY`, rendered once and stored under data/. Returns the archive's id, pages and file
 * name, and its bytes on disk to compare with what arrives.
 */
async function archivedLetter(request: Pick<LetterRequest, 'kind' | 'deadlineDays'>, kindTitle: string, contact: Contact, invoices: Invoice[]) {
  const customer = aCustomer('c1', { name: 'Garage Lefèvre', address: { lines: ['3 rue Garibaldi'], postcode: '69006', city: 'Lyon', country: 'FR' }, contacts: [contact] });
  const letter = buildLetterInput({ ...request, customer, invoices, payments: [], shop: LETTER_SHOP, today: LETTER_DAY, rates: KNOWN_RATES });
  const { id, pages } = await bridge.letters.archive({ letter, name: letterArchiveName(letter, kindTitle) });
  const archived = await readFile(join(dir, 'data', ...id.split('/')));
  return { customer, letter, id, pages, fileName: id.slice(id.lastIndexOf('/') + 1), archived };
}

/** The first attempt is refused for a while (4xx); the retry a minute later, under the same key, goes through. */
async function sendAfterOneRefusal(db: RelanceDatabase, messageId: string) {
  smtp!.failNext(451, '4.3.0 Mailbox busy, try later');
  const driver = driverFor(db);
  await driver.start();
  expect((await db.interactions.get(messageId))!.status).toBe('retrying');
  clock += 61_000;
  await driver.kick();
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'relance-outbox-'));
  host = await startWebHost({ platform: createWebPlatform({ dataDir: join(dir, 'data'), appVersion: '0.1.0', exportDir: join(dir, 'exports') }), rendererDir: join(dir, 'renderer') });
  bridge = buildBridge(createHttpTransport({ baseUrl: host.url, token: host.token })) as RelanceBridge;
  clock = Date.parse('2026-11-23T09:00:00.000Z');
});

afterEach(async () => {
  for (const driver of drivers.splice(0)) driver.stop();
  await smtp?.close();
  smtp = undefined;
  await host.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the outbox against the web host and an SMTP server', () => {
  it('sends each queued email once, with the SEPA QR code inline, and keeps the server message id', async () => {
    smtp = await startTestServer();
    await configure(smtp.port);
    const db = await database();
    const first = await queue(db, 'c1', 'i1');
    const second = await queue(db, 'c2', 'i2');
    const driver = driverFor(db);
    await driver.start();
    await driver.kick();
    expect(smtp.received.map((m) => m.envelope.to).sort()).toEqual([['c1@client.fr'], ['c2@client.fr']]);
    const parsed = smtp.received.find((m) => m.envelope.to[0] === 'c1@client.fr')!.parsed;
    expect(parsed.subject).toBe('Facture F-i1 : montant dû');
    expect(parsed.text).toContain('Bonjour Élodie');
    const qr = parsed.attachments.find((a) => a.cid === QR_CID);
    expect(qr?.contentType).toBe('image/png');
    expect(qr?.content.subarray(1, 4).toString()).toBe('PNG');
    const row = (await db.interactions.get(first.id))!;
    expect(row.status).toBe('sent');
    expect(row.details?.serverMessageId).toBe(parsed.messageId);
    expect(String(row.details?.serverMessageId)).toContain(first.idempotencyKey);
    expect((await db.interactions.get(second.id))!.status).toBe('sent');
  });

  it('retries while the server is down (1 min, then 5 min) and sends once it is back', async () => {
    const port = await freePort();
    await configure(port);
    const db = await database();
    const message = await queue(db, 'c1', 'i1');
    const driver = driverFor(db);
    await driver.start();
    let row = (await db.interactions.get(message.id))!;
    expect(row).toMatchObject({ status: 'retrying', details: { lastErrorCode: 'connection-refused', nextAttemptAt: '2026-11-23T09:01:00.000Z', attempts: 1 } });
    clock += 30_000;
    await driver.kick();
    expect((await db.interactions.get(message.id))!.details?.attempts).toBe(1);
    clock += 30_000;
    await driver.kick();
    expect((await db.interactions.get(message.id))!.details).toMatchObject({ attempts: 2, nextAttemptAt: '2026-11-23T09:06:00.000Z' });
    smtp = await startTestServer({ port });
    clock += 5 * 60_000;
    await driver.kick();
    row = (await db.interactions.get(message.id))!;
    expect(row).toMatchObject({ status: 'sent', details: { attempts: 3 } });
    expect(smtp.received).toHaveLength(1);
  });

  it('a 4xx is retried with the same key and goes once; a 5xx needs attention at once and is not retried', async () => {
    smtp = await startTestServer();
    await configure(smtp.port);
    const db = await database();
    const message = await queue(db, 'c1', 'i1');
    smtp.failNext(451, '4.3.0 Mailbox busy, try later');
    const driver = driverFor(db);
    await driver.start();
    expect((await db.interactions.get(message.id))!).toMatchObject({ status: 'retrying', details: { lastError: expect.stringContaining('Mailbox busy') } });
    clock += 60_000;
    await driver.kick();
    expect((await db.interactions.get(message.id))!.status).toBe('sent');
    expect(smtp.received).toHaveLength(1);

    const refused = await queue(db, 'c2', 'i2');
    smtp.failNext(554, '5.7.1 Message refused as spam');
    await driver.kick();
    clock += 3 * 60 * 60_000;
    await driver.kick();
    expect((await db.interactions.get(refused.id))!).toMatchObject({ status: 'failed', details: { lastErrorCode: 'refused', lastError: expect.stringContaining('refused as spam'), attempts: 1 } });
    expect(smtp.received).toHaveLength(1);
  });

  it('after a restart, a message left sending is sent once: by the journal when main had sent it, else again with its key', async () => {
    smtp = await startTestServer();
    await configure(smtp.port);
    const db = await database();
    // The renderer died after main sent it, before it recorded the answer.
    const handed = await queue(db, 'c1', 'i1');
    await claimForSending(db, handed.id, now());
    await bridge.mail.send({ idempotencyKey: handed.idempotencyKey!, to: [{ address: 'c1@client.fr' }], subject: handed.subject!, text: handed.body!, html: '<p>x</p>' });
    // The renderer died after claiming, before asking main.
    const claimed = await queue(db, 'c2', 'i2');
    await claimForSending(db, claimed.id, now());
    expect(smtp.received).toHaveLength(1);

    await driverFor(db).start();
    expect(smtp.received.map((m) => m.envelope.to[0]).sort()).toEqual(['c1@client.fr', 'c2@client.fr']);
    expect((await db.interactions.get(handed.id))!).toMatchObject({ status: 'sent', details: { serverMessageId: smtp.received[0]!.parsed.messageId } });
    expect((await db.interactions.get(claimed.id))!.status).toBe('sent');
  });

  it('an answer lost on the way back (the host stopped after sending) leaves the row sending, then the journal says sent: one message', async () => {
    smtp = await startTestServer();
    await configure(smtp.port);
    const db = await database();
    const message = await queue(db, 'c1', 'i1');
    let loseAnswers = true;
    const transport = {
      send: async (draft: Parameters<RelanceBridge['mail']['send']>[0]) => {
        const result = await bridge.mail.send(draft);
        if (loseAnswers) throw new TypeError('fetch failed');
        return result;
      },
      status: bridge.mail.status,
    };
    const driver = new OutboxDriver({ db, transport, attachments: (m) => attachmentsFor(db, m), now, recheckMs: 3_600_000 });
    drivers.push(driver);
    await driver.start();
    expect((await db.interactions.get(message.id))!.status).toBe('sending');
    loseAnswers = false;
    await driver.kick();
    expect((await db.interactions.get(message.id))!).toMatchObject({ status: 'sent', details: { attempts: 1 } });
    expect(smtp.received).toHaveLength(1);
  });

  it('attaches the stored invoice PDF byte for byte', async () => {
    smtp = await startTestServer();
    await configure(smtp.port);
    const db = await database();
    const pdf = new Uint8Array(4096).map((_, i) => (i * 37) % 256);
    await db.invoices.put({ ...anInvoice('i1', 'c1', '2026-11-20', { number: 'F-2026-0042' }), pdf: new Blob([pdf], { type: 'application/pdf' }) });
    await queueEmail(db, action('c1', 'i1'), { to: { address: 'c1@client.fr' }, subject: 'Facture F-2026-0042', text: 'Bonjour', html: '<p>Bonjour</p>', pdfInvoiceIds: ['i1'] }, 'today', now());
    await driverFor(db).start();
    const [attachment] = smtp.received[0]!.parsed.attachments;
    expect(attachment?.filename).toBe('facture-F-2026-0042.pdf');
    expect(attachment?.contentType).toBe('application/pdf');
    expect(Buffer.compare(attachment!.content, Buffer.from(pdf))).toBe(0);
  });

  it.skipIf(!HAS_PDFTOTEXT)('a firm email carries the statement of account rendered once: the archived PDF arrives byte for byte at every attempt of its key', async () => {
    smtp = await startTestServer();
    await configure(smtp.port);
    const db = await database();
    // The statement, built from the ledger as Today builds it, rendered and archived by main once.
    const invoices = [
      anInvoice('i1', 'c1', '2026-10-20', { number: 'F-2026-0042', totalCents: 123_450 }),
      anInvoice('i2', 'c1', '2026-12-15', { number: 'F-2026-0077', totalCents: 8_000 }),
    ];
    const { id, fileName, archived } = await archivedLetter({ kind: 'statement' }, 'Relevé de compte', { id: 'k', name: 'Élodie Müller', email: 'c1@client.fr' }, invoices);
    const message = await queueEmail(
      db,
      { ...action('c1', 'i1'), tone: 'firm', stepId: 'second-reminder', templateId: 'second-reminder' },
      { to: { address: 'c1@client.fr' }, subject: 'Relevé de compte', text: 'Bonjour', html: '<p>Bonjour</p>', pdfInvoiceIds: [], letter: { archiveId: id, fileName } },
      'today',
      now(),
    );
    expect((await db.interactions.get(message.id))!.documentPath).toBe(id);
    // The retry, under the same key, carries the same bytes.
    await sendAfterOneRefusal(db, message.id);
    expect((await db.interactions.get(message.id))!.status).toBe('sent');
    expect(smtp.received).toHaveLength(1);
    const attachment = smtp.received[0]!.parsed.attachments.find((a) => a.contentType === 'application/pdf');
    expect(attachment?.filename).toBe('2026-11-23 Relevé de compte - Garage Lefèvre.pdf');
    expect(Buffer.compare(attachment!.content, archived)).toBe(0);
    const text = pdfPages(new Uint8Array(attachment!.content)).join('\n');
    expect(text).toContain('F-2026-0042');
    expect(text).toContain('F-2026-0077');
    expect(text).toMatch(/1\s234,50\s€/u);
    expect(text).toContain('Garage Lefèvre');
  });

  it.skipIf(!HAS_PDFTOTEXT)('a formal notice also sent by email: its copy, queued with the letter, arrives once with the archived PDF byte for byte after a retry', async () => {
    smtp = await startTestServer();
    await configure(smtp.port);
    const db = await database();
    const invoices = [anInvoice('i1', 'c1', '2026-10-01', { number: 'F-2026-0042', totalCents: 123_450 }), anInvoice('i2', 'c1', '2026-10-10', { number: 'F-2026-0051', totalCents: 8_000 })];
    // The letter as "print today's letters" produces it: built from the ledger, archived once by main.
    const contact = { id: 'k', name: 'Élodie Müller', civility: 'madame' as const, email: 'elodie@garage-lefevre.fr' };
    const { customer, letter: notice, id, pages, fileName, archived } = await archivedLetter({ kind: 'formal-notice', deadlineDays: 8 }, 'Mise en demeure', contact, invoices);
    // Its covering email, recorded with the letter in one transaction (letters-repo.ts).
    const deadline = letterDeadline(LETTER_DAY, 8);
    const draft = draftLetterCopy({ letter: { invoiceIds: ['i1', 'i2'], deadline }, customer, invoices, shop: LETTER_SHOP, today: LETTER_DAY }, QR_CID);
    const email = { to: { name: 'Élodie Müller', address: draft.contact!.email! }, subject: draft.subject, text: draft.text, html: htmlAfterEdit(draft, draft.text, QR_CID), qrPayload: draft.qrPayload!, pdfInvoiceIds: [] };
    const letter = { customerId: 'c1', kind: 'formal-notice' as const, subject: notice.subject, invoiceIds: ['i1', 'i2'], archiveId: id, pages, amountCents: 131_450, source: 'letters' as const, deadline };
    await recordLetter(db, letter, now(), undefined, { fileName, source: 'letters', draft: email });
    const message = (await db.interactions.toArray()).find((row) => row.kind === 'reminder')!;

    await sendAfterOneRefusal(db, message.id);
    expect((await db.interactions.get(message.id))!).toMatchObject({ status: 'sent', idempotencyKey: message.idempotencyKey });
    expect(smtp.received).toHaveLength(1);

    const { parsed, envelope } = smtp.received[0]!;
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

  it('a draft from the template arrives with accents intact and a hostile customer name escaped in the HTML', async () => {
    smtp = await startTestServer();
    await configure(smtp.port);
    const db = await database();
    const hostile = '<img src=x onerror=alert(1)>';
    const invoice = anInvoice('i1', 'c1', '2026-11-20', { number: 'F-2026-0042', totalCents: 12_050 });
    const customer = aCustomer('c1', { name: hostile, contacts: [{ id: 'k', name: hostile, email: 'c1@client.fr' }] });
    const shop = { name: 'Boulangerie Éclair', address: { lines: [], postcode: '69003', city: 'Lyon', country: 'FR' }, iban: 'FR7630006000011234567890189' };
    const draft = draftReminder({ action: action('c1', 'i1'), customer, invoices: [invoice], shop, today: '2026-11-23' }, QR_CID);
    await queueEmail(db, action('c1', 'i1'), { to: { name: hostile, address: draft.contact!.email! }, subject: draft.subject, text: draft.text, html: draft.html, qrPayload: draft.qrPayload!, pdfInvoiceIds: [] }, 'today', now());
    await driverFor(db).start();
    const { parsed } = smtp.received[0]!;
    expect(parsed.subject).toBe(draft.subject);
    expect(parsed.text).toContain(`Bonjour ${hostile},`);
    expect(parsed.text).toContain('Boulangerie Éclair');
    expect(parsed.html).not.toContain('<img src=x');
    expect(parsed.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    // mailparser puts the inline image found by its cid into the HTML.
    expect(parsed.html).toContain('src="data:image/png;base64,');
    expect(parsed.attachments.map((a) => a.cid)).toEqual([QR_CID]);
  });

  it('a refused recipient needs attention with the server words', async () => {
    smtp = await startTestServer({ refuseRecipients: ['nobody@client.fr'] });
    await configure(smtp.port);
    const db = await database();
    const message = await queue(db, 'c1', 'i1', 'nobody@client.fr');
    await driverFor(db).start();
    expect((await db.interactions.get(message.id))!).toMatchObject({ status: 'failed', details: { lastErrorCode: 'bad-address', lastError: expect.stringContaining('User unknown') } });
    expect(smtp.received).toHaveLength(0);
  });
});
