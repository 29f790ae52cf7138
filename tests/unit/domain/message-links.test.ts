import { describe, expect, it } from 'vitest';
import { messageLink, mobileNumber } from '../../../src-renderer/domain/message-links';
import { checkExternalUrl } from '../../../src-main/services/external-links';

describe('the mobile a short message goes to', () => {
  it.each([
    ['06 12 34 56 78', { e164: '+33612345678' }],
    ['+33 7 81 23 45 67', { e164: '+33781234567' }],
    ['+32 470 12 34 56', { e164: '+32470123456' }],
    ['01 42 68 53 00', { problem: 'landline' }],
    ['06 12', { problem: 'invalid' }],
    ['', { problem: 'missing' }],
    [undefined, { problem: 'missing' }],
  ])('%s → %o', (raw, expected) => {
    expect(mobileNumber(raw)).toEqual(expected);
  });
});

describe('links to the phone’s own apps', () => {
  const text = 'Bonjour Élodie,\nfacture F-1 & F-2 : 120,00 € #merci ?';

  it.each([
    ['sms', 'sms:+33612345678?body='],
    ['whatsapp', 'https://wa.me/33612345678?text='],
  ] as const)('%s: the number, then the whole text encoded; the opener lets it through unchanged', (channel, prefix) => {
    const link = messageLink(channel, '+33612345678', text);
    expect(link.startsWith(prefix)).toBe(true);
    const query = new URL(link).search.slice(1);
    expect(new URLSearchParams(query).get(channel === 'sms' ? 'body' : 'text')).toBe(text);
    expect(checkExternalUrl(link)).toBe(link);
  });

  it('refuses what is not an E.164 number', () => {
    expect(() => messageLink('sms', '0612345678', 'x')).toThrow(/E\.164/);
  });
});
