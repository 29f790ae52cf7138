import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMailService, type MailService, type MailServiceOptions } from '../../../src-main/services/mail';
import { createWebPlatform } from '../../../src-main/services/web-platform';
import { EventHub } from '../../../src-main/services/platform';
import { JOURNAL_FILE } from '../../../src-main/services/mail/journal';
import type { MailDraft, SmtpSettings } from '../../../src-main/contract/mail';
import { freePort, startSilentServer, startTestServer, TEST_CERT, type TestServer } from './smtp-test-server';

let dir: string;
let servers: { close(): Promise<void> }[];
let services: MailService[];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'relance-mail-'));
  servers = [];
  services = [];
});
afterEach(async () => {
  for (const service of services) service.stop();
  await Promise.all(servers.map((s) => s.close()));
  await rm(dir, { recursive: true, force: true });
});

async function server(options: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer> {
  const s = await startTestServer(options);
  servers.push(s);
  return s;
}

function settingsFor(port: number, overrides: Partial<SmtpSettings> = {}): SmtpSettings {
  return {
    host: '127.0.0.1',
    port,
    security: 'none',
    user: '',
    senderName: 'Boulangerie Martin',
    senderAddress: 'contact@boulangerie-martin.fr',
    replyTo: null,
    copyToShop: null,
    signature: '',
    ...overrides,
  };
}

async function service(settings: SmtpSettings | null, password?: string, options: MailServiceOptions = {}): Promise<MailService> {
  const platform = createWebPlatform({ dataDir: dir, appVersion: '0.1.0', exportDir: join(dir, 'exports') });
  const mail = await createMailService(platform, new EventHub(), {
    timeouts: { connectionMs: 2_000, greetingMs: 2_000, socketMs: 5_000 },
    ...options,
  });
  services.push(mail);
  if (settings) await mail.handlers['mail.saveSettings']({ ...settings, ...(password ? { password } : {}) });
  return mail;
}

function draft(overrides: Partial<MailDraft> = {}): MailDraft {
  return {
    idempotencyKey: randomUUID(),
    to: [{ name: 'Garage Lefèvre', address: 'compta@garage-lefevre.fr' }],
    subject: 'Facture F-2026-042 échue : 1 234,50 €',
    text: 'Bonjour,\n\nSauf erreur de notre part, la facture F-2026-042 (1 234,50 €) reste impayée.\n\nL’équipe',
    html: '<p>Bonjour,</p><p>La facture <strong>F-2026-042</strong> (1&nbsp;234,50&nbsp;€) reste impayée.</p><p>L’équipe</p>',
    ...overrides,
  };
}

describe('sending through a real SMTP server', () => {
  it('sends a plain message with accents in subject and body, unchanged', async () => {
    const smtp = await server();
    const mail = await service(settingsFor(smtp.port, { replyTo: 'reponse@boulangerie-martin.fr' }));
    const message = draft({ cc: [{ address: 'gerant@garage-lefevre.fr' }] });
    const result = await mail.handlers['mail.send'](message);
    expect(result).toMatchObject({ status: 'sent', accepted: ['compta@garage-lefevre.fr', 'gerant@garage-lefevre.fr'], rejected: [] });
    if (result.status !== 'sent') return;
    expect(result.messageId).toBe(`<relance.${message.idempotencyKey}@boulangerie-martin.fr>`);
    expect(result.response).toContain('250');
    expect(smtp.received).toHaveLength(1);
    const { parsed, envelope } = smtp.received[0]!;
    expect(parsed.subject).toBe(message.subject);
    expect(parsed.text?.trimEnd()).toBe(message.text);
    expect(parsed.html).toBe(message.html);
    expect(parsed.from?.value[0]).toEqual({ name: 'Boulangerie Martin', address: 'contact@boulangerie-martin.fr' });
    expect(parsed.replyTo?.text).toBe('reponse@boulangerie-martin.fr');
    expect(parsed.messageId).toBe(result.messageId);
    expect(envelope.from).toBe('contact@boulangerie-martin.fr');
  });

  it('passes the renderer’s escaped HTML through untouched', async () => {
    const smtp = await server();
    const mail = await service(settingsFor(smtp.port));
    const html = '<p>Bonjour &lt;img src=x onerror=alert(1)&gt;,</p>';
    await mail.handlers['mail.send'](draft({ html, to: [{ name: '<img src=x onerror=alert(1)>', address: 'x@example.fr' }] }));
    expect(smtp.received[0]!.parsed.html).toBe(html);
    expect(smtp.received[0]!.parsed.to && 'value' in smtp.received[0]!.parsed.to ? smtp.received[0]!.parsed.to.value[0]!.name : '').toBe(
      '<img src=x onerror=alert(1)>',
    );
  });

  it('sends attachments byte for byte, an inline image by its cid, and a Bcc to the shop', async () => {
    const smtp = await server();
    const mail = await service(settingsFor(smtp.port, { copyToShop: 'archives@boulangerie-martin.fr' }));
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 31) % 256))]);
    const png = Buffer.from(Array.from({ length: 3_000 }, (_, i) => (i * 7) % 256));
    const result = await mail.handlers['mail.send'](
      draft({
        html: '<p>Payer par virement :</p><img src="cid:qr-sepa@relance">',
        attachments: [
          { fileName: 'Relevé de compte.pdf', contentBase64: pdf.toString('base64'), contentType: 'application/pdf' },
          { fileName: 'qr.png', contentBase64: png.toString('base64'), contentType: 'image/png', cid: 'qr-sepa@relance' },
        ],
      }),
    );
    expect(result.status).toBe('sent');
    const { parsed, envelope } = smtp.received[0]!;
    expect(parsed.attachments).toHaveLength(2);
    // The inline image sits with the HTML (multipart/related), so the order is not the draft's.
    const first = parsed.attachments.find((a) => a.filename === 'Relevé de compte.pdf');
    const second = parsed.attachments.find((a) => a.filename === 'qr.png');
    expect(first!.contentType).toBe('application/pdf');
    expect(Buffer.compare(first!.content, pdf)).toBe(0);
    expect(second!.cid).toBe('qr-sepa@relance');
    expect(Buffer.compare(second!.content, png)).toBe(0);
    // The Bcc is in the envelope, never in the headers the customer sees.
    expect(envelope.to).toContain('archives@boulangerie-martin.fr');
    expect(smtp.received[0]!.raw.toString()).not.toContain('archives@');
  });

  it('authenticates, and names a refused password', async () => {
    const smtp = await server({ users: { 'boulangerie@example.fr': 'bon mot de passe' } });
    const good = await service(settingsFor(smtp.port, { user: 'boulangerie@example.fr' }), 'bon mot de passe');
    expect((await good.handlers['mail.send'](draft())).status).toBe('sent');
    expect(smtp.received[0]!.user).toBe('boulangerie@example.fr');

    await good.handlers['mail.saveSettings']({ ...settingsFor(smtp.port, { user: 'boulangerie@example.fr' }), password: 'mauvais' });
    const refused = await good.handlers['mail.sendTest']({ to: 'moi@example.fr' });
    expect(refused).toMatchObject({ status: 'failed', code: 'auth', permanent: true, responseCode: 535 });
    expect(smtp.received).toHaveLength(1);
  });

  it('upgrades with STARTTLS to a server whose certificate it trusts, and names a certificate it does not', async () => {
    const smtp = await server();
    const trusting = await service(settingsFor(smtp.port, { security: 'starttls', host: 'localhost' }), undefined, { tls: { ca: TEST_CERT } });
    const sent = await trusting.handlers['mail.send'](draft());
    expect(sent.status).toBe('sent');
    expect(smtp.received[0]!.secure).toBe(true);

    trusting.stop();
    const wary = await service(settingsFor(smtp.port, { security: 'starttls', host: 'localhost' }));
    const failed = await wary.handlers['mail.sendTest']({ to: 'moi@example.fr', language: 'en' });
    expect(failed).toMatchObject({ status: 'failed', code: 'tls', permanent: true });
    expect(smtp.received).toHaveLength(1);
  });

  it('sends the test message in French by default', async () => {
    const smtp = await server();
    const mail = await service(settingsFor(smtp.port));
    expect((await mail.handlers['mail.sendTest']({ to: 'moi@example.fr' })).status).toBe('sent');
    expect(smtp.received[0]!.parsed.subject).toBe('Relance : e-mail de test');
  });
});

describe('failures, classified for the renderer’s outbox', () => {
  it('says when nothing is configured, without journaling the key', async () => {
    const mail = await service(null);
    const message = draft();
    expect(await mail.handlers['mail.send'](message)).toMatchObject({ status: 'failed', code: 'not-configured', permanent: true });
    expect(await mail.handlers['mail.status']({ keys: [message.idempotencyKey] })).toEqual({
      keys: [{ key: message.idempotencyKey, state: 'none', result: null, attempts: 0 }],
    });
  });

  it('server down: connection refused (temporary), then sent with the same key once it is back', async () => {
    const port = await freePort();
    const mail = await service(settingsFor(port));
    const message = draft();
    expect(await mail.handlers['mail.send'](message)).toMatchObject({ status: 'failed', code: 'connection-refused', permanent: false });
    const smtp = await server({ port });
    const retried = await mail.handlers['mail.send'](message);
    expect(retried.status).toBe('sent');
    expect(smtp.received).toHaveLength(1);
    const [state] = (await mail.handlers['mail.status']({ keys: [message.idempotencyKey] })).keys;
    expect(state).toMatchObject({ state: 'sent', attempts: 2 });
  });

  it('4xx: temporary, then sent on retry with the same key', async () => {
    const smtp = await server();
    smtp.failNext(451, '4.3.0 Mailbox temporarily unavailable, try again later');
    const mail = await service(settingsFor(smtp.port));
    const message = draft();
    const first = await mail.handlers['mail.send'](message);
    expect(first).toMatchObject({ status: 'failed', code: 'temporary', permanent: false, responseCode: 451 });
    if (first.status === 'failed') expect(first.message).toContain('temporarily unavailable');
    expect((await mail.handlers['mail.send'](message)).status).toBe('sent');
    expect(smtp.received).toHaveLength(1);
  });

  it('5xx: permanent, with the server’s words, and never sent again with that key', async () => {
    const smtp = await server();
    smtp.failNext(554, '5.7.1 Message refused: spam suspected');
    const mail = await service(settingsFor(smtp.port));
    const message = draft();
    const first = await mail.handlers['mail.send'](message);
    expect(first).toMatchObject({ status: 'failed', code: 'refused', permanent: true, responseCode: 554 });
    if (first.status === 'failed') expect(first.message).toContain('spam suspected');
    expect(await mail.handlers['mail.send'](message)).toEqual(first);
    expect(smtp.received).toHaveLength(0);
  });

  it('a refused recipient: bad address, permanent', async () => {
    const smtp = await server({ refuseRecipients: ['inconnu@garage-lefevre.fr'] });
    const mail = await service(settingsFor(smtp.port));
    const result = await mail.handlers['mail.send'](draft({ to: [{ address: 'inconnu@garage-lefevre.fr' }] }));
    expect(result).toMatchObject({ status: 'failed', code: 'bad-address', permanent: true, responseCode: 550 });
  });

  it('a server that never answers: timeout, temporary', async () => {
    const silent = await startSilentServer();
    servers.push(silent);
    const mail = await service(settingsFor(silent.port), undefined, { timeouts: { connectionMs: 500, greetingMs: 500, socketMs: 500 } });
    expect(await mail.handlers['mail.sendTest']({ to: 'moi@example.fr' })).toMatchObject({ status: 'failed', code: 'timeout', permanent: false });
  });

  it('a slow server, answering within the time allowed: sent once, not a failure', async () => {
    const smtp = await server({ answerDelayMs: 1_500 });
    const mail = await service(settingsFor(smtp.port));
    const message = draft();
    expect((await mail.handlers['mail.send'](message)).status).toBe('sent');
    expect(await mail.handlers['mail.send'](message)).toMatchObject({ status: 'sent' });
    expect(smtp.received).toHaveLength(1);
  });

  it('a server too slow to confirm a message it has: a retry with the same key never makes a second copy', async () => {
    const smtp = await server({ answerDelayMs: 1_500 });
    const mail = await service(settingsFor(smtp.port), undefined, { timeouts: { connectionMs: 2_000, greetingMs: 2_000, socketMs: 500 } });
    const message = draft();
    const first = await mail.handlers['mail.send'](message);
    await new Promise((resolve) => setTimeout(resolve, 1_700)); // the server has the message by now
    expect(smtp.received).toHaveLength(1);
    // The outcome is unknown (it used to be a temporary timeout, and the retry made a second copy).
    expect(first).toMatchObject({ status: 'needs-attention', code: 'interrupted' });
    // Asked again with the same key, the journal answers: nothing is sent twice.
    expect(await mail.handlers['mail.send'](message)).toMatchObject({ status: 'needs-attention', code: 'interrupted' });
    await new Promise((resolve) => setTimeout(resolve, 1_700));
    expect(smtp.received).toHaveLength(1);
  });

  it('an unknown host', async () => {
    const mail = await service(settingsFor(25, { host: 'smtp.nonexistent.invalid' }));
    expect(await mail.handlers['mail.sendTest']({ to: 'moi@example.fr' })).toMatchObject({ status: 'failed', code: 'unknown-host', permanent: false });
  });
});

describe('the outbox journal: exactly once', () => {
  it('the same key sent twice, one after the other or at once: one message received', async () => {
    const smtp = await server();
    const mail = await service(settingsFor(smtp.port));
    const message = draft();
    const [a, b] = await Promise.all([mail.handlers['mail.send'](message), mail.handlers['mail.send'](message)]);
    expect(a.status).toBe('sent');
    expect(b).toEqual(a);
    expect(await mail.handlers['mail.send'](message)).toEqual(a);
    expect(smtp.received).toHaveLength(1);
  });

  it('answers a key sent before a restart from the journal, without sending again', async () => {
    const smtp = await server();
    const before = await service(settingsFor(smtp.port));
    const message = draft();
    const sent = await before.handlers['mail.send'](message);
    before.stop();
    const after = await service(null);
    expect(await after.handlers['mail.send'](message)).toEqual(sent);
    expect(smtp.received).toHaveLength(1);
    const lines = (await readFile(join(dir, JOURNAL_FILE), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { key: string; event: string });
    expect(lines.map((l) => l.event)).toEqual(['handed', 'sent']);
    expect(lines.every((l) => l.key === message.idempotencyKey)).toBe(true);
  });

  it('a crash between handed and the result: interrupted, needs attention, never resent', async () => {
    const smtp = await server();
    const message = draft();
    // What a process killed during the send leaves behind, with a torn last line.
    await appendFile(
      join(dir, JOURNAL_FILE),
      `${JSON.stringify({ key: message.idempotencyKey, event: 'handed', at: '2026-11-23T09:00:00.000Z' })}\n{"key":"abc`,
    );
    const mail = await service(settingsFor(smtp.port));
    const result = await mail.handlers['mail.send'](message);
    expect(result).toMatchObject({ status: 'needs-attention', code: 'interrupted', at: '2026-11-23T09:00:00.000Z' });
    expect(await mail.handlers['mail.send'](message)).toEqual(result);
    expect(smtp.received).toHaveLength(0);
    const { keys } = await mail.handlers['mail.status']({ keys: [message.idempotencyKey, 'never-seen-key'] });
    expect(keys).toEqual([
      { key: message.idempotencyKey, state: 'needs-attention', result, attempts: 1 },
      { key: 'never-seen-key', state: 'none', result: null, attempts: 0 },
    ]);
    // The journal stays readable after the torn line: a new key is sent and journaled.
    expect((await mail.handlers['mail.send'](draft())).status).toBe('sent');
    mail.stop();
    const again = await service(null);
    const lines = (await readFile(join(dir, JOURNAL_FILE), 'utf8')).split('\n').filter(Boolean);
    expect(lines.filter((l) => l.includes('"event":"sent"'))).toHaveLength(1);
    expect((await again.handlers['mail.status']({ keys: [message.idempotencyKey] })).keys[0]!.state).toBe('needs-attention');
  });
});
