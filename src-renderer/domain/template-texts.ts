/**
 * How the shipped template texts are written, shared by builtin-templates.ts (messages),
 * instalment-templates.ts, letter-copy-templates.ts and letter-templates.ts (letters): one line per
 * argument, one list per language assembled into `MessageTemplate`s that share their id across
 * languages, and the lines that tell the customer how to pay.
 */
import type { Language, MessageTemplate } from './model';

/** The text a template is written in, without what `bilingual` adds. */
export type TemplateText = Omit<MessageTemplate, 'language' | 'builtIn'>;

/** Joins the lines of a template body (a blank string is an empty line). */
export const lines = (...parts: string[]): string => parts.join('\n');

/** Fresh built-in copies of both lists, French first. */
export function bilingual(fr: readonly TemplateText[], en: readonly TemplateText[]): MessageTemplate[] {
  return [
    ...fr.map((template): MessageTemplate => ({ ...template, language: 'fr', builtIn: true })),
    ...en.map((template): MessageTemplate => ({ ...template, language: 'en', builtIn: true })),
  ];
}

/**
 * How warmly the payment lines are worded, from the friendliest to the most matter-of-fact:
 * - `courtesy`: nothing is late yet ("Pour vous simplifier la vie, vous pouvez régler en ligne en quelques clics");
 * - `quick`: a first, friendly reminder ("… en quelques clics");
 * - `plain`: "Vous pouvez régler en ligne";
 * - `terse`: the firmer reminders and the letters ("Règlement en ligne", "Règlement par virement, IBAN").
 */
export type PaymentWording = 'courtesy' | 'quick' | 'plain' | 'terse';

const TRANSFER = {
  fr: 'Pour un règlement par virement, notre IBAN : {{iban}}',
  en: 'To pay by bank transfer, our IBAN: {{iban}}',
} as const;

const PAYMENT_WORDS: Record<Language, Record<PaymentWording, { link: string; iban: string }>> = {
  fr: {
    courtesy: { link: 'Pour vous simplifier la vie, vous pouvez régler en ligne en quelques clics : {{paymentLink}}', iban: TRANSFER.fr },
    quick: { link: 'Vous pouvez régler en ligne en quelques clics : {{paymentLink}}', iban: TRANSFER.fr },
    plain: { link: 'Vous pouvez régler en ligne : {{paymentLink}}', iban: TRANSFER.fr },
    terse: { link: 'Règlement en ligne : {{paymentLink}}', iban: 'Règlement par virement, IBAN : {{iban}}' },
  },
  en: {
    courtesy: { link: 'To make things easy, you can pay online in a few clicks: {{paymentLink}}', iban: TRANSFER.en },
    quick: { link: 'You can pay online in a few clicks: {{paymentLink}}', iban: TRANSFER.en },
    plain: { link: 'You can pay online: {{paymentLink}}', iban: TRANSFER.en },
    terse: { link: 'Pay online: {{paymentLink}}', iban: 'Pay by bank transfer, IBAN: {{iban}}' },
  },
};

/**
 * The lines of a template body that say how to pay: the invoices' payment link and the shop's IBAN,
 * each in a section of its own so that it disappears, line and all, when there is none (templates.ts).
 * The link comes first in messages, which are read on a screen; the letters put the IBAN first.
 */
export function paymentLines(language: Language, wording: PaymentWording, order: 'link-first' | 'iban-first' = 'link-first'): string[] {
  const words = PAYMENT_WORDS[language];
  const link = ['{{#paymentLink}}', words[wording].link, '{{/paymentLink}}'];
  const iban = ['{{#iban}}', words[wording].iban, '{{/iban}}'];
  return order === 'link-first' ? [...link, ...iban] : [...iban, ...link];
}
