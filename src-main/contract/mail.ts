import { z } from 'zod';
import type { MAIL_EVENT_NAMES, MAIL_METHOD_NAMES } from './mail-names';

/**
 * Schemas of the mail service's methods and events (see methods.ts for the conventions).
 *
 * The split of work between the two sides:
 * - the renderer builds each message (templates, HTML escaping of the user's text, signature,
 *   attachments) and owns the outbox in Dexie: it records a reminder as queued, asks main to send it
 *   with an idempotency key, and decides when to retry (1 min, 5 min, 30 min, 2 h, then "needs
 *   attention" in Today);
 * - main sends through SMTP, keeps the journal of keys handed to SMTP (`<data>/mail-journal.jsonl`),
 *   never sends a key twice, and only *classifies* a failure as temporary (worth retrying with the
 *   same key) or permanent (needs the user; a new attempt takes a new key).
 */

const isoInstant = z.iso.datetime({ offset: true });
const noLineBreak = (value: string) => !/[\r\n]/.test(value);

export const emailAddress = z.email().max(254);

/** A host name or an IP address; never a URL (no scheme, no path, no spaces). */
const hostName = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .regex(/^(?:[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?|\[[0-9a-f:.]+\])$/i, 'must be a host name such as smtp.example.fr');

export const smtpSecurity = z.enum(['none', 'starttls', 'tls']);
export type SmtpSecurity = z.infer<typeof smtpSecurity>;

/** The SMTP settings the shop sees and edits; the password is never part of them. */
export const smtpSettings = z
  .object({
    host: hostName,
    port: z.number().int().min(1).max(65_535),
    /** `tls`: TLS from the first byte (port 465); `starttls`: plain then upgraded, TLS required (587); `none`: never TLS. */
    security: smtpSecurity,
    /** Login; empty for a server without authentication. */
    user: z.string().max(320).refine(noLineBreak, 'must be on one line'),
    senderName: z.string().max(200).refine(noLineBreak, 'must be on one line'),
    senderAddress: emailAddress,
    replyTo: emailAddress.nullable(),
    /** The shop's own address, copied (Bcc) on every message sent; `null` for none. */
    copyToShop: emailAddress.nullable(),
    /** Added by the renderer to the messages it builds; main never appends it. */
    signature: z.string().max(5_000),
  })
  .strict();
export type SmtpSettings = z.infer<typeof smtpSettings>;

/**
 * Where the password is kept: `os` = encrypted with the system's keychain (Electron's safeStorage);
 * `file` = a file of the data folder readable only by the user (browser mode, or no keychain): the
 * screen says so.
 */
export const passwordStorage = z.enum(['os', 'file']);

const settingsResult = z.object({
  /** `null` until the shop saved settings once. */
  settings: smtpSettings.nullable(),
  hasPassword: z.boolean(),
  passwordStorage,
});

/**
 * Host, port and security of common providers, for the settings screen. An app password is needed
 * where the provider has two-step verification (Gmail, Outlook).
 */
export const SMTP_PRESETS = [
  { id: 'gmail', label: 'Gmail', host: 'smtp.gmail.com', port: 587, security: 'starttls' },
  { id: 'outlook', label: 'Outlook / Office 365', host: 'smtp.office365.com', port: 587, security: 'starttls' },
  { id: 'outlook-com', label: 'Outlook.com / Hotmail', host: 'smtp-mail.outlook.com', port: 587, security: 'starttls' },
  { id: 'orange', label: 'Orange', host: 'smtp.orange.fr', port: 465, security: 'tls' },
  { id: 'free', label: 'Free', host: 'smtp.free.fr', port: 465, security: 'tls' },
  { id: 'sfr', label: 'SFR', host: 'smtp.sfr.fr', port: 465, security: 'tls' },
  { id: 'laposte', label: 'La Poste', host: 'smtp.laposte.net', port: 465, security: 'tls' },
  { id: 'bouygues', label: 'Bouygues Telecom', host: 'smtp.bbox.fr', port: 587, security: 'starttls' },
  { id: 'ovh', label: 'OVHcloud', host: 'ssl0.ovh.net', port: 465, security: 'tls' },
  { id: 'infomaniak', label: 'Infomaniak', host: 'mail.infomaniak.com', port: 465, security: 'tls' },
  { id: 'ionos', label: 'IONOS', host: 'smtp.ionos.fr', port: 465, security: 'tls' },
  { id: 'gandi', label: 'Gandi', host: 'mail.gandi.net', port: 465, security: 'tls' },
  { id: 'yahoo', label: 'Yahoo', host: 'smtp.mail.yahoo.com', port: 465, security: 'tls' },
  { id: 'icloud', label: 'iCloud', host: 'smtp.mail.me.com', port: 587, security: 'starttls' },
] as const satisfies readonly { id: string; label: string; host: string; port: number; security: SmtpSecurity }[];

/**
 * Why a send failed, for the UI to translate. `permanent` failures need the user (needs attention,
 * no retry with the same key); the others may be retried with the same key.
 */
export const MAIL_FAILURE_CODES = [
  'auth', // 535 and other authentication refusals: wrong user or password
  'refused', // 5xx: the server refused the message
  'bad-address', // a recipient refused by the server (550 on RCPT) or not an address
  'tls', // TLS could not be set up (certificate, version, STARTTLS not offered)
  'unknown-host', // ENOTFOUND: no such host (or no network to ask)
  'timeout',
  'connection-refused', // ECONNREFUSED: nothing listens on that port
  'network', // the connection broke before the message was handed over
  'temporary', // 4xx: try again later
  'not-configured', // no SMTP settings yet
  'no-password', // the stored password cannot be read any more (keychain changed)
  'unknown',
] as const;
export const mailFailureCode = z.enum(MAIL_FAILURE_CODES);
export type MailFailureCode = z.infer<typeof mailFailureCode>;

export const mailSendResult = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('sent'),
    /** The Message-ID header, `<relance.<key>@<sender's domain>>`: findable in the sent folder. */
    messageId: z.string(),
    /** The server's last reply ("250 2.0.0 OK queued as …"). */
    response: z.string(),
    accepted: z.array(z.string()),
    /** Recipients the server refused while accepting the others. */
    rejected: z.array(z.string()),
    at: isoInstant,
  }),
  z.object({
    status: z.literal('failed'),
    permanent: z.boolean(),
    code: mailFailureCode,
    /** The server's own words when it answered, else the system's error. */
    message: z.string(),
    responseCode: z.number().int().nullable(),
    at: isoInstant,
  }),
  /**
   * The message was handed to SMTP and its outcome is unknown (the app stopped during the send, or
   * the connection broke after the message body was sent): it may or may not have left. Never
   * retried automatically: the user checks the mailbox's sent folder and, if needed, sends again
   * (with a new key).
   */
  z.object({
    status: z.literal('needs-attention'),
    code: z.literal('interrupted'),
    message: z.string(),
    at: isoInstant,
  }),
]);
export type MailSendResult = z.infer<typeof mailSendResult>;

const recipient = z
  .object({
    name: z.string().max(200).refine(noLineBreak, 'must be on one line').optional(),
    address: emailAddress,
  })
  .strict();

export const idempotencyKey = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{7,99}$/, 'must be 8 to 100 letters, digits, - or _ (a UUID)');

const attachment = z
  .object({
    fileName: z
      .string()
      .min(1)
      .max(200)
      .refine((name) => !/[/\\\0\r\n]/.test(name), 'must be a file name, without a folder'),
    /** 15 MB of data at most (what most providers accept in one message). */
    contentBase64: z.base64().max(20_000_000),
    contentType: z.string().min(3).max(100).regex(/^[\w.+-]+\/[\w.+-]+$/, 'must be a MIME type'),
    /** Content-ID for an inline image the HTML shows with `cid:` (the SEPA QR code). */
    cid: z.string().min(1).max(200).regex(/^[\w.@-]+$/).optional(),
  })
  .strict();

/** A message the renderer built: main sends it as it is. */
export const mailDraft = z
  .object({
    idempotencyKey,
    to: z.array(recipient).min(1).max(50),
    cc: z.array(recipient).max(50).optional(),
    subject: z.string().min(1).max(900).refine(noLineBreak, 'must be on one line'),
    text: z.string().max(1_000_000),
    html: z.string().max(2_000_000),
    attachments: z.array(attachment).max(10).optional(),
  })
  .strict();
export type MailDraft = z.infer<typeof mailDraft>;

/** What the journal knows of a key. `none`: never handed to SMTP (send it). */
export const mailKeyState = z.object({
  key: z.string(),
  state: z.enum(['none', 'sending', 'sent', 'failed', 'needs-attention']),
  /** The last result (`null` for `none` and `sending`). */
  result: mailSendResult.nullable(),
  /** How many times the key was handed to SMTP. */
  attempts: z.number().int().nonnegative(),
});

export const mailMethods = {
  'mail.getSettings': {
    args: z.object({}).strict(),
    result: settingsResult,
  },
  'mail.saveSettings': {
    args: smtpSettings
      .extend({
        /** Absent: keep the stored password; `null`: forget it; a string: replace it. */
        password: z.string().min(1).max(500).nullable().optional(),
      })
      .strict(),
    result: settingsResult,
  },
  'mail.sendTest': {
    args: z.object({ to: emailAddress, language: z.enum(['fr', 'en']).optional() }).strict(),
    result: mailSendResult,
  },
  'mail.send': {
    args: mailDraft,
    result: mailSendResult,
  },
  'mail.status': {
    args: z.object({ keys: z.array(idempotencyKey).max(1_000) }).strict(),
    result: z.object({ keys: z.array(mailKeyState) }),
  },
} as const satisfies Record<(typeof MAIL_METHOD_NAMES)[number], { args: z.ZodType; result: z.ZodType }>;

export const mailEvents = {} as const satisfies Record<(typeof MAIL_EVENT_NAMES)[number], z.ZodType>;
