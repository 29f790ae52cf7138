import { ContractError } from '../contract/errors';

/**
 * External links leave the app only through this allow-list: web pages over https (including
 * wa.me for WhatsApp), email, phone calls and SMS. Anything else (file:, javascript:, http:, custom
 * protocols that could launch programs) is refused.
 */
const ALLOWED_PROTOCOLS = new Set(['https:', 'mailto:', 'tel:', 'sms:']);

export function checkExternalUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ContractError('not-allowed', `"${raw.slice(0, 80)}" is not a valid address`);
  }
  if (!ALLOWED_PROTOCOLS.has(url.protocol)) {
    throw new ContractError(
      'not-allowed',
      `Links of type "${url.protocol}" are not opened; allowed: https, mailto, tel, sms`,
    );
  }
  if (url.protocol === 'https:' && (url.username || url.password)) {
    throw new ContractError('not-allowed', 'Links with a user name or password are not opened');
  }
  return url.toString();
}
