/**
 * SMS and WhatsApp without a gateway: the links that open the shop's own phone apps with the message
 * written. Pure; the links go out through the contract's allow-listed opener (sms: and https:).
 */
import { isFrenchMobile, normalizePhone } from './contact-checks';

export type MessageChannel = 'sms' | 'whatsapp';

/**
 * The mobile number a short message can go to, E.164, or why there is none: no number, a number that
 * is not valid, or a French landline (01–05, 09), which receives neither SMS nor WhatsApp.
 */
export function mobileNumber(raw: string | undefined): { e164: string } | { problem: 'missing' | 'invalid' | 'landline' } {
  if (!raw || raw.trim() === '') return { problem: 'missing' };
  const normalized = normalizePhone(raw);
  if ('error' in normalized) return { problem: 'invalid' };
  if (normalized.e164.startsWith('+33') && !isFrenchMobile(normalized.e164)) return { problem: 'landline' };
  return { e164: normalized.e164 };
}

/**
 * `sms:+33612345678?body=…` (RFC 5724; understood by Android, iOS, and Windows' Phone Link) or
 * `https://wa.me/33612345678?text=…` (WhatsApp wants the digits without "+"). The text is
 * percent-encoded whole, so an "&" or a "#" in it stays in the message.
 */
export function messageLink(channel: MessageChannel, e164: string, text: string): string {
  if (!/^\+[1-9]\d{6,14}$/.test(e164)) throw new Error(`Not an E.164 number: ${e164}`);
  const encoded = encodeURIComponent(text.replace(/\r\n?/g, '\n'));
  return channel === 'sms' ? `sms:${e164}?body=${encoded}` : `https://wa.me/${e164.slice(1)}?text=${encoded}`;
}
