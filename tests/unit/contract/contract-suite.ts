import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { RelanceBridge } from '../../../src-main/contract/methods';
import type { Transport } from '../../../src-main/preload/bridge';

/**
 * One suite, run against both transports (Electron IPC through the real preload, and HTTP through
 * the real web host): whatever the renderer does must behave the same in both.
 */
export interface ContractHarness {
  bridge: RelanceBridge;
  transport: Transport;
  expectedShell: 'electron' | 'web';
  teardown(): Promise<void>;
}

function errorOf(promise: Promise<unknown>): Promise<Error & { code?: string; issues?: { path: string; message: string }[] }> {
  return promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => error as Error & { code?: string },
  );
}

export function defineContractSuite(name: string, setup: () => Promise<ContractHarness>): void {
  describe(`contract over ${name}`, () => {
    it('answers app.info with the shell it runs in', async () => {
      const h = await setup();
      try {
        const info = await h.bridge.app.info({});
        expect(info.name).toBe('Relance');
        expect(info.shell).toBe(h.expectedShell);
        expect(info.version).toMatch(/^\d+\.\d+\.\d+/);
      } finally {
        await h.teardown();
      }
    });

    it('refuses an unknown method with a clear message', async () => {
      const h = await setup();
      try {
        const error = await errorOf(h.transport.call('db.dropEverything' as never, {}));
        expect(error.code).toBe('unknown-method');
        expect(error.message).toContain('db.dropEverything');
      } finally {
        await h.teardown();
      }
    });

    it.each([
      ['notify.show', { title: '', body: 'x' }, 'title'],
      ['notify.show', { title: 'ok', body: 'x', extra: 1 }, '(arguments)'],
      ['files.saveAs', { suggestedName: '../../etc/passwd', contentBase64: 'AA==', mimeType: 'text/plain' }, 'suggestedName'],
      ['files.saveAs', { suggestedName: 'a.csv', contentBase64: 'not base64!', mimeType: 'text/csv' }, 'contentBase64'],
      ['scheduler.setNextWake', { at: 'tomorrow' }, 'at'],
      ['app.setLanguage', { language: 'de' }, 'language'],
      ['app.info', 'not an object', '(arguments)'],
      ['app.setBackgroundMode', { keepRunningInTray: 'yes', launchAtLogin: false }, 'keepRunningInTray'],
      ['app.setBackgroundMode', { keepRunningInTray: true }, 'launchAtLogin'],
      ['app.setBackgroundMode', { keepRunningInTray: true, launchAtLogin: false, hidden: true }, '(arguments)'],
    ])('refuses %s with %j, naming %s', async (method, args, field) => {
      const h = await setup();
      try {
        const error = await errorOf(h.transport.call(method as never, args));
        expect(error.code).toBe('invalid-arguments');
        expect(error.message).toContain(method);
        expect(error.issues?.map((i) => i.path)).toContain(field);
      } finally {
        await h.teardown();
      }
    });

    it('saves a file byte for byte where the platform says', async () => {
      const h = await setup();
      try {
        const bytes = Buffer.from('N° facture;Montant\nF-1;1 234,50 €\n', 'utf8');
        const result = await h.bridge.files.saveAs({
          suggestedName: 'relevé.csv',
          contentBase64: bytes.toString('base64'),
          mimeType: 'text/csv',
        });
        expect(result.status).toBe('saved');
        if (result.status !== 'saved') return;
        expect(result.bytes).toBe(bytes.length);
        expect(await readFile(result.path)).toEqual(bytes);
      } finally {
        await h.teardown();
      }
    });

    it('lets allowed links out and refuses the others', async () => {
      const h = await setup();
      try {
        for (const url of ['https://wa.me/33612345678?text=Bonjour', 'mailto:compta@example.fr', 'tel:+33612345678', 'sms:+33612345678']) {
          const result = await h.bridge.shell.openExternal({ url });
          expect(['opened', 'open-in-renderer']).toContain(result.status);
        }
        for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'http://example.com', 'ms-msdt:/id']) {
          const error = await errorOf(h.bridge.shell.openExternal({ url }));
          expect(error.code).toBe('not-allowed');
        }
      } finally {
        await h.teardown();
      }
    });

    it('keeps the next wake-up and wakes the renderer with an event', async () => {
      const h = await setup();
      try {
        const woken = new Promise<{ cause: string; reason: string | null }>((resolve) => {
          const off = h.bridge.on('scheduler.wake', (payload) => {
            off();
            resolve(payload);
          });
        });
        // Give the event stream a moment to connect before the timer fires.
        await new Promise((resolve) => setTimeout(resolve, 150));
        const at = new Date(Date.now() + 300).toISOString();
        const set = await h.bridge.scheduler.setNextWake({ at, reason: '3 relances' });
        expect(set.nextWakeAt).toBe(at);
        expect(await h.bridge.scheduler.getNextWake({})).toEqual({ nextWakeAt: at, reason: '3 relances' });
        const payload = await woken;
        expect(payload).toMatchObject({ cause: 'timer', reason: '3 relances' });
        expect((await h.bridge.scheduler.getNextWake({})).nextWakeAt).toBeNull();
      } finally {
        await h.teardown();
      }
    });

    it('opens a PDF with the system viewer where there is one, and lets the browser show it otherwise', async () => {
      const h = await setup();
      try {
        const pdf = Buffer.from('%PDF-1.7\n%âãÏÓ\n', 'latin1');
        const result = await h.bridge.files.openDocument({ fileName: 'F-2026-0042.pdf', contentBase64: pdf.toString('base64'), mimeType: 'application/pdf' });
        if (h.expectedShell === 'electron') {
          expect(result.status).toBe('opened');
          if (result.status === 'opened') expect(await readFile(result.path)).toEqual(pdf);
        } else {
          expect(result).toEqual({ status: 'open-in-renderer' });
        }
        const error = await errorOf(h.bridge.files.openDocument({ fileName: 'x.exe', contentBase64: 'AA==', mimeType: 'application/x-msdownload' as never }));
        expect(error.code).toBe('invalid-arguments');
        // A name the system would run rather than view is refused, whatever the type says.
        const renamed = await errorOf(h.bridge.files.openDocument({ fileName: 'facture.bat', contentBase64: pdf.toString('base64'), mimeType: 'application/pdf' }));
        expect(renamed.issues?.map((i) => i.path)).toContain('fileName');
        if (h.expectedShell === 'electron') {
          const notPdf = await errorOf(
            h.bridge.files.openDocument({ fileName: 'facture.pdf', contentBase64: Buffer.from('@echo off').toString('base64'), mimeType: 'application/pdf' }),
          );
          expect(notPdf.code).toBe('invalid-arguments');
        }
      } finally {
        await h.teardown();
      }
    });

    it('archives a letter, opens it by id, and refuses an id out of the letters folder', async () => {
      const h = await setup();
      try {
        const { letter } = await import('../letters/fixtures');
        const { id, pages } = await h.bridge.letters.archive({ letter: letter(), name: '2026-11-22 Relance - Brasserie' });
        expect([id, pages]).toEqual(['letters/2026/2026-11-22 Relance - Brasserie.pdf', 1]);
        const opened = await h.bridge.letters.openArchived({ id });
        if (h.expectedShell === 'electron') expect(opened).toEqual({ status: 'opened' });
        else expect(opened.status === 'open-in-renderer' && Buffer.from(opened.pdfBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
        const traversal = await errorOf(h.bridge.letters.openArchived({ id: 'letters/2026/../../mail-password.bin' }));
        expect(traversal.code).toBe('invalid-arguments');
        expect(traversal.issues?.map((i) => i.path)).toContain('id');
        // The same bytes back for an email attachment, in both shells; the same guard on the id.
        const read = await h.bridge.letters.readArchived({ id });
        expect(Buffer.from(read.pdfBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
        const outside = await errorOf(h.bridge.letters.readArchived({ id: 'letters/2026/../../mail-password.bin' }));
        expect(outside.code).toBe('invalid-arguments');
      } finally {
        await h.teardown();
      }
    });

    it('keeps a daily backup and gives it back byte for byte', async () => {
      const h = await setup();
      try {
        const content = Buffer.from(JSON.stringify({ relance: { format: 'test' }, rows: ['é', '€'] }), 'utf8');
        const saved = await h.bridge.backup.saveDaily({ contentBase64: content.toString('base64'), timeZone: 'Europe/Paris' });
        expect(saved.fileName).toMatch(/^relance-\d{4}-\d{2}-\d{2}\.json$/);
        expect(saved.bytes).toBe(content.length);
        const { backups } = await h.bridge.backup.list({});
        expect(backups.map((b) => b.fileName)).toEqual([saved.fileName]);
        const read = await h.bridge.backup.read({ fileName: saved.fileName });
        expect(Buffer.from(read.contentBase64, 'base64')).toEqual(content);
        const error = await errorOf(h.bridge.backup.read({ fileName: '../web-host.json' as never }));
        expect(error.code).toBe('invalid-arguments');
      } finally {
        await h.teardown();
      }
    });

    it('keeps the background mode in the desktop app, and only shows it in the browser', async () => {
      const h = await setup();
      try {
        const desktop = h.expectedShell === 'electron';
        // Off by default: closing the window quits, nothing starts with the session.
        expect(await h.bridge.app.getBackgroundMode({})).toEqual({
          supported: desktop,
          keepRunningInTray: false,
          launchAtLogin: false,
        });
        const change = h.bridge.app.setBackgroundMode({ keepRunningInTray: true, launchAtLogin: true });
        if (desktop) {
          expect(await change).toEqual({ supported: true, keepRunningInTray: true, launchAtLogin: true });
          await h.bridge.app.setBackgroundMode({ keepRunningInTray: true, launchAtLogin: false });
          expect(await h.bridge.app.getBackgroundMode({})).toEqual({
            supported: true,
            keepRunningInTray: true,
            launchAtLogin: false,
          });
        } else {
          const error = await errorOf(change);
          expect(error.code).toBe('not-allowed');
          expect(error.message).toMatch(/desktop app/);
          expect(await h.bridge.app.getBackgroundMode({})).toEqual({
            supported: false,
            keepRunningInTray: false,
            launchAtLogin: false,
          });
        }
      } finally {
        await h.teardown();
      }
    });

    it('keeps the SMTP settings and never gives the password back', async () => {
      const h = await setup();
      try {
        expect(await h.bridge.mail.getSettings({})).toMatchObject({ settings: null, hasPassword: false });
        const settings = {
          host: 'smtp.orange.fr',
          port: 465,
          security: 'tls' as const,
          user: 'boutique@orange.fr',
          senderName: 'Boulangerie Martin',
          senderAddress: 'boutique@orange.fr',
          replyTo: null,
          copyToShop: null,
          signature: 'À bientôt',
        };
        const saved = await h.bridge.mail.saveSettings({ ...settings, password: 'secret-du-magasin' });
        expect(saved).toEqual({ settings, hasPassword: true, passwordStorage: h.expectedShell === 'electron' ? 'os' : 'file' });
        const read = await h.bridge.mail.getSettings({});
        expect(read).toEqual(saved);
        expect(JSON.stringify(read)).not.toContain('secret-du-magasin');
        const error = await errorOf(h.transport.call('mail.saveSettings', { ...settings, host: 'http://smtp.orange.fr/' }));
        expect(error.issues?.map((i) => i.path)).toContain('host');
      } finally {
        await h.teardown();
      }
    });

    it('refuses an event name outside the contract', async () => {
      const h = await setup();
      try {
        expect(() => h.bridge.on('shell.anything' as never, () => undefined)).toThrow(/unknown event/);
      } finally {
        await h.teardown();
      }
    });
  });
}
