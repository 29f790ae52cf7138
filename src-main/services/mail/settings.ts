import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ContractError } from '../../contract/errors';
import { smtpSettings, type SmtpSettings } from '../../contract/mail';
import { toIoError, writeFileAtomic } from '../files';
import type { SecretBox } from '../platform';

export { SMTP_PRESETS } from '../../contract/mail';

/**
 * The shop's SMTP settings, kept by main in the data folder:
 * - `<data>/mail-settings.json`: everything but the password, plus `passwordStorage`, how the
 *   password file was written;
 * - `<data>/mail-password.bin`: the password, encrypted with the platform's keychain (`os`), or, where
 *   there is none (browser mode, a Linux session without a keyring), the text itself (`file`) — the
 *   file is created with mode 0600 (readable by the user alone) in both cases, and the settings answer
 *   says which, so the screen can tell the user.
 * The password never leaves main: the contract only says `hasPassword`.
 */
export const SETTINGS_FILE = 'mail-settings.json';
export const PASSWORD_FILE = 'mail-password.bin';

export interface SettingsView {
  settings: SmtpSettings | null;
  hasPassword: boolean;
  passwordStorage: 'os' | 'file';
}

interface StoredSettings {
  version: 1;
  settings: SmtpSettings;
  /** How mail-password.bin was written; absent when there is no password. */
  passwordStorage?: 'os' | 'file';
}

export class MailSettingsStore {
  private readonly settingsPath: string;
  private readonly passwordPath: string;
  private stored: StoredSettings | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    dataDir: string,
    private readonly secrets: SecretBox,
  ) {
    this.settingsPath = join(dataDir, SETTINGS_FILE);
    this.passwordPath = join(dataDir, PASSWORD_FILE);
  }

  /** Reads the settings file; a missing or damaged file means "not configured". */
  async load(): Promise<void> {
    try {
      const raw = JSON.parse(await readFile(this.settingsPath, 'utf8')) as Partial<StoredSettings>;
      const settings = smtpSettings.safeParse(raw.settings);
      this.stored = settings.success
        ? {
            version: 1,
            settings: settings.data,
            ...(raw.passwordStorage === 'os' || raw.passwordStorage === 'file' ? { passwordStorage: raw.passwordStorage } : {}),
          }
        : null;
    } catch {
      this.stored = null;
    }
  }

  /** How a password saved now would be kept. */
  get storageKind(): 'os' | 'file' {
    return this.secrets.kind === 'os' && this.secrets.available ? 'os' : 'file';
  }

  view(): SettingsView {
    return {
      settings: this.stored?.settings ?? null,
      hasPassword: this.stored?.passwordStorage !== undefined,
      passwordStorage: this.stored?.passwordStorage ?? this.storageKind,
    };
  }

  get settings(): SmtpSettings | null {
    return this.stored?.settings ?? null;
  }

  /** Saves the settings; `password` absent keeps the stored one, `null` forgets it. Saves are serialised. */
  save(settings: SmtpSettings, password?: string | null): Promise<SettingsView> {
    const run = this.queue.then(() => this.write(settings, password));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** The stored password, decrypted; `null` when there is none. Throws when it cannot be read. */
  async password(): Promise<string | null> {
    const storage = this.stored?.passwordStorage;
    if (storage === undefined) return null;
    let bytes: Buffer;
    try {
      bytes = await readFile(this.passwordPath);
    } catch {
      throw new PasswordUnreadableError('The password file is missing: enter the password again');
    }
    if (storage === 'file') return bytes.toString('utf8');
    if (this.secrets.kind !== 'os' || !this.secrets.available) {
      throw new PasswordUnreadableError('The system keychain is not available: enter the password again');
    }
    try {
      return this.secrets.decrypt(bytes);
    } catch {
      throw new PasswordUnreadableError('The system keychain cannot decrypt the password: enter the password again');
    }
  }

  private async write(settings: SmtpSettings, password: string | null | undefined): Promise<SettingsView> {
    let passwordStorage = this.stored?.passwordStorage;
    if (password === null) {
      await rm(this.passwordPath, { force: true }).catch((error: unknown) => {
        throw toIoError(error, this.passwordPath);
      });
      passwordStorage = undefined;
    } else if (password !== undefined) {
      const kind = this.storageKind;
      let bytes: Buffer;
      try {
        bytes = kind === 'os' ? this.secrets.encrypt(password) : Buffer.from(password, 'utf8');
      } catch (error) {
        throw new ContractError('internal', `Could not encrypt the password: ${error instanceof Error ? error.message : String(error)}`);
      }
      // writeFileAtomic creates the file with mode 0600 before renaming it into place.
      await writeFileAtomic(this.passwordPath, bytes);
      passwordStorage = kind;
    }
    const next: StoredSettings = { version: 1, settings, ...(passwordStorage ? { passwordStorage } : {}) };
    await writeFileAtomic(this.settingsPath, Buffer.from(`${JSON.stringify(next, null, 2)}\n`, 'utf8'));
    this.stored = next;
    return this.view();
  }
}

export class PasswordUnreadableError extends Error {
  override readonly name = 'PasswordUnreadableError';
}
