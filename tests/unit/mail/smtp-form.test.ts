import { describe, expect, it } from 'vitest';
import { applyPreset, EMPTY_SMTP_FORM, formFromSettings, passwordArgument, presetOf, settingsFromForm, type SmtpFormValues } from '../../../src-renderer/features/mail/smtp-form';

const FILLED: SmtpFormValues = {
  ...EMPTY_SMTP_FORM,
  host: ' smtp.orange.fr ',
  port: 465,
  security: 'tls',
  user: 'boulangerie@orange.fr',
  senderName: 'Boulangerie Martin',
  senderAddress: 'boulangerie@orange.fr',
};

describe('the SMTP settings form', () => {
  it('fills host, port and security from a provider and recognises it back', () => {
    const gmail = applyPreset(FILLED, 'gmail');
    expect(gmail).toMatchObject({ host: 'smtp.gmail.com', port: 587, security: 'starttls', senderName: 'Boulangerie Martin' });
    expect(presetOf(gmail)).toBe('gmail');
    expect(presetOf({ ...gmail, port: 25 })).toBeNull();
    expect(applyPreset(FILLED, 'no-such-provider')).toBe(FILLED);
  });

  it.each([
    ['a valid form', {}, []],
    ['an empty host', { host: '' }, ['host']],
    ['a URL as host', { host: 'https://smtp.orange.fr' }, ['host']],
    ['no port', { port: '' as const }, ['port']],
    ['a port out of range', { port: 70000 }, ['port']],
    ['a bad sender address', { senderAddress: 'boulangerie' }, ['senderAddress']],
    ['a bad reply-to', { replyTo: 'compta@' }, ['replyTo']],
    ['a copy asked without an address', { copyToShopEnabled: true, copyToShop: '' }, ['copyToShop']],
    ['a line break in the sender name', { senderName: 'A\nBcc: x@y.fr' }, ['senderName']],
  ] as const)('checks %s', (_name, patch, errors) => {
    const result = settingsFromForm({ ...FILLED, ...patch });
    if (errors.length === 0) expect(result.ok).toBe(true);
    else expect(result).toEqual({ ok: false, errors });
  });

  it('turns empty optional addresses into null and trims', () => {
    const result = settingsFromForm({ ...FILLED, replyTo: '  ', copyToShopEnabled: false, copyToShop: 'x@y.fr' });
    expect(result).toEqual({
      ok: true,
      settings: { host: 'smtp.orange.fr', port: 465, security: 'tls', user: 'boulangerie@orange.fr', senderName: 'Boulangerie Martin', senderAddress: 'boulangerie@orange.fr', replyTo: null, copyToShop: null, signature: '' },
    });
  });

  it('starts new settings from the shop identity and shows stored ones as they are', () => {
    expect(formFromSettings(null, { name: 'Boulangerie', email: 'b@x.fr', signature: 'Sig' })).toMatchObject({ senderName: 'Boulangerie', senderAddress: 'b@x.fr', signature: 'Sig', copyToShopEnabled: false });
    const stored = settingsFromForm({ ...FILLED, copyToShopEnabled: true, copyToShop: 'compta@x.fr' });
    if (!stored.ok) throw new Error('expected valid');
    expect(settingsFromForm(formFromSettings(stored.settings, { name: '' }))).toEqual(stored);
  });

  it.each([
    ['keep', 'typed', {}],
    ['replace', 'secret', { password: 'secret' }],
    ['replace', '', {}],
    ['forget', 'typed', { password: null }],
  ] as const)('password choice %s with "%s" sends %o', (choice, typed, expected) => {
    expect(passwordArgument(choice, typed)).toEqual(expected);
  });
});
