import { SMTP_PRESETS, smtpSettings, type SmtpSecurity, type SmtpSettings } from '../../../src-main/contract/mail';

/**
 * The SMTP settings form's values and their check, kept apart from the component so that they are
 * tested without a browser. The check is the contract's own schema: what the form accepts, main
 * accepts.
 */

export interface SmtpFormValues {
  host: string;
  port: number | '';
  security: SmtpSecurity;
  user: string;
  senderName: string;
  senderAddress: string;
  replyTo: string;
  copyToShopEnabled: boolean;
  copyToShop: string;
  signature: string;
}

/** What happens to the stored password on save (the password itself never comes back from main). */
export type PasswordChoice = 'keep' | 'replace' | 'forget';

export type SmtpFormField = 'host' | 'port' | 'user' | 'senderName' | 'senderAddress' | 'replyTo' | 'copyToShop' | 'signature';

export const EMPTY_SMTP_FORM: SmtpFormValues = {
  host: '',
  port: 587,
  security: 'starttls',
  user: '',
  senderName: '',
  senderAddress: '',
  replyTo: '',
  copyToShopEnabled: false,
  copyToShop: '',
  signature: '',
};

/** The form as stored settings show it; new settings start from the shop's name and address. */
export function formFromSettings(settings: SmtpSettings | null, shop: { name: string; email?: string; signature?: string }): SmtpFormValues {
  if (!settings) {
    return {
      ...EMPTY_SMTP_FORM,
      senderName: shop.name,
      senderAddress: shop.email ?? '',
      user: shop.email ?? '',
      copyToShop: shop.email ?? '',
      signature: shop.signature ?? '',
    };
  }
  return {
    host: settings.host,
    port: settings.port,
    security: settings.security,
    user: settings.user,
    senderName: settings.senderName,
    senderAddress: settings.senderAddress,
    replyTo: settings.replyTo ?? '',
    copyToShopEnabled: settings.copyToShop !== null,
    copyToShop: settings.copyToShop ?? shop.email ?? '',
    signature: settings.signature,
  };
}

/** Host, port and security of a provider; the rest of the form is left as typed. */
export function applyPreset(values: SmtpFormValues, presetId: string): SmtpFormValues {
  const preset = SMTP_PRESETS.find((p) => p.id === presetId);
  return preset ? { ...values, host: preset.host, port: preset.port, security: preset.security } : values;
}

/** The preset the host/port/security match, for the provider picker to show; null for "other". */
export function presetOf(values: Pick<SmtpFormValues, 'host' | 'port' | 'security'>): string | null {
  const host = values.host.trim().toLowerCase();
  return SMTP_PRESETS.find((p) => p.host === host && p.port === values.port && p.security === values.security)?.id ?? null;
}

/** The settings to save, or the fields that are wrong (empty optional addresses become null). */
export function settingsFromForm(values: SmtpFormValues): { ok: true; settings: SmtpSettings } | { ok: false; errors: SmtpFormField[] } {
  const optional = (text: string) => (text.trim() === '' ? null : text.trim());
  const candidate = {
    host: values.host.trim(),
    port: values.port === '' ? Number.NaN : values.port,
    security: values.security,
    user: values.user.trim(),
    senderName: values.senderName.trim(),
    senderAddress: values.senderAddress.trim(),
    replyTo: optional(values.replyTo),
    copyToShop: values.copyToShopEnabled ? values.copyToShop.trim() : null,
    signature: values.signature,
  };
  const parsed = smtpSettings.safeParse(candidate);
  if (parsed.success) return { ok: true, settings: parsed.data };
  const errors = new Set<SmtpFormField>();
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if (typeof field === 'string' && field !== 'security') errors.add(field as SmtpFormField);
  }
  return { ok: false, errors: [...errors] };
}

/** The `password` member of `mail.saveSettings`: absent keeps, null forgets, a string replaces. */
export function passwordArgument(choice: PasswordChoice, typed: string): { password?: string | null } {
  if (choice === 'forget') return { password: null };
  if (choice === 'replace' && typed !== '') return { password: typed };
  return {};
}
