/**
 * The texts of the postal letters that have no template among the messages (builtin-templates.ts
 * already has the first reminder letter, `reminder-letter`, and the formal notice): the second
 * reminder letter, the statement of account and the payment plan agreement, in French and English.
 * Same syntax and wording rules as builtin-templates.ts ("montant dû", nothing threatening, the
 * closing line on reminders). `{{invoiceList}}` marks where the letter's invoice table goes: the
 * PDF prints a real table there (see letter-input.ts).
 */
import type { MessageTemplate } from './model';
import { CLOSING_LINE } from './builtin-templates';
import { bilingual, lines, type TemplateText } from './template-texts';

export const LETTER_TEMPLATE_IDS = {
  secondReminder: 'second-reminder-letter',
  statement: 'statement-letter',
  paymentPlan: 'payment-plan-letter',
} as const;

const ids = LETTER_TEMPLATE_IDS;

const FR: TemplateText[] = [
  {
    id: ids.secondReminder,
    channel: 'letter',
    tone: 'firm',
    subject: 'Deuxième rappel : montant dû de {{amountDueTotal}} (réf. {{invoiceNumbers}})',
    body: lines(
      '{{salutation}}',
      '',
      'Malgré notre précédent rappel, le montant ci-dessous reste à régler à ce jour :',
      '',
      '{{invoiceList}}',
      '',
      'Nous vous remercions de bien vouloir régler ce montant au plus tard le {{newDeadline}}.',
      '{{#iban}}',
      'Règlement par virement, IBAN : {{iban}}',
      '{{/iban}}',
      '',
      'Si une facture pose question, ou si vous souhaitez convenir d’un paiement en plusieurs fois, contactez-nous dès que possible : nous préférons trouver une solution avec vous.',
      '{{#business}}',
      '',
      'Pour mémoire, le Code de commerce prévoit en cas de retard des pénalités de retard et une indemnité forfaitaire pour frais de recouvrement de {{indemnityPerInvoice}} par facture.',
      '{{/business}}',
      '',
      CLOSING_LINE.fr,
      '',
      'Nous vous prions d’agréer nos salutations distinguées.',
      '',
      '{{shopSignature}}',
      '{{#shopPhone}}',
      'Tél. : {{shopPhone}}',
      '{{/shopPhone}}',
    ),
  },
  {
    id: ids.statement,
    channel: 'letter',
    tone: 'friendly',
    subject: 'Relevé de compte : {{invoiceCount}} ouverte(s), {{amountDueTotal}}',
    body: lines(
      '{{salutation}}',
      '',
      'Veuillez trouver ci-dessous le relevé de votre compte, avec chaque facture restant à régler à ce jour et son ancienneté :',
      '',
      '{{invoiceList}}',
      '',
      'Si un règlement est déjà parti, merci de ne pas en tenir compte. Pour toute question sur ce relevé, nous restons à votre disposition.',
      '{{#iban}}',
      'Règlement par virement, IBAN : {{iban}}',
      '{{/iban}}',
      '',
      'Bien cordialement,',
      '',
      '{{shopSignature}}',
      '{{#shopPhone}}',
      'Tél. : {{shopPhone}}',
      '{{/shopPhone}}',
    ),
  },
  {
    id: ids.paymentPlan,
    channel: 'letter',
    tone: 'friendly',
    subject: 'Échéancier de paiement (réf. {{invoiceNumbers}})',
    body: lines(
      '{{salutation}}',
      '',
      'Comme convenu ensemble, le montant dû de {{amountDueTotal}} sur les factures ci-dessous sera réglé selon l’échéancier suivant :',
      '',
      '{{invoiceList}}',
      '',
      'Tant que les échéances sont respectées, nous suspendons toute relance sur ces factures. Si une échéance devait poser difficulté, prévenez-nous avant sa date : nous chercherons une solution ensemble.',
      '',
      'Merci de nous retourner un exemplaire de cet accord daté et signé.',
      '',
      'Bien cordialement,',
      '',
      '{{shopSignature}}',
    ),
  },
];

const EN: TemplateText[] = [
  {
    id: ids.secondReminder,
    channel: 'letter',
    tone: 'firm',
    subject: 'Second reminder: amount due {{amountDueTotal}} (ref. {{invoiceNumbers}})',
    body: lines(
      '{{salutation}}',
      '',
      'Despite our previous reminder, the amount below is still unpaid to date:',
      '',
      '{{invoiceList}}',
      '',
      'We would be grateful if you could pay this amount no later than {{newDeadline}}.',
      '{{#iban}}',
      'Pay by bank transfer, IBAN: {{iban}}',
      '{{/iban}}',
      '',
      'If an invoice raises a question, or if you would like to agree on payment in instalments, please contact us as soon as possible: we would rather find a solution with you.',
      '{{#business}}',
      '',
      'As a reminder, French commercial law (Code de commerce) provides for late-payment penalties and a fixed recovery indemnity of {{indemnityPerInvoice}} per invoice when payment is late.',
      '{{/business}}',
      '',
      CLOSING_LINE.en,
      '',
      'Yours faithfully,',
      '',
      '{{shopSignature}}',
      '{{#shopPhone}}',
      'Tel.: {{shopPhone}}',
      '{{/shopPhone}}',
    ),
  },
  {
    id: ids.statement,
    channel: 'letter',
    tone: 'friendly',
    subject: 'Statement of account: {{invoiceCount}} open, {{amountDueTotal}}',
    body: lines(
      '{{salutation}}',
      '',
      'Please find below the statement of your account, with every invoice still to be paid to date and its age:',
      '',
      '{{invoiceList}}',
      '',
      'If a payment is already on its way, please disregard it. If you have any question about this statement, we are happy to help.',
      '{{#iban}}',
      'Pay by bank transfer, IBAN: {{iban}}',
      '{{/iban}}',
      '',
      'Kind regards,',
      '',
      '{{shopSignature}}',
      '{{#shopPhone}}',
      'Tel.: {{shopPhone}}',
      '{{/shopPhone}}',
    ),
  },
  {
    id: ids.paymentPlan,
    channel: 'letter',
    tone: 'friendly',
    subject: 'Payment plan agreement (ref. {{invoiceNumbers}})',
    body: lines(
      '{{salutation}}',
      '',
      'As agreed together, the amount due of {{amountDueTotal}} on the invoices below will be paid according to the following schedule:',
      '',
      '{{invoiceList}}',
      '',
      'As long as the instalments are paid, we will send no reminder about these invoices. Should an instalment cause you any difficulty, please tell us before its date: we will look for a solution together.',
      '',
      'Please return one copy of this agreement, dated and signed.',
      '',
      'Kind regards,',
      '',
      '{{shopSignature}}',
    ),
  },
];

/** Fresh copies of the letter templates, French first. */
export function letterTemplates(): MessageTemplate[] {
  return bilingual(FR, EN);
}
