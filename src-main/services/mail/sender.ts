import nodemailer from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import type { ConnectionOptions } from 'node:tls';
import type { MailDraft, MailFailureCode, MailSendResult, SmtpSettings } from '../../contract/mail';

/**
 * Sends one message through the shop's SMTP server with nodemailer, and turns every failure into a
 * code the UI translates, with `permanent` telling the renderer's outbox whether to retry:
 * - temporary (retried by the renderer with the same key, 1 min, 5 min, 30 min, 2 h): 4xx replies,
 *   timeouts, connection refused, a broken connection, an unknown host (an offline computer cannot
 *   resolve names either);
 * - permanent (needs attention at once, the server's words shown): authentication refused, 5xx,
 *   refused recipients, TLS problems, no settings;
 * - unknown outcome: the connection broke while the message itself was being handed over (DATA):
 *   it may have been accepted, so it is never retried automatically (`needs-attention`, code
 *   `interrupted`).
 */

export interface SendContext {
  settings: SmtpSettings;
  password: string | null;
  /** Extra TLS options (the tests trust their self-signed certificate with `ca`). */
  tls?: ConnectionOptions;
  timeouts?: { connectionMs?: number; greetingMs?: number; socketMs?: number };
  now?: () => Date;
}

/** `<relance.<key>@<sender's domain>>`: the same key always gets the same Message-ID. */
export function messageIdFor(key: string, senderAddress: string): string {
  const domain = senderAddress.split('@').pop() || 'relance.invalid';
  return `<relance.${key}@${domain}>`;
}

export function createTransport(context: SendContext, logger?: SMTPTransport.Options['logger']) {
  const { settings, password } = context;
  const options: SMTPTransport.Options = {
    ...(logger ? { logger } : {}),
    host: settings.host,
    port: settings.port,
    secure: settings.security === 'tls',
    requireTLS: settings.security === 'starttls',
    ignoreTLS: settings.security === 'none',
    connectionTimeout: context.timeouts?.connectionMs ?? 20_000,
    greetingTimeout: context.timeouts?.greetingMs ?? 20_000,
    socketTimeout: context.timeouts?.socketMs ?? 60_000,
    tls: { minVersion: 'TLSv1.2', ...context.tls },
    ...(settings.user ? { auth: { user: settings.user, pass: password ?? '' } } : {}),
  };
  return nodemailer.createTransport(options);
}

export async function sendDraft(draft: MailDraft, context: SendContext): Promise<MailSendResult> {
  const now = context.now ?? (() => new Date());
  const { settings } = context;
  const handover = watchHandover();
  const transport = createTransport(context, handover.logger);
  try {
    const info = await transport.sendMail({
      from: { name: settings.senderName, address: settings.senderAddress },
      ...(settings.replyTo ? { replyTo: settings.replyTo } : {}),
      to: draft.to.map((r) => ({ name: r.name ?? '', address: r.address })),
      ...(draft.cc?.length ? { cc: draft.cc.map((r) => ({ name: r.name ?? '', address: r.address })) } : {}),
      ...(settings.copyToShop ? { bcc: settings.copyToShop } : {}),
      subject: draft.subject,
      text: draft.text,
      html: draft.html,
      messageId: messageIdFor(draft.idempotencyKey, settings.senderAddress),
      attachments: (draft.attachments ?? []).map((a) => ({
        filename: a.fileName,
        content: Buffer.from(a.contentBase64, 'base64'),
        contentType: a.contentType,
        ...(a.cid ? { cid: a.cid } : {}),
      })),
      // Never let nodemailer fetch a URL or read a file named in the draft.
      disableFileAccess: true,
      disableUrlAccess: true,
    });
    return {
      status: 'sent',
      messageId: info.messageId,
      response: info.response,
      accepted: info.accepted.map(String),
      rejected: info.rejected.map(String),
      at: now().toISOString(),
    };
  } catch (error) {
    return classifyFailure(error, now(), handover.handed());
  } finally {
    transport.close();
  }
}

/**
 * Whether the whole message has been handed to the server: nodemailer logs (at info, `tnx:
 * 'message'`) the end of the message data it wrote. A failure after that with no answer from the
 * server (a timeout while it takes its time to say 250, a cut connection) has an unknown outcome —
 * the server may have the message — and nodemailer reports such a timeout with command `CONN`,
 * whatever the phase, so the phase is taken from here.
 */
function watchHandover(): { logger: NonNullable<SMTPTransport.Options['logger']>; handed: () => boolean } {
  let handed = false;
  const ignore = (): void => {};
  const logger = {
    trace: ignore,
    debug: ignore,
    warn: ignore,
    error: ignore,
    fatal: ignore,
    level: ignore,
    info: (entry: unknown): void => {
      if ((entry as { tnx?: string } | null)?.tnx === 'message') handed = true;
    },
  };
  return { logger: logger as unknown as NonNullable<SMTPTransport.Options['logger']>, handed: () => handed };
}

interface SmtpError {
  code?: string;
  responseCode?: number;
  response?: string;
  command?: string;
  message?: string;
}

const TLS_PATTERN = /certificate|self[- ]signed|\bSSL\b|\bTLS\b|wrong version number|handshake|unable to verify|CERT_|ERR_SSL/i;

/**
 * The code, permanence and message of a nodemailer failure. `messageHanded`: the whole message had
 * been written to the server when it failed (see watchHandover).
 */
export function classifyFailure(error: unknown, at: Date, messageHanded = false): MailSendResult {
  const e = (error ?? {}) as SmtpError;
  const message = (e.response || e.message || String(error)).slice(0, 1_000);
  const responseCode = typeof e.responseCode === 'number' ? e.responseCode : null;
  const failed = (code: MailFailureCode, permanent: boolean): MailSendResult => ({
    status: 'failed',
    permanent,
    code,
    message,
    responseCode,
    at: at.toISOString(),
  });
  const text = `${e.code ?? ''} ${e.message ?? ''}`;

  if (responseCode !== null) {
    if (e.code === 'EAUTH' || responseCode === 535 || responseCode === 534) return failed('auth', true);
    if (responseCode >= 400 && responseCode < 500) return failed('temporary', false);
    if (e.code === 'EENVELOPE' || /^RCPT/i.test(e.command ?? '')) return failed('bad-address', true);
    if (responseCode >= 500) return failed('refused', true);
  }
  if (e.code === 'EAUTH') return failed('auth', true);
  if (e.code === 'EENVELOPE') return failed('bad-address', true);
  if (e.code === 'ETLS' || TLS_PATTERN.test(text)) return failed('tls', true);
  if (/ENOTFOUND|EAI_AGAIN|EDNS/.test(text)) return failed('unknown-host', false);
  if (/ECONNREFUSED/.test(text)) return failed('connection-refused', false);
  const brokenConnection = /ETIMEDOUT|timeout|ECONNRESET|EPIPE|ESOCKET|ECONNECTION|EHOSTUNREACH|ENETUNREACH|ENETDOWN|closed/i.test(text);
  if (brokenConnection && (messageHanded || /^DATA/i.test(e.command ?? ''))) {
    // The message may have reached the server: its outcome is unknown, never retry it blindly.
    return {
      status: 'needs-attention',
      code: 'interrupted',
      message: `The connection broke while the message was being sent: ${message}`,
      at: at.toISOString(),
    };
  }
  if (/ETIMEDOUT|timeout/i.test(text)) return failed('timeout', false);
  if (brokenConnection) return failed('network', false);
  return failed('unknown', true);
}
