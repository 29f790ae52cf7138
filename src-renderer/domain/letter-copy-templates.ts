/**
 * The covering email of a letter sent by email as well as by post ("copie par email", letter-copy.ts):
 * French and English, editable in Settings › Message templates like every shipped text. Same wording
 * rules as builtin-templates.ts: addressed by name, "montant dû", the letter's deadline, nothing
 * threatening, the closing line, the shop's signature. It says the letter is attached and also sent
 * by post; the letter itself (its table, its charges) is the PDF.
 *
 * Not a policy step's template: the step is the letter; this text only goes with its copy
 * (`templateChoices` leaves it out).
 */
import { CLOSING_LINE } from './builtin-templates';
import type { MessageTemplate } from './model';
import { bilingual, lines, paymentLines, type TemplateText } from './template-texts';

export const LETTER_COPY_TEMPLATE_ID = 'letter-copy-email';

// Built when asked, not at load: builtin-templates.ts imports this module and CLOSING_LINE from it.
const texts = (): { fr: TemplateText[]; en: TemplateText[] } => ({
  fr: [
    {
      id: LETTER_COPY_TEMPLATE_ID,
      channel: 'email',
      tone: 'firm',
      subject: 'Copie de notre courrier : montant dû de {{amountDueTotal}} (réf. {{invoiceNumbers}})',
      body: lines(
        '{{salutation}}',
        '',
        'Veuillez trouver ci-joint copie du courrier que nous vous adressons par voie postale, au sujet du montant dû suivant :',
        '',
        '{{invoiceList}}',
        '',
        'Montant dû : {{amountDueTotal}}, à régler au plus tard le {{newDeadline}}.',
        '',
        ...paymentLines('fr', 'plain'),
        '',
        'Pour toute question sur ces factures, ou pour convenir d’un paiement en plusieurs fois, contactez-nous{{#shopPhone}} au {{shopPhone}}{{/shopPhone}} : nous préférons trouver une solution avec vous.',
        '',
        CLOSING_LINE.fr,
        '',
        'Bien cordialement,',
        '{{shopSignature}}',
      ),
    },
  ],
  en: [
    {
      id: LETTER_COPY_TEMPLATE_ID,
      channel: 'email',
      tone: 'firm',
      subject: 'Copy of our letter: amount due {{amountDueTotal}} (ref. {{invoiceNumbers}})',
      body: lines(
        '{{salutation}}',
        '',
        'Please find attached a copy of the letter we are sending you by post, about the following amount due:',
        '',
        '{{invoiceList}}',
        '',
        'Amount due: {{amountDueTotal}}, to be paid by {{newDeadline}} at the latest.',
        '',
        ...paymentLines('en', 'plain'),
        '',
        'If you have any question about these invoices, or would like to agree on payment in instalments, please contact us{{#shopPhone}} on {{shopPhone}}{{/shopPhone}}: we would rather find a solution with you.',
        '',
        CLOSING_LINE.en,
        '',
        'Kind regards,',
        '{{shopSignature}}',
      ),
    },
  ],
});

/** Fresh copies of the covering email, French first (added to builtInTemplates()). */
export function letterCopyTemplates(): MessageTemplate[] {
  const { fr, en } = texts();
  return bilingual(fr, en);
}
