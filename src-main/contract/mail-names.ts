/**
 * The mail service's method and event names (no zod: the preload imports this). names.ts adds
 * them to the contract; mail.ts has their schemas.
 */
export const MAIL_METHOD_NAMES = ['mail.getSettings', 'mail.saveSettings', 'mail.sendTest', 'mail.send', 'mail.status'] as const;
export const MAIL_EVENT_NAMES = [] as const;
