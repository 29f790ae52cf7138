import type { ConnectionOptions } from 'node:tls';
import type { MAIL_METHOD_NAMES } from '../../contract/mail-names';
import type { MailDraft, MailSendResult } from '../../contract/mail';
import type { ServiceModule } from '../handler-types';
import type { EventSink, Platform } from '../platform';
import { MailJournal } from './journal';
import { Outbox, type Prepare } from './outbox';
import { sendDraft, type SendContext } from './sender';
import { MailSettingsStore, PasswordUnreadableError } from './settings';

export type MailMethodName = (typeof MAIL_METHOD_NAMES)[number];

export interface MailServiceOptions {
  /** Extra TLS options for every connection (the tests trust their self-signed certificate). */
  tls?: ConnectionOptions;
  timeouts?: SendContext['timeouts'];
  now?: () => Date;
}

export interface MailService extends ServiceModule<MailMethodName> {
  settings: MailSettingsStore;
  journal: MailJournal;
  outbox: Outbox;
}

const TEST_MESSAGE = {
  fr: {
    subject: 'Relance : e-mail de test',
    text: 'Ceci est un e-mail de test envoyé par Relance. Si vous le lisez, l’envoi des relances fonctionne.',
  },
  en: {
    subject: 'Relance: test email',
    text: 'This is a test email sent by Relance. If you can read it, sending reminders works.',
  },
} as const;

/**
 * The mail service: SMTP settings, sending through nodemailer, the outbox journal.
 *
 * Main only sends and classifies (temporary / permanent, see sender.ts); the retries with backoff
 * (1 min, 5 min, 30 min, 2 h, then "needs attention") belong to the renderer's outbox, which asks
 * again with the same key, and `mail.status` tells it after a restart what became of each key.
 */
export async function createMailService(platform: Platform, _events: EventSink, options: MailServiceOptions = {}): Promise<MailService> {
  const now = options.now ?? (() => new Date());
  const settings = new MailSettingsStore(platform.dataDir, platform.secrets);
  await settings.load();
  const journal = new MailJournal(platform.dataDir);
  await journal.open();

  const failure = (code: 'not-configured' | 'no-password', message: string): { failure: MailSendResult } => ({
    failure: { status: 'failed', permanent: true, code, message, responseCode: null, at: now().toISOString() },
  });

  const prepare: Prepare = async (draft) => {
    const current = settings.settings;
    if (!current) return failure('not-configured', 'The SMTP settings have not been saved yet');
    let password: string | null;
    try {
      password = current.user ? await settings.password() : null;
    } catch (error) {
      if (error instanceof PasswordUnreadableError) return failure('no-password', error.message);
      throw error;
    }
    const context: SendContext = {
      settings: current,
      password,
      now,
      ...(options.tls ? { tls: options.tls } : {}),
      ...(options.timeouts ? { timeouts: options.timeouts } : {}),
    };
    return { transmit: () => sendDraft(draft, context) };
  };
  const outbox = new Outbox(journal, prepare, now);

  return {
    settings,
    journal,
    outbox,
    handlers: {
      'mail.getSettings': async () => settings.view(),
      'mail.saveSettings': async ({ password, ...values }) => settings.save(values, password),
      // Not journaled: a test message has no key and may be sent as often as the user likes.
      'mail.sendTest': async ({ to, language }) => {
        const text = TEST_MESSAGE[language ?? 'fr'];
        const draft: MailDraft = {
          idempotencyKey: `test-${now().getTime()}-${Math.random().toString(36).slice(2, 10)}`,
          to: [{ address: to }],
          subject: text.subject,
          text: text.text,
          html: `<p>${text.text}</p>`,
        };
        const ready = await prepare(draft);
        return 'failure' in ready ? ready.failure : ready.transmit();
      },
      'mail.send': async (draft) => outbox.send(draft),
      'mail.status': async ({ keys }) => ({ keys: keys.map((key) => outbox.state(key)) }),
    },
    stop: () => {
      void journal.close().catch(() => undefined);
    },
  };
}
