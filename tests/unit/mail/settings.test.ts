import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileSecretBox, type SecretBox } from '../../../src-main/services/platform';
import { MailSettingsStore, PASSWORD_FILE, SETTINGS_FILE, SMTP_PRESETS } from '../../../src-main/services/mail/settings';
import { smtpSettings, type SmtpSettings } from '../../../src-main/contract/mail';

const SETTINGS: SmtpSettings = {
  host: 'smtp.orange.fr',
  port: 465,
  security: 'tls',
  user: 'boulangerie.martin@orange.fr',
  senderName: 'Boulangerie Martin',
  senderAddress: 'boulangerie.martin@orange.fr',
  replyTo: null,
  copyToShop: 'compta@boulangerie-martin.fr',
  signature: 'Boulangerie Martin — 12 rue des Lilas',
};

/** A keychain stand-in whose bytes are not the text. */
const osBox = (available = true): SecretBox => ({
  kind: 'os',
  available,
  encrypt: (text) => Buffer.from(`enc:${Buffer.from(text).toString('base64')}`),
  decrypt: (bytes) => Buffer.from(bytes.toString().replace(/^enc:/, ''), 'base64').toString(),
});

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'relance-mail-settings-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the SMTP settings store', () => {
  it('starts unconfigured and says where a password would be kept', async () => {
    const store = new MailSettingsStore(dir, fileSecretBox);
    await store.load();
    expect(store.view()).toEqual({ settings: null, hasPassword: false, passwordStorage: 'file' });
    const os = new MailSettingsStore(dir, osBox());
    await os.load();
    expect(os.view().passwordStorage).toBe('os');
  });

  it('keeps the password in a 0600 file, never in the settings file (browser mode)', async () => {
    const store = new MailSettingsStore(dir, fileSecretBox);
    await store.load();
    const view = await store.save(SETTINGS, 'mot de passe secret');
    expect(view).toEqual({ settings: SETTINGS, hasPassword: true, passwordStorage: 'file' });
    expect(await readFile(join(dir, SETTINGS_FILE), 'utf8')).not.toContain('secret');
    if (process.platform !== 'win32') expect((await stat(join(dir, PASSWORD_FILE))).mode & 0o777).toBe(0o600);
    expect(await store.password()).toBe('mot de passe secret');
  });

  it('encrypts the password with the keychain where there is one, and reads it after a restart', async () => {
    const store = new MailSettingsStore(dir, osBox());
    await store.load();
    await store.save(SETTINGS, 'mot de passe secret');
    expect((await readFile(join(dir, PASSWORD_FILE))).toString()).not.toContain('secret');
    const again = new MailSettingsStore(dir, osBox());
    await again.load();
    expect(again.view()).toEqual({ settings: SETTINGS, hasPassword: true, passwordStorage: 'os' });
    expect(await again.password()).toBe('mot de passe secret');
  });

  it('falls back to the 0600 file when the keychain is not available', async () => {
    const store = new MailSettingsStore(dir, osBox(false));
    await store.load();
    expect((await store.save(SETTINGS, 'pw')).passwordStorage).toBe('file');
    expect(await store.password()).toBe('pw');
  });

  it('keeps the password when none is given, forgets it on null', async () => {
    const store = new MailSettingsStore(dir, fileSecretBox);
    await store.load();
    await store.save(SETTINGS, 'pw');
    expect((await store.save({ ...SETTINGS, port: 587, security: 'starttls' })).hasPassword).toBe(true);
    expect(await store.password()).toBe('pw');
    expect((await store.save(SETTINGS, null)).hasPassword).toBe(false);
    expect(await store.password()).toBeNull();
  });

  it('says the password is unreadable when the keychain went away', async () => {
    const store = new MailSettingsStore(dir, osBox());
    await store.load();
    await store.save(SETTINGS, 'pw');
    const later = new MailSettingsStore(dir, osBox(false));
    await later.load();
    await expect(later.password()).rejects.toThrow(/keychain/);
  });

  it('has presets that are valid settings', () => {
    expect(SMTP_PRESETS.map((p) => p.id)).toEqual(expect.arrayContaining(['gmail', 'outlook', 'orange', 'free', 'sfr', 'ovh', 'infomaniak']));
    for (const preset of SMTP_PRESETS) {
      expect(smtpSettings.safeParse({ ...SETTINGS, host: preset.host, port: preset.port, security: preset.security }).success).toBe(true);
    }
  });
});
