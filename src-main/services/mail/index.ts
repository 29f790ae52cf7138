import type { MAIL_METHOD_NAMES } from '../../contract/mail-names';
import type { ServiceModule } from '../handler-types';
import type { EventSink, Platform } from '../platform';

export type MailMethodName = (typeof MAIL_METHOD_NAMES)[number];

/** The mail service: SMTP settings, sending through nodemailer, the outbox journal. */
export async function createMailService(_platform: Platform, _events: EventSink): Promise<ServiceModule<MailMethodName>> {
  return { handlers: {}, stop: () => undefined };
}
